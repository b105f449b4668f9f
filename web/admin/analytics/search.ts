// The dashboard's view as its URL holds it: what the router validates, the defaults, and the API filters it maps to.
import * as z from "zod/mini";

const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
// Plain transforms rather than zod's unions and arrays: this module is in the app's first page, and they weigh kilobytes.
// One value or several (`?unit=a&unit=b`): always a list to the page.
const many = z.transform((v: unknown): string[] | undefined => {
  const list = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string" && x !== "");
  return list.length ? list : undefined;
});
const count = z.transform((v: unknown): number | undefined => {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d{1,5}$/.test(v) ? Number(v) : Number.NaN;
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : undefined;
});
const metric = z.string().check(z.regex(/^(nps|csat|csat-mean|ces|ces-agree|loyalty|index|response-rate|dimension:[a-z0-9-]{1,40})$/));
const optional = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);

export const rangePresets = ["30d", "90d", "12m", "quarter"] as const;
export type RangePreset = (typeof rangePresets)[number];

// Anything mistyped in a shared link falls back to its default rather than failing the page.
export const analyticsSearch = z.object({
  surveyId: optional(z.string()),
  range: optional(z.enum(rangePresets)),
  from: optional(day),
  to: optional(day),
  unit: z.optional(many),
  channel: z.optional(many),
  agent: z.optional(many),
  type: z.optional(many),
  metric: optional(metric),
  interval: optional(z.enum(["day", "week", "month", "quarter"])),
  by: optional(z.enum(["unit", "channel", "agent", "type"])),
  minN: z.optional(count),
  method: optional(z.enum(["wilson", "bayes"])),
  outcome: optional(z.enum(["nps", "csat", "ces", "loyalty"])),
});

export type AnalyticsSearch = z.infer<typeof analyticsSearch>;
export type Interval = NonNullable<AnalyticsSearch["interval"]>;
export type SegmentBy = NonNullable<AnalyticsSearch["by"]>;

export const defaults = { metric: "nps", interval: "month", by: "unit", minN: 30, method: "wilson", outcome: "nps" } as const;
