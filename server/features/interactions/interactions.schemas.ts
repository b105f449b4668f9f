// Shapes of interaction ingestion.
import { z } from "../../lib/openapi";

// Item messages start lower-case: ingestBody puts "Interaction 3: " in front of them.
const text = (field: string, ask: string, max: number) =>
  z
    .string({ error: `enter ${ask}.` })
    .trim()
    .min(1, `enter ${ask}.`)
    .max(max, `shorten ${field} to ${max} characters or fewer.`);

export const interactionInput = z.object(
  {
    externalId: text("externalId", "its id in your system (externalId)", 200),
    occurredAt: z.iso.datetime({ offset: true, error: "enter when it happened (occurredAt) as a time such as 2026-11-23T09:30:00Z." }),
    type: text("type", "its type (type), such as complaint", 64),
    channel: text("channel", "its channel (channel), such as phone", 64),
    customer: z.object(
      {
        email: z
          .email({ error: "enter the customer's email address (customer.email), like name@example.com." })
          .max(320, "shorten customer.email to 320 characters or fewer.")
          .transform((e) => e.toLowerCase()),
        name: z.string({ error: "enter the customer's name (customer.name) as text." }).trim().max(200, "shorten customer.name to 200 characters or fewer.").optional(),
      },
      { error: "enter the customer (customer), with at least an email address." },
    ),
    unit: text("unit", "the unit (unit) as text, or leave it out", 200).optional(),
    agent: text("agent", "the agent (agent) as text, or leave it out", 200).optional(),
  },
  { error: "send it as an object." },
).openapi("Interaction", {
  description: "One service interaction, as your system of record knows it.",
  example: {
    externalId: "TICKET-4711",
    occurredAt: "2026-11-23T09:30:00Z",
    type: "complaint",
    channel: "phone",
    customer: { email: "customer@example.org", name: "Alex Example" },
    unit: "North-west region",
    agent: "Sam",
  },
});

export type InteractionInput = z.infer<typeof interactionInput>;

// Items are checked one by one so each message can say which interaction of the batch it is about.
const numberedItems = z.array(z.unknown(), { error: "Send the interactions as a list." }).transform((items, ctx) =>
  items.map((item, i) => {
    const parsed = interactionInput.safeParse(item);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: "custom", path: [i, ...issue.path], message: `Interaction ${i + 1}: ${issue.message}`, input: item });
    }
    return z.NEVER;
  }),
);

export const ingestBody = z
  .object({
    interactions: z
      .array(z.unknown(), { error: "Send the interactions as a list." })
      .min(1, "Send at least one interaction.")
      .max(1000, "Send at most 1000 interactions a request; split larger batches.")
      .pipe(numberedItems)
      // Items are parsed one by one (above), so the document names their shape itself.
      .openapi({ items: { $ref: "#/components/schemas/Interaction" } }),
  })
  .openapi("InteractionBatch");

export const ingestResult = z
  .object({
    accepted: z.number().int().openapi({ description: "Interactions stored by this request.", example: 3 }),
    duplicates: z.number().int().openapi({ description: "Interactions whose externalId was already stored (or repeated in the batch), skipped.", example: 0 }),
  })
  .openapi("IngestResult");
