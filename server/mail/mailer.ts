// The Mailer port: send a batch under an idempotency key, and say whether a failure is worth retrying.
// `tags` are Resend's; every email carries {name: "org", value: <organisation id>} so mail can be traced to its organisation.
export type EmailTag = { name: string; value: string };
export type OutgoingEmail = { from: string; to: string; subject: string; html: string; text: string; headers?: Record<string, string>; tags?: EmailTag[] };

export const orgTag = (orgId: string): EmailTag => ({ name: "org", value: orgId });

export type BatchResult =
  | { ok: true; ids: string[] }
  | { ok: false; retryable: boolean; retryAfterMs?: number; message: string };

export interface Mailer {
  readonly kind: "resend" | "dev-mailbox";
  sendBatch(emails: OutgoingEmail[], idempotencyKey: string): Promise<BatchResult>;
}
