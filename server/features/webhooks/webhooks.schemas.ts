// Shapes of the mail provider's webhook: the parts of a Resend event this app reads, and its answer.
import { z } from "../../lib/openapi";

const text = z.string().optional();

/** What Rapport reads of a Resend email event; anything else in it is ignored. */
export const resendEvent = z.object({
  type: z.string(),
  created_at: text,
  data: z.object({
    email_id: z.string(),
    // Outbox emails carry {invitation: <row id>}: an event that beats the row's provider id to the database still finds it.
    tags: z.record(z.string(), z.string()).optional().catch(undefined),
    bounce: z.object({ type: text, subType: text, message: text }).optional(),
    failed: z.object({ reason: text }).optional(),
    suppressed: z.object({ type: text, message: text }).optional(),
    click: z.object({ link: text }).optional(),
  }),
});
export type ResendEvent = z.infer<typeof resendEvent>;

export const webhookReceipt = z
  .object({
    outcome: z.enum(["applied", "duplicate", "ignored"]).openapi({
      description: "applied: the email's delivery was updated; duplicate: this event id was received before, nothing changed; ignored: an event or email Rapport does not track.",
    }),
  })
  .openapi("WebhookReceipt");
export type WebhookReceipt = z.infer<typeof webhookReceipt>;
