// Shapes of the suppression-list endpoints.
import { suppressionReasons } from "../../../db/schema";
import { z } from "../../lib/openapi";
import { pageOf, pageQueryFields } from "../../lib/pagination";
import { emailField } from "../accounts/accounts.schemas";

const reasonField = z
  .enum(suppressionReasons, { error: "Choose a reason: unsubscribed, bounced, complained or manual." })
  .openapi({ description: "unsubscribed: the customer's own request; bounced: a permanent bounce; complained: marked as spam; manual: added by an admin." });

export const suppressionListQuery = z.object({
  reason: reasonField.optional(),
  status: z
    .enum(["active", "lifted", "all"], { error: "Choose a status: active, lifted or all." })
    .default("active")
    .openapi({ description: "active (the default): addresses not emailed now; lifted: entries an admin removed; all: both." }),
  q: z
    .string()
    .trim()
    .max(320, "Search for at most 320 characters of an address.")
    .optional()
    .openapi({ description: "Only addresses containing this text (any case).", example: "example.org" }),
  ...pageQueryFields,
});
export type SuppressionFilters = z.infer<typeof suppressionListQuery>;

export const suppressionIdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "3f9a…" }) });

const note = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .max(500, "Keep it to 500 characters or fewer.");

export const addSuppressionBody = z
  .object({
    email: emailField,
    note: note("Write the note as text.").optional().openapi({ description: "Why the address is added, for whoever reads the list later." }),
  })
  .openapi("NewSuppression");

export const liftSuppressionBody = z
  .object({
    reason: note("Say why this address may be emailed again.").min(1, "Say why this address may be emailed again.").openapi({ example: "The customer asked to hear from us again." }),
  })
  .openapi("SuppressionLift");

const personRef = z.object({ id: z.string(), name: z.string().nullable(), email: z.string() });

export const suppressionView = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    reason: z.enum(suppressionReasons),
    detail: z.string().nullable().openapi({ description: "The provider's words for a bounce or complaint, or the note it was added with." }),
    createdAt: z.iso.datetime(),
    lifted: z
      .object({ at: z.iso.datetime(), by: personRef.nullable(), reason: z.string() })
      .nullable()
      .openapi({ description: "Set once an admin removed the entry: the address may be emailed for new interactions." }),
  })
  .openapi("Suppression");
export type SuppressionView = z.infer<typeof suppressionView>;

export const suppressionPage = pageOf(suppressionView, "SuppressionPage");
