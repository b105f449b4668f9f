// Shapes of drop-off per question: how far customers got in a survey and what they answered on the way.
import { z } from "../../lib/openapi";
import { filterFields } from "../analytics/analytics.schemas";

const chooseSurvey = "Choose a survey: add ?surveyId= to the address.";

export const dropoffQuery = z
  .object({
    surveyId: z.string({ error: chooseSurvey }).min(1, chooseSurvey).openapi({ description: "The survey.", example: "0b7c…" }),
    from: filterFields.from,
    to: filterFields.to,
    range: filterFields.range,
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from.slice(0, 10) > q.to.slice(0, 10)) ctx.addIssue({ code: "custom", path: ["from"], message: "Choose a “From” date before the “To” date." });
  });
export type DropoffQuery = z.infer<typeof dropoffQuery>;

export const dropoffResult = z
  .object({
    surveyId: z.string(),
    from: z.string().openapi({ description: "Start of the period (inclusive), as an instant." }),
    to: z.string().openapi({ description: "End of the period (exclusive), as an instant." }),
    started: z.number().int().openapi({ description: "Customers who submitted or saved answers in the period." }),
    completed: z.number().int().openapi({ description: "Of them, those who submitted." }),
    questions: z
      .array(
        z.object({
          name: z.string().openapi({ example: "nps" }),
          title: z.string().openapi({ example: "How likely are you to recommend us?" }),
          page: z.number().int().openapi({ description: "The page it is on, from 0." }),
          reached: z.number().int().openapi({ description: "Customers who got as far as its page (every submitted response reached every question)." }),
          answered: z.number().int().openapi({ description: "Customers who gave it an answer, submitted or saved." }),
        }),
      )
      .openapi({ description: "The published version's questions in order; empty before the survey is published." }),
  })
  .openapi("Dropoff");
export type DropoffResult = z.infer<typeof dropoffResult>;
