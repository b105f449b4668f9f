// Shapes of interaction ingestion, the file import and status changes.
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
// Building a formatter to test a zone costs more than the rest of a row's checks; a file names few zones.
const knownZones = new Set<string>();
const isTimeZone = (zone: string) => {
  if (knownZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
  } catch {
    return false;
  }
  if (zone.length === 0) return false;
  if (knownZones.size < 1000) knownZones.add(zone);
  return true;
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

// Items are checked one by one so each message can say which interaction of the batch (or row of a file) it is about.
const numbered = (label: string) =>
  z.array(z.unknown(), { error: "Send the interactions as a list." }).transform((items, ctx) =>
    items.map((item, i) => {
      const parsed = interactionInput.safeParse(item);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) {
        ctx.addIssue({ code: "custom", path: [i, ...issue.path], message: `${label} ${i + 1}: ${issue.message}`, input: item });
      }
      return z.NEVER;
    }),
  );
const numberedItems = numbered("Interaction");

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

export const MAX_IMPORT_INTERACTIONS = 10_000;

export const importBody = z
  .object({
    dryRun: z
      .boolean({ error: "Send dryRun as true or false." })
      .optional()
      .openapi({ description: "Check every row and count what would be stored and scheduled, storing nothing." }),
    interactions: z
      .array(z.unknown(), { error: "Send the interactions as a list." })
      .min(1, "Send at least one interaction.")
      .max(MAX_IMPORT_INTERACTIONS, `Send at most ${MAX_IMPORT_INTERACTIONS.toLocaleString("en")} interactions in one import; split the file.`)
      .pipe(numbered("Row"))
      .openapi({ items: { $ref: "#/components/schemas/Interaction" } }),
  })
  .openapi("InteractionImport");

export type ImportInput = z.infer<typeof importBody>;

export const importResult = z
  .object({
    accepted: z.number().int().openapi({ description: "Interactions stored (for a dry run: that would be stored).", example: 9950 }),
    duplicates: z.number().int().openapi({ description: "Rows whose externalId was already stored (or repeated in the file), skipped.", example: 50 }),
    invitations: z.number().int().openapi({ description: "Invitations scheduled (for a dry run: that would be), reminders not counted.", example: 3120 }),
    dryRun: z.boolean(),
  })
  .openapi("InteractionImportResult");

// What a column of an interactions file can be imported as; `attribute` keeps it as an attribute named after the column.
export const mappingTargets = [
  "ignore",
  "externalId",
  "occurredAt",
  "type",
  "channel",
  "customer.email",
  "customer.name",
  "customer.locale",
  "customer.timezone",
  "unit",
  "agent",
  "attribute",
] as const;
export type MappingTarget = (typeof mappingTargets)[number];
export const dateOrders = ["ymd", "mdy", "dmy"] as const;
export type DateOrder = (typeof dateOrders)[number];
// Settings of the file kept beside its columns; a column with one of these exact names cannot be remembered.
export const MAPPING_TIME_ZONE = "@timeZone";
export const MAPPING_DATE_ORDER = "@dateOrder";
export const MAX_MAPPED_COLUMNS = 200;

const targetList = mappingTargets.join(", ");

export const importMapping = z
  .record(
    z.string().min(1, "Name each column.").max(200, "Shorten column names to 200 characters or fewer."),
    z.string({ error: "Map each column to a field name as text." }).max(64, "Map each column to one of the field names."),
    { error: "Send the mapping as an object of column name → field." },
  )
  .superRefine((mapping, ctx) => {
    if (Object.keys(mapping).length > MAX_MAPPED_COLUMNS) ctx.addIssue({ code: "custom", message: `Remember at most ${MAX_MAPPED_COLUMNS} columns.` });
    for (const [key, value] of Object.entries(mapping)) {
      if (key === MAPPING_TIME_ZONE) {
        if (!isTimeZone(value)) ctx.addIssue({ code: "custom", path: [key], message: `Choose the file's time zone as a name such as Europe/Paris; “${value}” is not one we know.` });
      } else if (key === MAPPING_DATE_ORDER) {
        if (!(dateOrders as readonly string[]).includes(value)) ctx.addIssue({ code: "custom", path: [key], message: "Choose the date order as ymd, mdy or dmy." });
      } else if (!(mappingTargets as readonly string[]).includes(value)) {
        ctx.addIssue({ code: "custom", path: [key], message: `Map column “${key}” to one of: ${targetList}.` });
      }
    }
  })
  .openapi({
    description:
      `Column name → field (${targetList}), plus the file's settings under \`${MAPPING_TIME_ZONE}\` (an IANA zone) and \`${MAPPING_DATE_ORDER}\` (ymd, mdy or dmy).`,
    example: { "Ticket #": "externalId", "Closed at": "occurredAt", Email: "customer.email", Tier: "attribute", [MAPPING_TIME_ZONE]: "Europe/Paris", [MAPPING_DATE_ORDER]: "dmy" },
  });

export const mappingBody = z.object({ mapping: importMapping }).openapi("InteractionImportMappingInput");

export const mappingView = z
  .object({
    mapping: importMapping.openapi({ description: "The mapping saved last, or {} before the first import." }),
    timeZone: z.string().openapi({ description: "The organisation's time zone, the default for a file's dates.", example: "Europe/London" }),
  })
  .openapi("InteractionImportMapping", { description: "How the organisation's last interactions file was read, for the next one." });

export type MappingView = z.infer<typeof mappingView>;

export const statusParam = z.object({
  externalId: z
    .string()
    .min(1)
    .openapi({ param: { name: "externalId", in: "path" }, description: "The interaction's id in your system, URL-encoded.", example: "TICKET-4711" }),
});

export const statusBody = z
  .object({
    status: z.enum(["reopened", "cancelled", "closed"], { error: "Set status to reopened, cancelled or closed." }),
  })
  .openapi("InteractionStatusChange");

export const statusResult = z
  .object({
    externalId: z.string(),
    status: z.enum(["reopened", "cancelled", "closed"]),
    cancelled: z.number().int().openapi({ description: "Invitations and reminders not yet sent that this change cancelled.", example: 2 }),
  })
  .openapi("InteractionStatus");
