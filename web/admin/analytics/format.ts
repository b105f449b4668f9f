// How each metric reads: its name, its unit, and no more decimals than its interval can bear.
export type Ci = readonly [number, number] | null | undefined;
type Kind = "score" | "percent" | "mean" | "index";
export type MetricInfo = { name: string; short: string; kind: Kind; scaleMax?: number; unitText: string };

const titleCase = (slug: string) => slug.replaceAll("-", " ").replace(/^./, (c) => c.toUpperCase());

export const dimensionTitle = (name: string) => titleCase(name);

export function metricInfo(metric: string, scales: Record<string, number> = {}): MetricInfo {
  switch (metric) {
    case "nps":
      return { name: "Net Promoter Score", short: "NPS", kind: "score", unitText: "−100 to 100" };
    case "csat":
      return { name: "CSAT, satisfied (4–5)", short: "CSAT", kind: "percent", unitText: "%" };
    case "csat-mean":
      return { name: "CSAT, mean", short: "CSAT mean", kind: "mean", scaleMax: 5, unitText: "out of 5" };
    case "ces":
      return { name: "Customer effort, mean", short: "CES", kind: "mean", scaleMax: 7, unitText: "out of 7" };
    case "ces-agree":
      return { name: "Customer effort, agree it was easy (5–7)", short: "CES agree", kind: "percent", unitText: "%" };
    case "loyalty":
      return { name: "Loyalty, top-2-box", short: "Loyalty", kind: "percent", unitText: "%" };
    case "index":
      return { name: "Satisfaction index", short: "Index", kind: "index", unitText: "0 to 100" };
    case "response-rate":
      return { name: "Response rate", short: "Response rate", kind: "percent", unitText: "%" };
    default: {
      const name = metric.replace(/^dimension:/, "");
      const max = scales[metric] ?? 5;
      return { name: `${titleCase(name)}, mean`, short: titleCase(name), kind: "mean", scaleMax: max, unitText: `out of ${max}` };
    }
  }
}

const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(decimals: number, signed: boolean): Intl.NumberFormat {
  const key = `${decimals}${signed}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat("en-GB", { minimumFractionDigits: decimals, maximumFractionDigits: decimals, signDisplay: signed ? "exceptZero" : "auto" });
    formatters.set(key, f);
  }
  return f;
}

/** Decimals the interval justifies: one significant figure of its half-width, within the metric's limits. */
export function decimalsFor(kind: Kind, ci: Ci): number {
  const max = kind === "mean" ? 2 : 1;
  const fallback = kind === "mean" ? 1 : 0;
  if (!ci) return fallback;
  const half = (ci[1] - ci[0]) / 2;
  if (!(half > 0)) return fallback;
  return Math.max(0, Math.min(max, Math.ceil(-Math.log10(half))));
}

const integers = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
export const count = (n: number) => integers.format(n);

/** A figure on its own: "+32", "76%", "4.09". Null (no data) is a dash, never a made-up zero. */
export function figure(kind: Kind, value: number | null | undefined, ci?: Ci, decimals = decimalsFor(kind, ci)): string {
  if (value === null || value === undefined) return "—";
  const text = numberFormat(decimals, kind === "score").format(value);
  return kind === "percent" ? `${text}%` : text;
}

/** "±4.5": half the 95 % interval, for a figure read at a glance. */
export function plusMinus(kind: Kind, ci: Ci): string {
  if (!ci) return "";
  const decimals = decimalsFor(kind, ci);
  return `±${numberFormat(decimals, false).format((ci[1] - ci[0]) / 2)}${kind === "percent" ? " pts" : ""}`;
}

/** "14 to 23": the interval itself, for tables. */
export function range(kind: Kind, ci: Ci): string {
  if (!ci) return "not enough answers";
  const decimals = decimalsFor(kind, ci);
  return `${figure(kind, ci[0], ci, decimals)} to ${figure(kind, ci[1], ci, decimals)}`;
}

/** "NPS +18 (±4, n = 1,107)": the line a reader quotes. */
export function headline(info: MetricInfo, value: number | null | undefined, ci: Ci, n: number): string {
  const parts = [plusMinus(info.kind, ci), `n = ${count(n)}`].filter(Boolean).join(", ");
  return `${info.short} ${figure(info.kind, value, ci)}${info.kind === "mean" && info.scaleMax ? ` / ${info.scaleMax}` : ""} (${parts})`;
}

/** A 0–1 chance as people say it: "3%", "under 0.1%". */
export function chance(p: number): string {
  if (p < 0.001) return "under 0.1%";
  if (p < 0.01) return `${numberFormat(1, false).format(p * 100)}%`;
  return `${integers.format(p * 100)}%`;
}

const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A period's short name for an axis: "Oct 2026", "W42", "Q3 2026", "14 Oct". */
export function periodLabel(period: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return `${monthNames[Number(month[2]) - 1]} ${month[1]}`;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period);
  if (day) return `${Number(day[3])} ${monthNames[Number(day[2]) - 1]}`;
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (week) return `W${Number(week[2])} ${week[1]}`;
  return period.replace(/^(\d{4})-(Q\d)$/, "$2 $1");
}

/** "13 Oct 2026": a day in words, so a table never leaves the reader to parse ISO dates. */
export function dayLabel(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${Number(m[3])} ${monthNames[Number(m[2]) - 1]} ${m[1]}` : iso;
}
