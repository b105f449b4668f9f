// Shapes of the auth endpoints, and the password rule every form that sets one shares.
import { roles } from "../../../db/schema";
import { z } from "../../lib/openapi";

export const loginBody = z
  .object({
    email: z
      .email({ error: "Enter your email address, like name@example.com." })
      .transform((e) => e.toLowerCase())
      .openapi({ example: "manager@example.com" }),
    password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(1024, "Enter a password of at most 1024 characters."),
  })
  .openapi("SignIn");

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;

/** The rule for every password someone chooses (setup, invitation, reset, change). */
export const newPasswordField = z
  .string({ error: "Enter a password." })
  .min(MIN_PASSWORD_LENGTH, `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `Choose a password of at most ${MAX_PASSWORD_LENGTH} characters.`)
  .openapi({ description: `At least ${MIN_PASSWORD_LENGTH} characters.` });

export const me = z
  .object({
    id: z.string(),
    email: z.string().openapi({ example: "manager@example.com" }),
    name: z.string().nullable(),
    role: z.enum(roles),
    orgId: z.string(),
    agentId: z.string().nullable().openapi({ description: "For an agent: the staff record whose feedback and cases are theirs." }),
  })
  .openapi("Me", { description: "The signed-in person." });
export type Me = z.infer<typeof me>;

/** The session cookie a sign-in, a setup or an accepted invitation hands out. */
export const sessionCookieHeader = z.object({
  "Set-Cookie": z.string().openapi({ description: "`rapport_session=…; HttpOnly; SameSite=Lax; Path=/`, valid 7 days." }),
});
