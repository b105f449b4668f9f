// Shapes of the distribution-rule endpoints.
import { z } from "zod";

// The form's fields are "Interaction types" and "Channels", comma-separated.
const labels = (field: string, one: string) =>
  z
    .array(
      z
        .string({ error: `${field}: enter each ${one} as text.` })
        .trim()
        .min(1, `${field}: leave out empty entries between commas.`)
        .max(64, `${field}: keep each ${one} to 64 characters or fewer.`),
      { error: `${field}: send a list of ${one}s.` },
    )
    .max(50, `${field}: list at most 50 ${one}s.`);

export const createRuleBody = z.object({
  match: z
    .object(
      { types: labels("Interaction types", "type").optional(), channels: labels("Channels", "channel").optional() },
      { error: "Send match as an object with types and channels." },
    )
    .default({}),
  delayMinutes: z
    .number({ error: "Enter the delay in minutes." })
    .int("Enter the delay as a whole number of minutes.")
    .min(0, "Enter a delay of 0 minutes or more.")
    .max(60 * 24 * 30, "Enter a delay of at most 43,200 minutes (30 days)."),
  expiresAfterDays: z
    .number({ error: "Enter after how many days the link expires." })
    .int("Enter the expiry as a whole number of days.")
    .min(1, "Enter an expiry of at least 1 day.")
    .max(365, "Enter an expiry of at most 365 days."),
});
