// Shapes of the distribution-rule endpoints: rules, the values interactions have used, and the dry run.
import { attributeOperators, MAX_REMINDERS, type DecisionOutcome } from "../../domain/distribution";
import type { FieldError } from "../../errors";
import { z } from "../../lib/openapi";
import { pageOf } from "../../lib/pagination";
import { surveyIdParam } from "../surveys/surveys.schemas";

// The form's fields are "Interaction types", "Channels" and "Units": lists a person picks or types.
const labels = (field: string, one: string, example: string[], max = 64) =>
  z
    .array(
      z
        .string({ error: `${field}: enter each ${one} as text.` })
        .trim()
        .min(1, `${field}: leave out empty entries between commas.`)
        .max(max, `${field}: keep each ${one} to ${max} characters or fewer.`),
      { error: `${field}: send a list of ${one}s.` },
    )
    .max(50, `${field}: list at most 50 ${one}s.`)
    .openapi({ example });

export const MAX_CONDITIONS = 10;
const operatorWords: Record<(typeof attributeOperators)[number], string> = {
  is: "is",
  "is-not": "is not",
  "at-least": "is at least",
  "at-most": "is at most",
  "is-one-of": "is one of",
};

const conditionText = z.string().trim().min(1, "Attribute conditions: enter a value to compare with.").max(200, "Attribute conditions: keep values to 200 characters or fewer.");
const conditionValue = z.union(
  [
    conditionText,
    z.number().finite(),
    z.boolean(),
    z
      .array(z.union([conditionText, z.number().finite()], { error: "Attribute conditions: list text or numbers." }))
      .min(1, "Attribute conditions: list at least one value.")
      .max(50, "Attribute conditions: list at most 50 values."),
  ],
  { error: "Attribute conditions: enter a text, number, true/false value, or a list for “is one of”." },
);

const attributeCondition = z
  .object(
    {
      key: z
        .string({ error: "Attribute conditions: name the attribute." })
        .trim()
        .min(1, "Attribute conditions: name the attribute.")
        .max(64, "Attribute conditions: keep attribute names to 64 characters or fewer."),
      op: z.enum(attributeOperators, { error: "Attribute conditions: choose how to compare (is, is-not, at-least, at-most or is-one-of)." }),
      value: conditionValue,
    },
    { error: "Attribute conditions: send each as { key, op, value }." },
  )
  .superRefine((c, ctx) => {
    const say = (message: string) => ctx.addIssue({ code: "custom", path: ["value"], message: `Attribute “${c.key}”: ${message}` });
    if ((c.op === "at-least" || c.op === "at-most") && typeof c.value !== "number") say(`“${operatorWords[c.op]}” compares numbers; enter a number.`);
    if (c.op === "is-one-of" && !Array.isArray(c.value)) say("“is one of” takes a list of values.");
    if ((c.op === "is" || c.op === "is-not") && Array.isArray(c.value)) say(`“${operatorWords[c.op]}” takes one value; use “is one of” for a list.`);
  })
  .openapi("AttributeCondition", { example: { key: "tier", op: "is", value: "gold" } });

const match = z
  .object(
    {
      types: labels("Interaction types", "type", ["complaint"]).optional().openapi({ description: "Interaction types that trigger the survey (any case); none or empty means every type." }),
      channels: labels("Channels", "channel", ["phone"]).optional().openapi({ description: "Channels that trigger the survey (any case); none or empty means every channel." }),
      units: labels("Units", "unit", ["North branch"], 200).optional().openapi({ description: "Unit names (any case); none or empty means every unit, and interactions with no unit." }),
      attributes: z
        .array(attributeCondition, { error: "Attribute conditions: send a list." })
        .max(MAX_CONDITIONS, `Attribute conditions: keep to ${MAX_CONDITIONS} or fewer.`)
        .optional()
        .openapi({ description: "All must hold. A missing attribute fails every condition but “is-not”." }),
    },
    { error: "Send match as an object with types, channels, units and attributes." },
  )
  .openapi("RuleMatch");

const delayMinutes = z
  .number({ error: "Enter the delay in minutes." })
  .int("Enter the delay as a whole number of minutes.")
  .min(0, "Enter a delay of 0 minutes or more.")
  .max(60 * 24 * 30, "Enter a delay of at most 43,200 minutes (30 days).")
  .openapi({ description: "How long after the interaction to send the invitation.", example: 60 });
const expiresAfterDays = z
  .number({ error: "Enter after how many days the link expires." })
  .int("Enter the expiry as a whole number of days.")
  .min(1, "Enter an expiry of at least 1 day.")
  .max(365, "Enter an expiry of at most 365 days.")
  .openapi({ description: "How long the emailed link stays open after sending.", example: 7 });
const samplePercent = z
  .number({ error: "Enter the share of customers to survey, from 1 to 100 percent." })
  .int("Enter the share of customers as a whole percentage.")
  .min(1, "Survey at least 1 percent of customers; pause the rule to survey none.")
  .max(100, "Enter a share of at most 100 percent.")
  .openapi({ description: "Percent of customers surveyed, chosen by a hash of the rule and the customer: the same customer is always in or out.", example: 50 });
const reminderDays = z
  .array(
    z
      .number({ error: "Enter each reminder as a number of days." })
      .int("Enter each reminder as a whole number of days.")
      .min(1, "Send each reminder at least 1 day after the email before it.")
      .max(30, "Send each reminder at most 30 days after the email before it."),
    { error: "Send the reminders as a list of days, such as [3, 4]." },
  )
  .max(MAX_REMINDERS, `Send at most ${MAX_REMINDERS} reminders.`)
  .openapi({
    description: "Days after the invitation, then after the first reminder, to remind a customer who has not answered. Both must fall before the link closes.",
    example: [3, 4],
  });
const contactGapDays = z
  .number({ error: "Enter the days between two surveys to one customer, or null to follow the organisation's contact rules." })
  .int("Enter the days between surveys as a whole number.")
  .min(0, "Enter 0 days (no limit) or more between surveys.")
  .max(365, "Enter at most 365 days between surveys.")
  .nullable()
  .openapi({ description: "Overrides the organisation's days between two surveys to one customer for this rule; null follows the organisation, 0 means no limit.", example: null });
const active = z.boolean({ error: "Send active as true (running) or false (paused)." }).openapi({ description: "false pauses the rule: it decides nothing until resumed." });

const ordinal = ["first", "second"];

/** Reminders that would go when the link has already closed; the pass would drop them without a word. */
export function reminderProblems(days: number[], expires: number): FieldError[] {
  const out: FieldError[] = [];
  let total = 0;
  days.forEach((d, i) => {
    total += d;
    if (total < expires) return;
    const when = i === 0 ? `${total} day${total === 1 ? "" : "s"}` : `${total} days (${days.slice(0, i + 1).join(" + ")})`;
    out.push({
      path: `/reminderDays/${i}`,
      message: `The ${ordinal[i]} reminder would go ${when} after the invitation, when the link has closed (it stays open ${expires} day${expires === 1 ? "" : "s"}): remind sooner, or keep the link open longer.`,
    });
  });
  return out;
}

const remindersFit = (r: { reminderDays: number[]; expiresAfterDays: number }, ctx: z.RefinementCtx) => {
  for (const p of reminderProblems(r.reminderDays, r.expiresAfterDays)) {
    ctx.addIssue({ code: "custom", path: ["reminderDays", Number(p.path.split("/").pop())], message: p.message });
  }
};

export const createRuleBody = z
  .object({
    match: match.default({}),
    delayMinutes,
    expiresAfterDays,
    samplePercent: samplePercent.default(100),
    reminderDays: reminderDays.default([]),
    contactGapDays: contactGapDays.default(null),
    active: active.default(true),
  })
  .superRefine(remindersFit)
  .openapi("NewRule");
export type RuleInput = z.infer<typeof createRuleBody>;

export const updateRuleBody = z
  .object({
    match: match.optional().openapi({ description: "Replaces the whole match when given." }),
    delayMinutes: delayMinutes.optional(),
    expiresAfterDays: expiresAfterDays.optional(),
    samplePercent: samplePercent.optional(),
    reminderDays: reminderDays.optional(),
    contactGapDays: contactGapDays.optional(),
    active: active.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "Send at least one change, such as { \"active\": false } to pause the rule." })
  .openapi("RuleChanges");
export type RuleChanges = z.infer<typeof updateRuleBody>;

export const ruleParams = surveyIdParam.extend({ ruleId: z.string().openapi({ param: { name: "ruleId", in: "path" }, example: "7d1e…" }) });

export const dryRunQuery = z.object({
  ruleId: z
    .string()
    .optional()
    .openapi({ description: "When trying changes to a saved rule: its id, so the sample is the customers it really picks and its own invitations are not counted against it." }),
});

export const ruleView = z
  .object({
    id: z.string(),
    surveyId: z.string(),
    match: z.object({
      types: z.array(z.string()),
      channels: z.array(z.string()),
      units: z.array(z.string()),
      attributes: z.array(attributeCondition),
    }).openapi({ description: "An empty list matches everything." }),
    delayMinutes: z.number().int(),
    expiresAfterDays: z.number().int(),
    samplePercent: z.number().int(),
    reminderDays: z.array(z.number().int()),
    contactGapDays: z.number().int().nullable(),
    active: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime().nullable(),
  })
  .openapi("Rule");
export type RuleView = z.infer<typeof ruleView>;

export const rulePage = pageOf(ruleView, "RulePage");

const seenValue = z.object({ value: z.string(), count: z.number().int().openapi({ description: "Interactions, among those looked at, with this value." }) });
export const seenValues = z
  .object({
    scanned: z.number().int().openapi({ description: "Interactions looked at: the organisation's most recent, up to a bound." }),
    types: z.array(seenValue),
    channels: z.array(seenValue),
    units: z.array(seenValue).openapi({ description: "Every unit the organisation has, with how many of those interactions named it." }),
    attributeKeys: z.array(seenValue),
  })
  .openapi("SeenValues");

// In the order an interaction meets them: the match, then the pass's checks of a matched one (see decideBatch).
export const dryRunReasons = ["type", "channel", "unit", "attributes", "suppressed", "sampled-out", "too-late", "held-contact"] as const satisfies readonly (
  | "type"
  | "channel"
  | "unit"
  | "attributes"
  | Exclude<DecisionOutcome, "scheduled">
)[];
export type DryRunReason = (typeof dryRunReasons)[number];
const example = z.object({ externalId: z.string(), occurredAt: z.iso.datetime() });
const examples = z.array(example).openapi({ description: "A few of these interactions, oldest first." });

export const dryRunResult = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    interactions: z.number().int().openapi({ description: "The organisation's interactions in the window." }),
    surveyed: z.object({
      count: z.number().int(),
      reminders: z.number().int().openapi({ description: "Reminders these invitations would have planned." }),
      examples,
    }),
    notSurveyed: z
      .array(z.object({ reason: z.enum(dryRunReasons), count: z.number().int(), examples }))
      .openapi({
        description:
          "Why the others were not, one entry per reason in this order: another type, channel or unit, an attribute condition; then, of those it matched, " +
          "the customer was suppressed, fell outside the sample, it was too late, or the customer was held by contact rules (surveyed, or due to be, within the gap).",
      }),
    sampling: z
      .enum(["as-saved", "estimate"])
      .openapi({ description: "as-saved: the saved rule's own sample. estimate: an unsaved rule samples other customers once saved, in about the same share." }),
  })
  .openapi("DryRun");
export type DryRunResult = z.infer<typeof dryRunResult>;
