// The Mailer port: send a batch under an idempotency key, say whether a failure is worth retrying, and pass on
// what the provider says about its rate limit.
// `tags` are Resend's; every email carries {name: "org", value: <organisation id>} so mail can be traced to its organisation.
export type EmailTag = { name: string; value: string };
export type OutgoingEmail = { from: string; to: string; subject: string; html: string; text: string; headers?: Record<string, string>; tags?: EmailTag[] };

export const orgTag = (orgId: string): EmailTag => ({ name: "org", value: orgId });

/** The provider's own account of its limit (IETF RateLimit headers): requests a window, left, and when it resets. */
export type RateInfo = { limit?: number; windowMs?: number; remaining?: number; resetMs?: number };

export type BatchResult =
  | { ok: true; ids: string[]; rate?: RateInfo }
  | {
      ok: false;
      retryable: boolean;
      retryAfterMs?: number;
      message: string;
      /** The provider answered (an error status), so it sent nothing; false when no answer came (a network error). */
      definite: boolean;
      rate?: RateInfo;
    };

export interface Mailer {
  readonly kind: "resend" | "dev-mailbox";
  sendBatch(emails: OutgoingEmail[], idempotencyKey: string): Promise<BatchResult>;
}
