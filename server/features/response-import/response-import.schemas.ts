// Shapes of importing responses from another tool: rows keyed by the other tool's id, answers by question name.
import { z } from "../../lib/openapi";

export const MAX_IMPORT_ROWS = 1000;

// Row messages start lower-case: importBody puts "Row 3: " in front of them.
const text = (field: string, ask: string, max: number) =>
  z
    .string({ error: `enter ${ask}.` })
    .trim()
    .min(1, `enter ${ask}.`)
    .max(max, `shorten ${field} to ${max} characters or fewer.`);

export const importRow = z
  .object(
    {
      externalId: text("externalId", "the response's id in the other tool (externalId)", 200),
      respondedAt: z.iso
        .datetime({ offset: true, error: "enter when the customer answered (respondedAt) as a time such as 2025-03-14T09:30:00Z." })
        .openapi({ description: "When the customer answered; not in the future. Analytics counts it on this day in the organisation's time zone." }),
      answers: z
        .record(z.string(), z.unknown(), { error: "send the answers (answers) as an object: { \"question name\": answer }." })
        .openapi({ description: "Answers by question name, typed as the question takes them (a rating as a number, a yes/no as a boolean)." }),
      unit: text("unit", "the unit (unit) as text, or leave it out", 200).optional(),
      channel: text("channel", "the channel (channel) as text, or leave it out", 64).optional(),
      agent: text("agent", "the agent (agent) as text, or leave it out", 200).optional(),
      type: text("type", "the interaction type (type) as text, or leave it out", 64).optional(),
      customer: z
        .object(
          {
            email: z
              .email({ error: "enter the customer's email address (customer.email), like name@example.com." })
              .max(320, "shorten customer.email to 320 characters or fewer.")
              .transform((e) => e.toLowerCase()),
          },
          { error: "send the customer (customer) as { \"email\": … }, or leave it out." },
        )
        .optional()
        .openapi({ description: "The customer who answered, kept with the response." }),
    },
    { error: "send it as an object." },
  )
  .openapi("ImportedResponse", {
    description: "One response as the other tool exported it.",
    example: {
      externalId: "delighted-88123",
      respondedAt: "2025-03-14T09:30:00Z",
      answers: { nps: 9, comment: "Quick and friendly." },
      unit: "North-west region",
      channel: "phone",
      agent: "Sam",
      type: "complaint",
      customer: { email: "customer@example.org" },
    },
  });

export type ImportRow = z.infer<typeof importRow>;

// Rows are checked one by one so each message can say which row of the batch it is about.
const numberedRows = z.array(z.unknown()).transform((rows, ctx) =>
  rows.map((row, i) => {
    const parsed = importRow.safeParse(row);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: "custom", path: [i, ...issue.path], message: `Row ${i + 1}: ${issue.message}`, input: row });
    }
    return z.NEVER;
  }),
);

export const importBody = z
  .object({
    surveyId: z.string({ error: "Choose the survey to import into (surveyId)." }).min(1, "Choose the survey to import into (surveyId).").openapi({ example: "0b7c…" }),
    dryRun: z
      .boolean({ error: "Send dryRun as true or false." })
      .optional()
      .openapi({ description: "Check every row and count what would be imported, storing nothing: check each part of a large file first." }),
    responses: z
      .array(z.unknown(), { error: "Send the responses as a list." })
      .min(1, "Send at least one response.")
      .max(MAX_IMPORT_ROWS, `Send at most ${MAX_IMPORT_ROWS} responses a request; split larger files.`)
      .pipe(numberedRows)
      .openapi({ items: { $ref: "#/components/schemas/ImportedResponse" } }),
  })
  .openapi("ResponseImport");

export type ImportInput = z.infer<typeof importBody>;

export const importResult = z
  .object({
    imported: z.number().int().openapi({ description: "Responses stored by this request (or, for a dry run, that would be).", example: 998 }),
    skipped: z.number().int().openapi({ description: "Rows whose externalId was already imported into this survey (or repeated in the request), skipped.", example: 2 }),
    dryRun: z.boolean(),
  })
  .openapi("ImportResult");

export const importSurveyParam = z.object({ surveyId: z.string().openapi({ param: { name: "surveyId", in: "path" }, example: "0b7c…" }) });

const importQuestion = z
  .object({
    name: z.string().openapi({ description: "The key to send its answer under in `answers`.", example: "nps" }),
    title: z.string(),
    type: z.string().openapi({ example: "rating" }),
    metric: z.string().nullable().openapi({ description: "Its metric role, such as nps or dimension:time-taken; null for none.", example: "nps" }),
    required: z.boolean(),
    scale: z.object({ min: z.number(), max: z.number() }).nullable().openapi({ description: "A rating question's scale." }),
    choices: z.array(z.union([z.string(), z.number()])).nullable().openapi({ description: "The values a choice question takes." }),
  })
  .openapi("ImportQuestion");

export const importTarget = z
  .object({
    surveyId: z.string(),
    title: z.string(),
    version: z.number().int().openapi({ description: "The published version rows are checked against." }),
    timeZone: z.string().openapi({ description: "The organisation's time zone, which analytics counts days in.", example: "Europe/London" }),
    questions: z.array(importQuestion),
  })
  .openapi("ImportTarget", { description: "What an import into a survey takes: the questions of its published version." });

export type ImportTarget = z.infer<typeof importTarget>;
