// Shapes of KPIs: a figure with a target, a warning level and a review period, and its status with the uncertainty.
import { kpiDirections, reviewPeriods } from "../../../db/schema";
import { goalProblem } from "../../domain/kpi-status";
import { z } from "../../lib/openapi";

export const analyticsMetrics = /^(nps|csat|csat-mean|ces|ces-agree|loyalty|index|response-rate|dimension:[a-z0-9-]{1,40})$/;
export const caseMetrics = ["case-on-time", "case-resolve-median", "case-resolve-p90"] as const;
const METRIC_WORDS =
  "Choose a metric: nps, csat, csat-mean, ces, ces-agree, loyalty, index, response-rate, dimension:<name>, case-on-time, case-resolve-median or case-resolve-p90.";

export const kpiMetric = z
  .string({ error: METRIC_WORDS })
  .trim()
  .refine((m) => analyticsMetrics.test(m) || (caseMetrics as readonly string[]).includes(m), METRIC_WORDS)
  .openapi({ example: "nps" });

const optionalId = (what: string) =>
  z
    .string({ error: `Choose the ${what} by its id, or leave it out.` })
    .trim()
    .max(100, `Choose the ${what} by its id, or leave it out.`)
    .nullish()
    .transform((v) => (v ? v : null));

export const kpiBody = z
  .object({
    name: z.string({ error: "Name the KPI." }).trim().min(1, "Name the KPI.").max(120, "Shorten the name to 120 characters or fewer.").openapi({ example: "NPS, North branch" }),
    metric: kpiMetric,
    surveyId: optionalId("survey").openapi({ description: "One survey; every survey of the organisation when null." }),
    unitId: optionalId("unit").openapi({ description: "One unit; the whole organisation when null." }),
    channel: z
      .string({ error: "Give the channel as text, or leave it out." })
      .trim()
      .max(64, "Shorten the channel to 64 characters or fewer.")
      .nullish()
      .transform((v) => (v ? v : null))
      .openapi({ description: "One channel (phone, email, …); every channel when null.", example: "phone" }),
    target: z.number({ error: "Give the target as a number." }).openapi({ example: 40 }),
    warning: z.number({ error: "Give the warning level as a number." }).openapi({ description: "On the unfavourable side of the target: below it when higher is better.", example: 20 }),
    direction: z.enum(kpiDirections, { error: "Choose whether higher or lower is better." }),
    period: z.enum(reviewPeriods, { error: "Choose a review period: month or quarter." }),
  })
  .superRefine((k, ctx) => {
    if (typeof k.target !== "number" || typeof k.warning !== "number" || !k.direction) return;
    const problem = goalProblem({ target: k.target, warning: k.warning, direction: k.direction });
    if (problem) ctx.addIssue({ code: "custom", path: ["warning"], message: problem });
  })
  .openapi("KpiInput");
export type KpiInput = z.infer<typeof kpiBody>;

export const kpiIdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "5c2e…" }) });

const interval = z.number().nullable();
export const kpiReading = z
  .object({
    value: z.number().nullable(),
    low: interval.openapi({ description: "Lower end of the 95 % interval; null without one." }),
    high: interval,
    n: z.number().int().openapi({ description: "Answers (or cases) the figure rests on." }),
  })
  .openapi("KpiReading");

export const kpiScope = z.object({ surveyId: z.string().nullable(), unitId: z.string().nullable(), unitName: z.string().nullable(), channel: z.string().nullable() });

const statusEnum = z.enum(["green", "amber", "red", "no-data"]);
const periodStatus = z.object({
  fromDay: z.iso.date(),
  toDay: z.iso.date().openapi({ description: "Last day read (inclusive)." }),
  reading: kpiReading,
  status: statusEnum,
  reason: z.string(),
});

export const kpiView = z
  .object({
    id: z.string(),
    name: z.string(),
    metric: z.string(),
    scope: kpiScope,
    target: z.number(),
    warning: z.number(),
    direction: z.enum(kpiDirections),
    period: z.enum(reviewPeriods),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime().nullable(),
  })
  .openapi("Kpi");
export type KpiView = z.infer<typeof kpiView>;

export const kpiWithStatus = kpiView
  .extend({
    current: periodStatus.openapi({ description: "The current period so far." }),
    last: periodStatus.openapi({ description: "The last complete period." }),
  })
  .openapi("KpiWithStatus");
export const kpiList = z.object({ items: z.array(kpiWithStatus) }).openapi("KpiList");
