// Shapes of the distribution-rule endpoints.
import { z } from "zod";

const labels = z.array(z.string().trim().min(1).max(64)).max(50);

export const createRuleBody = z.object({
  match: z.object({ types: labels.optional(), channels: labels.optional() }).default({}),
  delayMinutes: z.number().int().min(0).max(60 * 24 * 30),
  expiresAfterDays: z.number().int().min(1).max(365),
});
