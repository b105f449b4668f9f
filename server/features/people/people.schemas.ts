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
    agentId: z
      .string({ error: "Choose the staff record this agent is, or null for none." })
      .min(1, "Choose the staff record this agent is, or null for none.")
      .nullable()
      .optional()
      .openapi({ description: "For an agent: the staff record whose feedback and follow-up cases are theirs." }),
    unitIds: z
      .array(z.string({ error: "Send unit ids as text." }).min(1, "Send unit ids as text."), { error: "Send unitIds as a list of unit ids." })
      .max(500, "A manager can be given at most 500 units.")
      .optional()
      .openapi({ description: "For a manager: the units whose cases they see and work; an empty list means the whole organisation." }),
  })
  .refine((b) => b.role !== undefined || b.active !== undefined || b.agentId !== undefined || b.unitIds !== undefined, {
    message: "Send a new role, active: true or false, a staff record (agentId) or units (unitIds).",
  })
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
    agent: z.object({ id: z.string(), name: z.string() }).nullable().openapi({ description: "For an agent: the staff record they are." }),
    units: z.array(z.object({ id: z.string(), name: z.string() })).openapi({ description: "For a manager: the units they manage; empty means the whole organisation." }),
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
