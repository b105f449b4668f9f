// Shapes of the one-time link and password endpoints.
import { z } from "zod";
import { newPasswordField } from "../auth/auth.schemas";

// Our tokens are 43 characters; the bounds only keep junk away from the database.
export const linkToken = z
  .string({ error: "The link has no token. Open the whole link from the email." })
  .min(16, "This link is cut short. Open the whole link from the email.")
  .max(200, "This link is not one of ours. Open the link from the email.");

export const emailField = z
  .email({ error: "Enter an email address like name@example.com." })
  .max(320, "Enter an email address of at most 320 characters.")
  .transform((e) => e.toLowerCase());

export const personName = z
  .string({ error: "Enter a name as text." })
  .trim()
  .max(100, "Enter a name of at most 100 characters.")
  .transform((n) => (n === "" ? null : n));

export const acceptInvitationBody = z.object({ token: linkToken, password: newPasswordField, name: personName.optional() });

export const passwordResetBody = z.object({ email: emailField });

export const completeResetBody = z.object({ token: linkToken, password: newPasswordField });

export const changePasswordBody = z.object({
  currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(1024, "Enter your current password."),
  newPassword: newPasswordField,
});

export type LinkPurpose = "invite" | "reset";

export type LinkDescription = { purpose: LinkPurpose; email: string; name: string | null; organisation: string; expiresAt: Date };
