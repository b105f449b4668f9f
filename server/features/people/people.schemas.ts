// Shapes of the people endpoints.
import { z } from "zod";
import { roles, type Role } from "../../../db/schema";
import { pageQueryFields } from "../../lib/pagination";
import { emailField, personName } from "../accounts/accounts.schemas";

const roleField = z.enum(roles, { error: `Choose a role: ${roles.join(", ")}.` });

export const listPeopleQuery = z.object(pageQueryFields);

export const inviteBody = z.object({ email: emailField, name: personName.optional(), role: roleField });

export const updatePersonBody = z
  .object({ role: roleField.optional(), active: z.boolean({ error: "Send active as true or false." }).optional() })
  .refine((b) => b.role !== undefined || b.active !== undefined, { message: "Send a new role, or active: true or false." });

export type PersonStatus = "invited" | "active" | "deactivated";

export type PersonView = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  status: PersonStatus;
  createdAt: Date;
  invitedBy: { id: string; name: string | null; email: string } | null;
};
