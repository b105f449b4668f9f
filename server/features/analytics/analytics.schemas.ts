// Shapes of the analytics endpoints.
import { z } from "../../lib/openapi";

const dayOrTime = (field: string) =>
  z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], {
      error: `Enter the “${field}” date as a day such as 2026-11-01, or a time such as 2026-11-01T09:30:00Z.`,
    })
    .openapi({ example: "2026-11-01" });

/** The instants a summary's dates stand for: a bare date in `to` includes that whole day. */
export function summaryRange(q: { from?: string; to?: string }) {
  const toEnd = (v: string) => (v.length === 10 ? new Date(Date.parse(v) + 86_400_000) : new Date(v));
  return { from: q.from ? new Date(q.from) : undefined, to: q.to ? toEnd(q.to) : undefined };
}

export const summaryQuery = z
  .object({
    surveyId: z.string({ error: "Choose a survey." }).min(1, "Choose a survey.").openapi({ example: "0b7c…" }),
    from: dayOrTime("From").optional().openapi({ description: "Start of the period (inclusive). Default: 90 days before `to`." }),
    to: dayOrTime("To").optional().openapi({ description: "End of the period; a bare day includes that whole day. Default: now." }),
  })
  .superRefine((q, ctx) => {
    const range = summaryRange(q);
    if (range.from && range.to && range.from >= range.to) ctx.addIssue({ code: "custom", path: ["from"], message: "Choose a “From” date before the “To” date." });
  });

const pct = z.number().nullable().openapi({ description: "A percentage (0–100); null without data." });
const interval = z.tuple([z.number(), z.number()]).nullable().openapi({ description: "The 95 % confidence interval [lower, upper]; null when too few answers." });

export const surveySummary = z
  .object({
    surveyId: z.string(),
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    responses: z.number().int(),
    invitations: z.object({ sent: z.number().int(), responded: z.number().int(), rate: pct, rateCi95: interval }).openapi({ description: "Invitations sent in the period and how many were answered." }),
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
  })
  .openapi("SurveySummary", {
    example: {
      surveyId: "0b7c…",
      from: "2026-08-25T00:00:00.000Z",
      to: "2026-11-23T00:00:00.000Z",
      responses: 20,
      invitations: { sent: 25, responded: 20, rate: 80, rateCi95: [60.9, 91.1] },
      nps: { score: 25, promoters: 9, passives: 7, detractors: 4, n: 20, ci95: [-7.2, 53.3] },
      csat: null,
      ces: null,
    },
  });
export type SurveySummary = z.infer<typeof surveySummary>;
