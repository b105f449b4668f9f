// Shapes of the people endpoints.
import { roles } from "../../../db/schema";
import { z } from "../../lib/openapi";
import { pageOf } from "../../lib/pagination";
import { emailField, personName } from "../accounts/accounts.schemas";

const roleField = z.enum(roles, { error: `Choose a role: ${roles.join(", ")}.` }).openapi({ example: "manager" });

export const personIdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "3f9a…" }) });

export const inviteBody = z.object({ email: emailField, name: personName.optional(), role: roleField }).openapi("PersonInvitation");

export const updatePersonBody = z
  .object({
    role: roleField.optional(),
    active: z.boolean({ error: "Send active as true or false." }).optional().openapi({ description: "false deactivates (ending their sessions), true reactivates." }),
  })
  .refine((b) => b.role !== undefined || b.active !== undefined, { message: "Send a new role, or active: true or false." })
  .openapi("PersonChanges");

const personStatus = z.enum(["invited", "active", "deactivated"]).openapi({ description: "invited: has not chosen a password yet." });
export type PersonStatus = z.infer<typeof personStatus>;

export const personView = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(roles),
    status: personStatus,
    createdAt: z.iso.datetime(),
    invitedBy: z.object({ id: z.string(), name: z.string().nullable(), email: z.string() }).nullable(),
  })
  .openapi("Person");
export type PersonView = z.infer<typeof personView>;

export const personPage = pageOf(personView, "PersonPage");

export const invitation = z
  .object({
    person: personView,
    delivery: z.enum(["sent", "failed"]).openapi({ description: "Whether the invitation email went out; a failed one can be resent." }),
    message: z.string().optional().openapi({ description: "When the email failed: what to do." }),
  })
  .openapi("PersonInvited", { description: "The invited person, saved whether or not the email could be sent." });
