// Metric roles a question can carry, the rating scales each allows, and the series an answer belongs to.
export const fixedRoles = ["nps", "csat", "ces", "loyalty", "comment"] as const;
export type FixedRole = (typeof fixedRoles)[number];
export type DimensionRole = `dimension:${string}`;
export type MetricRole = FixedRole | DimensionRole;
export type ScoredMetric = Exclude<MetricRole, "comment">;
/** The roles `metrics` keeps one value of, for the response's own columns. */
export type ColumnMetric = "nps" | "csat" | "ces";

export type Scale = { min: number; max: number };

const scales = {
  nps: [{ min: 0, max: 10 }],
  csat: [{ min: 1, max: 5 }],
  ces: [{ min: 1, max: 7 }],
  loyalty: [{ min: 1, max: 5 }],
  dimension: [
    { min: 1, max: 5 },
    { min: 1, max: 7 },
  ],
} as const satisfies Record<string, readonly Scale[]>;

/** The one scale of each role that has only one; dimensions allow several (see scalesOf). */
export const metricScales: Record<Exclude<FixedRole, "comment">, Scale & { label: string }> = {
  nps: { ...scales.nps[0], label: "0 to 10" },
  csat: { ...scales.csat[0], label: "1 to 5" },
  ces: { ...scales.ces[0], label: "1 to 7" },
  loyalty: { ...scales.loyalty[0], label: "1 to 5" },
};

export const DIMENSION_PREFIX = "dimension:";
export const DIMENSION_NAME_MAX = 40;
const dimensionName = /^[a-z0-9-]{1,40}$/;

export type ParsedRole =
  | { ok: true; role: MetricRole; kind: FixedRole | "dimension"; dimension?: string }
  | { ok: false; reason: "unknown" | "dimension-name" };

/** Reads a `metric` property value: one of the fixed roles, or `dimension:<name>` with a lowercase slug name. */
export function parseMetricRole(value: unknown): ParsedRole {
  if (typeof value !== "string") return { ok: false, reason: "unknown" };
  if ((fixedRoles as readonly string[]).includes(value)) return { ok: true, role: value as FixedRole, kind: value as FixedRole };
  if (!value.startsWith(DIMENSION_PREFIX)) return { ok: false, reason: "unknown" };
  const name = value.slice(DIMENSION_PREFIX.length);
  return dimensionName.test(name) ? { ok: true, role: value as DimensionRole, kind: "dimension", dimension: name } : { ok: false, reason: "dimension-name" };
}

export const isMetricRole = (value: unknown): value is MetricRole => parseMetricRole(value).ok;
export const isDimension = (role: string): role is DimensionRole => role.startsWith(DIMENSION_PREFIX);

/** The scales a scored role allows; comment and unknown roles allow none. */
export function scalesOf(role: string): readonly Scale[] {
  const parsed = parseMetricRole(role);
  if (!parsed.ok || parsed.kind === "comment") return [];
  return scales[parsed.kind];
}

export const scaleLabel = ({ min, max }: Scale) => `${min} to ${max}`;
/** "1 to 5", or "1 to 5 or 1 to 7" where a role allows more than one scale. */
export const scalesLabel = (role: string) => scalesOf(role).map(scaleLabel).join(" or ");

/** A series is a role on one scale: answers on another scale are not comparable, so they start another series. */
export const seriesOf = (metric: string, min: number, max: number) => `${metric}@${min}-${max}`;

/** A lowercase slug for a dimension name, from whatever was typed ("Time taken" → "time-taken"). */
export function slugDimension(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, DIMENSION_NAME_MAX)
    .replace(/-+$/, "");
}

const roleNames: Record<Exclude<FixedRole, "comment">, string> = { nps: "NPS", csat: "CSAT", ces: "CES", loyalty: "loyalty" };

/** How messages name a scored role: "CSAT", "loyalty", "“time-taken” dimension". */
export function roleName(role: string): string {
  if (isDimension(role)) return `“${role.slice(DIMENSION_PREFIX.length)}” dimension`;
  return roleNames[role as keyof typeof roleNames] ?? role;
}

/** One scored question of a definition and the series its answers go to. */
export type QuestionSeries = { question: string; metric: string; series: string; min: number; max: number };
export type SeriesChange = { question: string; from: QuestionSeries; to: QuestionSeries; message: string };

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const range = (s: QuestionSeries) => `${s.min}-${s.max}`;

/**
 * What publishing `draft` over `published` does to series, question by question (matched by name): a scored
 * question whose role or scale changes leaves its earlier answers in the old series. Questions added, removed or
 * unscored change no existing series, so they say nothing.
 */
export function compareSeries(published: readonly QuestionSeries[], draft: readonly (QuestionSeries & { label?: string })[]): SeriesChange[] {
  const before = new Map(published.map((s) => [s.question, s]));
  const existing = new Set(published.map((s) => s.series));
  const changes: SeriesChange[] = [];
  for (const to of draft) {
    const from = before.get(to.question);
    if (!from || from.series === to.series) continue;
    const label = to.label ? lowerFirst(to.label) : `question “${to.question}”`;
    const sameRole = from.metric === to.metric;
    const what = sameRole
      ? `the scale of ${label} changes from ${range(from)} to ${range(to)}`
      : `${label} changes from ${roleName(from.metric)} (${range(from)}) to ${roleName(to.metric)} (${range(to)})`;
    const old = sameRole ? "the old series" : `the ${roleName(from.metric)} series`;
    const message = existing.has(to.series)
      ? `${what.charAt(0).toUpperCase()}${what.slice(1)}: its answers join the ${roleName(to.metric)} ${range(to)} series already in use; earlier answers stay in ${old}.`
      : `Publishing starts a new ${roleName(to.metric)} series: ${what}; earlier answers stay in ${old}.`;
    changes.push({ question: to.question, from: { ...from }, to: { question: to.question, metric: to.metric, series: to.series, min: to.min, max: to.max }, message });
  }
  return changes;
}

/** Reads a series name back: "dimension:time-taken@1-7" → its metric and scale. */
export function parseSeries(series: string): { metric: string; min: number; max: number } | null {
  const m = /^(.+)@(\d+)-(\d+)$/.exec(series);
  return m ? { metric: m[1]!, min: Number(m[2]), max: Number(m[3]) } : null;
}

/**
 * The answers a series counts at the top and bottom of its scale: NPS promoters (9-10) and detractors (0-6),
 * CES "agree" (5-7) and 1-3, and on other scales the top-2 and bottom-2 boxes (CSAT's 4-5 and 1-2).
 */
export function bandsOf(series: string): { hi: number; lo: number } {
  const parsed = parseSeries(series);
  if (!parsed) throw new RangeError(`A series is a metric and its scale, such as "csat@1-5"; got ${series}`);
  if (parsed.metric === "nps") return { hi: 9, lo: 6 };
  if (parsed.metric === "ces") return { hi: 5, lo: 3 };
  return { hi: parsed.max - 1, lo: parsed.min + 1 };
}
