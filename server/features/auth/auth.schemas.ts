// Shapes of the auth endpoints.
import { z } from "zod";
import type { Role } from "../../../db/schema";

export const loginBody = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(1024),
});

export type Me = { id: string; email: string; name: string | null; role: Role; orgId: string };
