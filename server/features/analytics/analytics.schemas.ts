// Shapes of the analytics endpoints.
import { z } from "zod";

const dayOrTime = (field: string) =>
  z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: `Enter the “${field}” date as a day such as 2026-11-01, or a time such as 2026-11-01T09:30:00Z.` });

export const summaryQuery = z
  .object({
    surveyId: z.string({ error: "Choose a survey." }).min(1, "Choose a survey."),
    from: dayOrTime("From").optional(),
    to: dayOrTime("To").optional(),
  })
  .transform((q, ctx) => {
    // A bare date in `to` includes that whole day.
    const toEnd = (v: string) => (v.length === 10 ? new Date(Date.parse(v) + 86_400_000) : new Date(v));
    const range = { from: q.from ? new Date(q.from) : undefined, to: q.to ? toEnd(q.to) : undefined };
    if (range.from && range.to && range.from >= range.to) ctx.addIssue({ code: "custom", path: ["from"], message: "Choose a “From” date before the “To” date." });
    return { surveyId: q.surveyId, ...range };
  });
