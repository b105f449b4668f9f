// Shapes of the distribution-rule endpoints.
import { z } from "../../lib/openapi";
import { pageOf } from "../../lib/pagination";

// The form's fields are "Interaction types" and "Channels", comma-separated.
const labels = (field: string, one: string, example: string[]) =>
  z
    .array(
      z
        .string({ error: `${field}: enter each ${one} as text.` })
        .trim()
        .min(1, `${field}: leave out empty entries between commas.`)
        .max(64, `${field}: keep each ${one} to 64 characters or fewer.`),
      { error: `${field}: send a list of ${one}s.` },
    )
    .max(50, `${field}: list at most 50 ${one}s.`)
    .openapi({ example });

const match = z
  .object(
    {
      types: labels("Interaction types", "type", ["complaint"]).optional().openapi({ description: "Interaction types that trigger the survey (any case); none or empty means every type." }),
      channels: labels("Channels", "channel", ["phone"]).optional().openapi({ description: "Channels that trigger the survey (any case); none or empty means every channel." }),
    },
    { error: "Send match as an object with types and channels." },
  )
  .openapi("RuleMatch");

export const createRuleBody = z
  .object({
    match: match.default({}),
    delayMinutes: z
      .number({ error: "Enter the delay in minutes." })
      .int("Enter the delay as a whole number of minutes.")
      .min(0, "Enter a delay of 0 minutes or more.")
      .max(60 * 24 * 30, "Enter a delay of at most 43,200 minutes (30 days).")
      .openapi({ description: "How long after the interaction to send the invitation.", example: 60 }),
    expiresAfterDays: z
      .number({ error: "Enter after how many days the link expires." })
      .int("Enter the expiry as a whole number of days.")
      .min(1, "Enter an expiry of at least 1 day.")
      .max(365, "Enter an expiry of at most 365 days.")
      .openapi({ description: "How long the emailed link stays open after sending.", example: 7 }),
  })
  .openapi("NewRule");

export const ruleView = z
  .object({
    id: z.string(),
    surveyId: z.string(),
    match,
    delayMinutes: z.number().int(),
    expiresAfterDays: z.number().int(),
    active: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .openapi("Rule");
export type RuleView = z.infer<typeof ruleView>;

export const rulePage = pageOf(ruleView, "RulePage");
