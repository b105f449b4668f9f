// Shapes of the one-time link and password endpoints, and the email and name fields other forms share.
import { z } from "../../lib/openapi";
import { newPasswordField } from "../auth/auth.schemas";

// Our tokens are 43 characters; the bounds only keep junk away from the database.
export const linkToken = z
  .string({ error: "The link has no token. Open the whole link from the email." })
  .min(16, "This link is cut short. Open the whole link from the email.")
  .max(200, "This link is not one of ours. Open the link from the email.")
  .openapi({ description: "The token of a one-time link, from the `?token=` of the emailed link.", example: "q8Yp3…" });

export const emailField = z
  .email({ error: "Enter an email address like name@example.com." })
  .max(320, "Enter an email address of at most 320 characters.")
  .transform((e) => e.toLowerCase())
  .openapi({ example: "pat@example.com" });

export const personName = z
  .string({ error: "Enter a name as text." })
  .trim()
  .max(100, "Enter a name of at most 100 characters.")
  .transform((n) => (n === "" ? null : n))
  .openapi({ description: "An empty name means none.", example: "Pat Lee" });

export const linkTokenParam = z.object({ token: linkToken.openapi({ param: { name: "token", in: "path" } }) });

export const acceptInvitationBody = z
  .object({ token: linkToken, password: newPasswordField, name: personName.optional() })
  .openapi("InvitationAcceptance");

export const passwordResetBody = z.object({ email: emailField }).openapi("PasswordResetRequest");

export const completeResetBody = z.object({ token: linkToken, password: newPasswordField }).openapi("PasswordReset");

export const changePasswordBody = z
  .object({
    currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(1024, "Enter your current password."),
    newPassword: newPasswordField,
  })
  .openapi("PasswordChange");

const linkPurpose = z.enum(["invite", "reset"]);
export type LinkPurpose = z.infer<typeof linkPurpose>;

export const linkDescription = z
  .object({
    purpose: linkPurpose,
    email: z.string(),
    name: z.string().nullable(),
    organisation: z.string().openapi({ description: "The organisation's name." }),
    expiresAt: z.iso.datetime(),
  })
  .openapi("OneTimeLink", { description: "What a one-time link is for, so its page can greet the person before they use it." });
export type LinkDescription = z.infer<typeof linkDescription>;

export const resetRequested = z
  .object({ message: z.string() })
  .openapi("PasswordResetRequested", { description: "The same answer whether or not the address has an account." });

export const passwordResetDone = z.object({ email: z.string() }).openapi("PasswordResetDone");
