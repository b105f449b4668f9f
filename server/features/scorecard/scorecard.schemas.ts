// Shapes of a staff member's scorecard: their own figures with intervals, their trend and their latest comments.
import { z } from "../../lib/openapi";
import { filterFields } from "../analytics/analytics.schemas";
import { commentItem } from "../comments/comments.schemas";

const datesInOrder = (q: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.from.slice(0, 10) > q.to.slice(0, 10)) ctx.addIssue({ code: "custom", path: ["from"], message: "Choose a “From” date before the “To” date." });
};

export const scorecardQuery = z
  .object({ surveyId: filterFields.surveyId, from: filterFields.from, to: filterFields.to, range: filterFields.range })
  .superRefine(datesInOrder);
export type ScorecardQuery = z.infer<typeof scorecardQuery>;

export const agentIdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, description: "The staff record's id.", example: "5c2e…" }) });

const interval = z.tuple([z.number(), z.number()]).nullable().openapi({ description: "The 95 % confidence interval; null when too few answers." });

export const scorecard = z
  .object({
    agent: z.object({ id: z.string(), name: z.string() }),
    fromDay: z.iso.date(),
    toDay: z.iso.date().openapi({ description: "The period's last day (inclusive)." }),
    timeZone: z.string(),
    responses: z.number().int(),
    nps: z.object({ score: z.number().nullable(), n: z.number().int(), ci95: interval }).nullable(),
    csat: z.object({ top2box: z.number().nullable(), n: z.number().int(), ci95: interval }).nullable(),
    index: z.object({ value: z.number().nullable(), n: z.number().int(), ci95: interval }),
    trend: z.object({
      metric: z.string().openapi({ description: "The main metric: NPS where answered, else CSAT, else the index." }),
      points: z.array(
        z.object({ period: z.string().openapi({ example: "2026-10" }), from: z.iso.date(), to: z.iso.date(), value: z.number().nullable(), n: z.number().int(), ci95: interval }),
      ),
    }),
    comments: z.array(commentItem).openapi({ description: "The newest comments on this staff member's interactions, up to 10." }),
  })
  .openapi("Scorecard");
export type Scorecard = z.infer<typeof scorecard>;
