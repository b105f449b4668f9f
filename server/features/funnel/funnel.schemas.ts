// Shapes of the funnel: a survey's way from interactions to answers over a period, per rule and unit if asked.
import { z } from "../../lib/openapi";
import { filterFields } from "../analytics/analytics.schemas";

const chooseSurvey = "Choose a survey: add ?surveyId= to the address.";

export const funnelQuery = z
  .object({
    surveyId: z.string({ error: chooseSurvey }).min(1, chooseSurvey).openapi({ description: "The survey.", example: "0b7c…" }),
    ruleId: z.string().min(1).optional().openapi({ description: "Only what this one of the survey's rules decided and sent.", example: "9a4f…" }),
    unitId: z.string().min(1).optional().openapi({ description: "Only interactions at this unit.", example: "3c2e…" }),
    from: filterFields.from,
    to: filterFields.to,
    range: filterFields.range,
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from.slice(0, 10) > q.to.slice(0, 10)) ctx.addIssue({ code: "custom", path: ["from"], message: "Choose a “From” date before the “To” date." });
  });
export type FunnelQuery = z.infer<typeof funnelQuery>;

/** The funnel's steps in order; each percentage is of the step named in `of`. */
export const funnelSteps = [
  "interactions",
  "matched",
  "sampledOut",
  "heldContact",
  "suppressed",
  "tooLate",
  "scheduled",
  "sent",
  "delivered",
  "bounced",
  "opened",
  "completed",
  "unsubscribed",
] as const;
export type FunnelStep = (typeof funnelSteps)[number];

const interval = z.tuple([z.number(), z.number()]).nullable().openapi({ description: "The 95 % confidence interval [lower, upper] in percent; null before anything was sent." });

export const funnelResult = z
  .object({
    surveyId: z.string(),
    ruleId: z.string().nullable(),
    unitId: z.string().nullable(),
    from: z.iso.datetime().openapi({ description: "Start of the period's first day in the organisation's time zone." }),
    to: z.iso.datetime().openapi({ description: "End of the period's last day (exclusive)." }),
    fromDay: z.iso.date(),
    toDay: z.iso.date().openapi({ description: "The period's last day (inclusive)." }),
    timeZone: z.string(),
    steps: z
      .array(
        z.object({
          step: z.enum(funnelSteps),
          count: z.number().int(),
          of: z.enum(funnelSteps).nullable().openapi({ description: "The step the percentage is of; null for the first." }),
          pct: z.number().nullable().openapi({ description: "count as a percentage of `of`; null when that is 0." }),
        }),
      )
      .openapi({
        description:
          "Interactions of the period (by when they happened, at the unit if asked); those a rule of the survey matched; of those, sampled out, held by the contact rules (a survey too recently), suppressed addresses and ones too old to invite; scheduled; sent; delivered (reported by the provider, or proven by the survey being opened); bounced; opened the survey page; completed; unsubscribed from one of these emails.",
      }),
    responseRate: z
      .object({ completed: z.number().int(), sent: z.number().int(), pct: z.number().nullable(), ci95: interval })
      .openapi({ description: "Completed out of sent, with its Wilson interval." }),
  })
  .openapi("Funnel");
export type FunnelResult = z.infer<typeof funnelResult>;
