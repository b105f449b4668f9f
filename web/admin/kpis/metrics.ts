// KPI and benchmark metrics in words: grouped choices for a select, units, goals and figures with their uncertainty.
import { kpiUnit } from "../../../server/domain/kpi-units";
import { dimensionTitle } from "../analytics/format";

export type MetricOption = { value: string; label: string };
export type MetricGroup = { label: string; options: MetricOption[] };

const SCORES: MetricOption[] = [
  { value: "nps", label: "Net Promoter Score" },
  { value: "csat", label: "CSAT, share satisfied (4–5)" },
  { value: "csat-mean", label: "CSAT, mean out of 5" },
  { value: "ces", label: "Customer effort, mean out of 7" },
  { value: "ces-agree", label: "Customer effort, share agreeing it was easy" },
  { value: "loyalty", label: "Loyalty, top-2-box share" },
  { value: "index", label: "Satisfaction index (0–100)" },
  { value: "response-rate", label: "Response rate" },
];

const CASES: MetricOption[] = [
  { value: "case-on-time", label: "Follow-up cases resolved on time" },
  { value: "case-resolve-median", label: "Time to resolve a case, median" },
  { value: "case-resolve-p90", label: "Time to resolve a case, 90th percentile" },
];

/** The choices for a metric select: scores, each dimension the analytics know, and follow-up cases. */
export function metricGroups(dimensions: string[]): MetricGroup[] {
  const groups: MetricGroup[] = [{ label: "Scores and response", options: SCORES }];
  if (dimensions.length > 0) groups.push({ label: "Dimension ratings (mean)", options: dimensions.map((d) => ({ value: `dimension:${d}`, label: `${dimensionTitle(d)}, mean rating` })) });
  groups.push({ label: "Follow-up cases", options: CASES });
  return groups;
}

export function metricWords(metric: string): string {
  const known = [...SCORES, ...CASES].find((o) => o.value === metric);
  if (known) return known.label;
  if (metric.startsWith("dimension:")) return `${dimensionTitle(metric.slice("dimension:".length))}, mean rating`;
  return metric;
}

/** Case times read best when lower; everything else when higher. */
export const usualDirection = (metric: string): "higher" | "lower" => (metric.startsWith("case-resolve") ? "lower" : "higher");

// One list of how figures read, shared with the server's review pack and digest.
export const unitOf = kpiUnit;

const formats = new Map<number, Intl.NumberFormat>();
function num(value: number, decimals: number): string {
  let f = formats.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat("en-GB", { maximumFractionDigits: decimals });
    formats.set(decimals, f);
  }
  return f.format(value);
}

/** "40 %", "48 hours", "4.2 of 5", "+30 NPS points". */
export function amount(metric: string, value: number, decimals = 1): string {
  const unit = unitOf(metric);
  if (unit === "%") return `${num(value, decimals)} %`;
  if (unit === "mean") return num(value, 2);
  return `${num(value, decimals)} ${unit}`;
}

/** "at least 40 %; warning below 20 %" — the goal the way people say it. */
export function goalWords(k: { metric: string; direction: "higher" | "lower"; target: number; warning: number }): { target: string; warning: string } {
  const higher = k.direction === "higher";
  return {
    target: `${higher ? "at least" : "at most"} ${amount(k.metric, k.target, 2)}`,
    warning: `${higher ? "below" : "above"} ${amount(k.metric, k.warning, 2)}`,
  };
}

type Reading = { value: number | null; low: number | null; high: number | null; n: number };

/** The figure and, beside it, its 95 % interval and n, or why there is no figure. */
export function readingWords(metric: string, r: Reading): { value: string; detail: string } {
  if (r.value === null) return { value: "—", detail: r.n === 0 ? "no answers yet" : `n = ${num(r.n, 0)}, too few to read` };
  const interval = r.low !== null && r.high !== null ? `95 % interval ${amount(metric, r.low)} to ${amount(metric, r.high)}; ` : "";
  return { value: amount(metric, r.value), detail: `${interval}n = ${num(r.n, 0)}` };
}
