// Shapes of the analytics endpoints.
import { z } from "zod";

const dayOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { message: "must be a date (2026-11-01) or an ISO-8601 time" });

export const summaryQuery = z
  .object({ surveyId: z.string().min(1, "name the survey with ?surveyId="), from: dayOrTime.optional(), to: dayOrTime.optional() })
  .transform((q, ctx) => {
    // A bare date in `to` includes that whole day.
    const toEnd = (v: string) => (v.length === 10 ? new Date(Date.parse(v) + 86_400_000) : new Date(v));
    const range = { from: q.from ? new Date(q.from) : undefined, to: q.to ? toEnd(q.to) : undefined };
    if (range.from && range.to && range.from >= range.to) ctx.addIssue({ code: "custom", path: ["from"], message: "must be before `to`" });
    return { surveyId: q.surveyId, ...range };
  });
