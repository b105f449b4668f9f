// Shapes of the analytics endpoints: the filters every one accepts, and what each answers.
import { isDay } from "../../domain/calendar";
import { z } from "../../lib/openapi";

const dayOrTime = (field: string) =>
  z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], {
      error: `Enter the “${field}” date as a day such as 2026-11-01, or a time such as 2026-11-01T09:30:00Z.`,
    })
    .refine((v) => v.length !== 10 || isDay(v), `Enter the “${field}” date as a real calendar day.`)
    .openapi({ example: "2026-11-01" });

/** A filter that may repeat in the query string (`?unit=North&unit=South`). */
const repeatable = (what: string, example: string) =>
  z
    .preprocess(
      (v) => (v === undefined || v === "" ? undefined : Array.isArray(v) ? v.filter((x) => x !== "") : [v]),
      z.array(z.string().max(200, `Give ${what} of at most 200 characters.`)).max(50, `Filter by at most 50 ${what}s at once.`).optional(),
    )
    .openapi({ description: `Only answers with this ${what} (repeat the parameter for several; an id or a name).`, example });

export const rangePresets = ["30d", "90d", "12m", "quarter"] as const;
export type RangePreset = (typeof rangePresets)[number];

export const filterFields = {
  surveyId: z.string().min(1).optional().openapi({ description: "One survey; all of the organisation's surveys when left out.", example: "0b7c…" }),
  from: dayOrTime("From").optional().openapi({ description: "First day of the period (inclusive), in the organisation's time zone. Default: 89 days before `to`." }),
  to: dayOrTime("To").optional().openapi({ description: "Last day of the period (inclusive), in the organisation's time zone. Default: today." }),
  range: z
    .enum(rangePresets, { error: `Choose a range of ${rangePresets.join(", ")}.` })
    .optional()
    .openapi({
      description:
        "A period counted back from today in the organisation's calendar, used when `from` and `to` are left out: the last 30 or 90 days, the last 12 months, or this quarter so far.",
    }),
  unit: repeatable("unit", "North branch"),
  channel: repeatable("channel", "phone"),
  agent: repeatable("agent", "Sam Lee"),
  type: repeatable("interaction type", "complaint"),
};

/** Filters as parsed; `resolveScope` in analytics.service.ts turns them into the organisation's days and stored keys. */
export type Filters = {
  surveyId?: string;
  from?: string;
  to?: string;
  range?: RangePreset;
  unit?: string[];
  channel?: string[];
  agent?: string[];
  type?: string[];
};

const checkRange = (q: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.from.slice(0, 10) > q.to.slice(0, 10)) ctx.addIssue({ code: "custom", path: ["from"], message: "Choose a “From” date before the “To” date." });
};

export const filtersQuery = z.object(filterFields).superRefine(checkRange);

/** The summary keeps its old required survey for callers that send one; it is optional now. */
export const summaryQuery = filtersQuery;

const metricName = z
  .string()
  .regex(/^(nps|csat|csat-mean|ces|ces-agree|loyalty|index|response-rate|dimension:[a-z0-9-]{1,40})$/, {
    error: "Choose a metric: nps, csat, csat-mean, ces, ces-agree, loyalty, index, response-rate or dimension:<name>.",
  })
  .openapi({ example: "nps" });
export type MetricName = "nps" | "csat" | "csat-mean" | "ces" | "ces-agree" | "loyalty" | "index" | "response-rate" | `dimension:${string}`;

export const intervalName = z.enum(["day", "week", "month", "quarter"], { error: "Choose an interval: day, week, month or quarter." });
export const dimensionName = z.enum(["unit", "channel", "agent", "type"], { error: "Group by unit, channel, agent or type." });
export type Dimension = z.infer<typeof dimensionName>;

const minN = z.coerce
  .number({ error: "Enter the minimum number of answers as a whole number." })
  .int("Enter the minimum number of answers as a whole number.")
  .min(1, "Ask for at least 1 answer.")
  .max(10_000, "Ask for at most 10,000 answers.");

export const trendQuery = z
  .object({ ...filterFields, metric: metricName.default("nps"), interval: intervalName.default("month") })
  .superRefine(checkRange);
export const segmentsQuery = z
  .object({ ...filterFields, metric: metricName.default("nps"), by: dimensionName.default("unit"), minN: minN.default(30) })
  .superRefine(checkRange);
export const staffQuery = z
  .object({
    ...filterFields,
    metric: metricName.default("nps"),
    minN: minN.default(30),
    method: z.enum(["wilson", "bayes"], { error: "Rank by wilson or bayes." }).default("wilson"),
  })
  .superRefine(checkRange);
export const driversQuery = z
  .object({
    ...filterFields,
    outcome: z
      .string()
      .regex(/^(nps|csat|ces|loyalty)$/, { error: "Choose the outcome: nps, csat, ces or loyalty." })
      .default("nps")
      .openapi({ example: "nps" }),
  })
  .superRefine(checkRange);

const pct = z.number().nullable().openapi({ description: "A percentage (0–100); null without data." });
const interval = z.tuple([z.number(), z.number()]).nullable().openapi({ description: "The 95 % confidence interval [lower, upper]; null when too few answers." });
const named = z.object({ id: z.string(), name: z.string() }).openapi("NamedRecord");

const periodFields = {
  from: z.iso.datetime().openapi({ description: "Start of the period's first day in the organisation's time zone." }),
  to: z.iso.datetime().openapi({ description: "End of the period's last day (exclusive)." }),
  fromDay: z.iso.date(),
  toDay: z.iso.date().openapi({ description: "The period's last day (inclusive)." }),
  timeZone: z.string(),
};

export const surveySummary = z
  .object({
    surveyId: z.string().nullable().openapi({ description: "The survey, or null for all surveys." }),
    ...periodFields,
    responses: z.number().int(),
    invitations: z
      .object({ sent: z.number().int(), responded: z.number().int(), rate: pct, rateCi95: interval })
      .openapi({ description: "Invitations sent in the period and how many of those were answered (at any time)." }),
    note: z.string().nullable().openapi({ description: "One line explaining counts that look inconsistent, e.g. more responses than invitations sent." }),
    nps: z
      .object({
        score: z.number().nullable().openapi({ description: "Net Promoter Score, −100 to 100." }),
        promoters: z.number().int(),
        passives: z.number().int(),
        detractors: z.number().int(),
        n: z.number().int(),
        ci95: interval,
      })
      .nullable()
      .openapi({ description: "Null when no NPS answers fall in the period." }),
    csat: z
      .object({ top2box: pct, top2boxCi95: interval, mean: z.number().nullable(), meanCi95: interval, n: z.number().int() })
      .nullable()
      .openapi({ description: "Customer satisfaction (1–5); null when no answers fall in the period." }),
    ces: z
      .object({ mean: z.number().nullable(), meanCi95: interval, agree: pct, agreeCi95: interval, n: z.number().int() })
      .nullable()
      .openapi({ description: "Customer effort (1–7, 7 = easiest); null when no answers fall in the period." }),
    loyalty: z
      .object({ top2box: pct, top2boxCi95: interval, mean: z.number().nullable(), meanCi95: interval, n: z.number().int() })
      .nullable()
      .openapi({ description: "Loyalty items (1–5, e.g. “would use us again”): top-2-box and mean; null without answers." }),
    dimensions: z
      .array(
        z.object({
          metric: z.string().openapi({ example: "dimension:time-taken" }),
          name: z.string().openapi({ example: "time-taken" }),
          series: z.string().openapi({ example: "dimension:time-taken@1-5" }),
          scale: z.object({ min: z.number().int(), max: z.number().int() }),
          mean: z.number().nullable(),
          meanCi95: interval,
          top2box: pct,
          n: z.number().int(),
        }),
      )
      .openapi({ description: "Each dimension rating answered in the period, by name." }),
    index: z
      .object({
        value: z.number().nullable().openapi({ description: "0–100." }),
        ci95: interval,
        n: z.number().int().openapi({ description: "Answers to the least-answered weighted item." }),
        weightsVersion: z.number().int().openapi({ description: "The weights in force (0: equal weights on the roles answered)." }),
        missing: z.array(z.string()).openapi({ description: "Weighted items without answers in the period (the index is null then)." }),
      })
      .openapi({ description: "The organisation's satisfaction index: weighted items rescaled to 0–100." }),
  })
  .openapi("SurveySummary", {
    example: {
      surveyId: "0b7c…",
      from: "2026-08-25T00:00:00.000Z",
      to: "2026-11-23T00:00:00.000Z",
      fromDay: "2026-08-25",
      toDay: "2026-11-22",
      timeZone: "Europe/London",
      responses: 20,
      invitations: { sent: 25, responded: 20, rate: 80, rateCi95: [60.9, 91.1] },
      note: null,
      nps: { score: 25, promoters: 9, passives: 7, detractors: 4, n: 20, ci95: [-7.2, 53.3] },
      csat: null,
      ces: null,
      loyalty: null,
      dimensions: [],
      index: { value: null, ci95: null, n: 0, weightsVersion: 0, missing: [] },
    },
  });
export type SurveySummary = z.infer<typeof surveySummary>;

const change = z.enum(["up", "down", "flat"]).nullable().openapi({ description: "Against the previous period: up or down only when significant at 5 %; flat when not; null when untested." });

export const trendResult = z
  .object({
    metric: z.string(),
    interval: intervalName,
    series: z.string().nullable().openapi({ description: "The series read (a metric on one scale); null for index and response-rate." }),
    ...periodFields,
    points: z.array(
      z.object({
        period: z.string().openapi({ example: "2026-10" }),
        from: z.iso.date(),
        to: z.iso.date().openapi({ description: "Last day of the period (inclusive)." }),
        value: z.number().nullable(),
        n: z.number().int(),
        ci95: interval,
        change,
      }),
    ),
  })
  .openapi("Trend");
export type TrendResult = z.infer<typeof trendResult>;

export const segmentsResult = z
  .object({
    metric: z.string(),
    by: dimensionName,
    minN: z.number().int(),
    ...periodFields,
    sparkInterval: intervalName,
    rows: z.array(
      z.object({
        key: z.string().openapi({ description: "The unit or agent id, channel or type; empty for answers without one." }),
        label: z.string(),
        value: z.number().nullable(),
        n: z.number().int(),
        ci95: interval,
        belowMinN: z.boolean(),
        spark: z.array(z.object({ period: z.string(), value: z.number().nullable(), n: z.number().int() })),
      }),
    ),
  })
  .openapi("Segments");
export type SegmentsResult = z.infer<typeof segmentsResult>;

export const staffResult = z
  .object({
    metric: z.string(),
    method: z.enum(["wilson", "bayes"]),
    minN: z.number().int(),
    ...periodFields,
    basis: z.string().openapi({ description: "What the ranking counts as a good answer, e.g. “promoters (9–10)”." }),
    overallRate: pct.openapi({ description: "The share of good answers across all staff in the period." }),
    ranked: z.array(
      z.object({
        rank: z.number().int(),
        agent: named,
        value: z.number().nullable().openapi({ description: "The metric itself (e.g. NPS)." }),
        n: z.number().int(),
        ci95: interval,
        rate: z.number().openapi({ description: "Share of good answers, %." }),
        score: z.number().openapi({ description: "The ranking score, %: the Wilson lower bound or the Bayesian average of the good-answer share." }),
        chanceIfFair: z.number().nullable().openapi({ description: "For a rate below the overall one: the chance that an agent as good as the average would score this low or lower by luck." }),
      }),
    ),
    notEnoughAnswers: z.array(z.object({ agent: named, n: z.number().int() })),
  })
  .openapi("StaffRanking");
export type StaffResult = z.infer<typeof staffResult>;

export const driversResult = z
  .object({
    outcome: z.string(),
    ...periodFields,
    r2: z.number().nullable().openapi({ description: "Share of the outcome's variance the drivers explain together (sum of relative weights)." }),
    n: z.number().int().openapi({ description: "Responses with the outcome answered." }),
    drivers: z.array(
      z.object({
        metric: z.string(),
        name: z.string(),
        importance: z.number().nullable().openapi({ description: "Correlation with the outcome (−1 to 1)." }),
        performance: z.number().nullable().openapi({ description: "The driver's mean on its scale." }),
        scale: z.object({ min: z.number().int(), max: z.number().int() }),
        relativeWeight: z.number().nullable(),
        quadrant: z.enum(["keep up", "concentrate here", "low priority", "possible overkill"]).nullable(),
        n: z.number().int(),
      }),
    ),
  })
  .openapi("KeyDrivers");
export type DriversResult = z.infer<typeof driversResult>;

export const indexWeightsBody = z
  .object({
    weights: z
      .record(
        z.string().regex(/^(nps|csat|ces|loyalty|dimension:[a-z0-9-]{1,40})$/, "Weight a metric role: nps, csat, ces, loyalty or dimension:<name>."),
        z.number({ error: "Give each weight as a number." }).min(0, "Give weights of 0 or more.").max(100, "Give weights of at most 100."),
      )
      .refine((w) => Object.values(w).some((x) => x > 0), "Give at least one item a weight above 0.")
      .refine((w) => Object.keys(w).length <= 30, "Weight at most 30 items."),
  })
  .openapi("IndexWeightsInput");

const weightsVersion = z.object({
  version: z.number().int(),
  weights: z.record(z.string(), z.number()),
  createdAt: z.iso.datetime().nullable(),
  createdBy: z.string().nullable(),
  until: z.iso.datetime().nullable().openapi({ description: "When the next version replaced it; null for the one in force." }),
});
export const indexWeightsResult = z
  .object({ current: weightsVersion, history: z.array(weightsVersion).openapi({ description: "Every version, newest first." }) })
  .openapi("IndexWeights");
export type IndexWeightsResult = z.infer<typeof indexWeightsResult>;

export const filterOptionsResult = z
  .object({ units: z.array(named), agents: z.array(named), channels: z.array(z.string()), types: z.array(z.string()) })
  .openapi("AnalyticsFilterOptions");
