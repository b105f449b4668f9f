// Shapes of the auth endpoints.
import { z } from "zod";
import type { Role } from "../../../db/schema";

export const loginBody = z.object({
  email: z.email({ error: "Enter your email address, like name@example.com." }).transform((e) => e.toLowerCase()),
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(1024, "Enter a password of at most 1024 characters."),
});

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;

/** The rule for every password someone chooses (setup, invitation, reset, change). */
export const newPasswordField = z
  .string({ error: "Enter a password." })
  .min(MIN_PASSWORD_LENGTH, `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `Choose a password of at most ${MAX_PASSWORD_LENGTH} characters.`);

export type Me = { id: string; email: string; name: string | null; role: Role; orgId: string };
