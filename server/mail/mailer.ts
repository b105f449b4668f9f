// The Mailer port: send a batch under an idempotency key, and say whether a failure is worth retrying.
export type OutgoingEmail = { from: string; to: string; subject: string; html: string; text: string; headers?: Record<string, string> };

export type BatchResult =
  | { ok: true; ids: string[] }
  | { ok: false; retryable: boolean; retryAfterMs?: number; message: string };

export interface Mailer {
  readonly kind: "resend" | "dev-mailbox";
  sendBatch(emails: OutgoingEmail[], idempotencyKey: string): Promise<BatchResult>;
}
