// Shapes of the auth endpoints.
import { z } from "zod";
import type { Role } from "../../../db/schema";

export const loginBody = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(1024),
});

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;

/** The rule for every password someone chooses (setup, invitation, reset, change). */
export const newPasswordField = z
  .string({ error: "Enter a password." })
  .min(MIN_PASSWORD_LENGTH, `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `Choose a password of at most ${MAX_PASSWORD_LENGTH} characters.`);

export type Me = { id: string; email: string; name: string | null; role: Role; orgId: string };
