// Shapes of interaction ingestion.
import { z } from "zod";

const label = z.string().trim().min(1).max(64);

export const interactionInput = z.object({
  externalId: z.string().trim().min(1).max(200),
  occurredAt: z.iso.datetime({ offset: true, message: "must be an ISO-8601 time such as 2026-11-23T09:30:00Z" }),
  type: label,
  channel: label,
  customer: z.object({ email: z.email().max(320).transform((e) => e.toLowerCase()), name: z.string().trim().max(200).optional() }),
  unit: z.string().trim().min(1).max(200).optional(),
  agent: z.string().trim().min(1).max(200).optional(),
});

export const ingestBody = z.object({
  interactions: z.array(interactionInput).min(1, "send at least one interaction").max(1000, "send at most 1000 interactions a request"),
});

export type InteractionInput = z.infer<typeof interactionInput>;
