// Shapes of interaction ingestion.
import { z } from "../../lib/openapi";

// Item messages start lower-case: ingestBody puts "Interaction 3: " in front of them.
const text = (field: string, ask: string, max: number) =>
  z
    .string({ error: `enter ${ask}.` })
    .trim()
    .min(1, `enter ${ask}.`)
    .max(max, `shorten ${field} to ${max} characters or fewer.`);

export const MAX_ATTRIBUTES = 20;

const isLocale = (l: string) => {
  try {
    return Intl.getCanonicalLocales(l).length === 1;
  } catch {
    return false;
  }
};
const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
};

// Free facts a rule can match on: a bounded number of short keys with text, number or yes/no values.
const attributes = z
  .record(
    z.string().trim().min(1, "name each attribute.").max(64, "shorten attribute names to 64 characters or fewer."),
    z.union([z.string().max(200, "shorten attribute values to 200 characters or fewer."), z.number().finite(), z.boolean()], {
      error: "give each attribute a text, number or true/false value.",
    }),
    { error: "send attributes as an object such as { \"tier\": \"gold\" }." },
  )
  .refine((a) => Object.keys(a).length <= MAX_ATTRIBUTES, `send at most ${MAX_ATTRIBUTES} attributes.`)
  .openapi({ description: `Up to ${MAX_ATTRIBUTES} facts rules can match on: text, number or true/false.` });

export const interactionInput = z.object(
  {
    externalId: text("externalId", "its id in your system (externalId)", 200),
    occurredAt: z.iso.datetime({ offset: true, error: "enter when it happened (occurredAt) as a time such as 2026-11-23T09:30:00Z." }),
    type: text("type", "its type (type), such as complaint", 64),
    channel: text("channel", "its channel (channel), such as phone", 64),
    customer: z.object(
      {
        email: z
          .string({ error: "enter the customer's email address (customer.email), like name@example.com." })
          .trim()
          .max(320, "shorten customer.email to 320 characters or fewer.")
          .pipe(z.email({ error: "enter the customer's email address (customer.email), like name@example.com." }))
          .transform((e) => e.toLowerCase()),
        name: z.string({ error: "enter the customer's name (customer.name) as text." }).trim().max(200, "shorten customer.name to 200 characters or fewer.").optional(),
        locale: z
          .string({ error: "enter the customer's language (customer.locale) as a tag such as en or pt-BR." })
          .trim()
          .max(35, "shorten customer.locale to 35 characters or fewer.")
          .refine(isLocale, "enter the customer's language (customer.locale) as a tag such as en or pt-BR.")
          .transform((l) => Intl.getCanonicalLocales(l)[0]!)
          .optional(),
        timezone: z
          .string({ error: "enter the customer's time zone (customer.timezone) as a name such as Europe/Paris." })
          .trim()
          .refine(isTimeZone, "enter the customer's time zone (customer.timezone) as a name such as Europe/Paris; it is not one we know.")
          .optional(),
      },
      { error: "enter the customer (customer), with at least an email address." },
    ),
    unit: text("unit", "the unit (unit) as text, or leave it out", 200).optional(),
    agent: text("agent", "the agent (agent) as text, or leave it out", 200).optional(),
    attributes: attributes.optional(),
  },
  { error: "send it as an object." },
).openapi("Interaction", {
  description: "One service interaction, as your system of record knows it.",
  example: {
    externalId: "TICKET-4711",
    occurredAt: "2026-11-23T09:30:00Z",
    type: "complaint",
    channel: "phone",
    customer: { email: "customer@example.org", name: "Alex Example", locale: "en-GB", timezone: "Europe/London" },
    unit: "North-west region",
    agent: "Sam",
    attributes: { tier: "gold", orderValue: 120, firstOrder: false },
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
    invitations: z.number().int().openapi({ description: "Invitations this request scheduled (reminders not counted).", example: 2 }),
  })
  .openapi("IngestResult");
