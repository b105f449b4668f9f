// Resend's webhook signatures (Standard Webhooks, as Svix sends them), checked by the Resend SDK over the raw body.
import { Resend } from "resend";

export type SignatureHeaders = { id: string | undefined; timestamp: string | undefined; signature: string | undefined };

export type WebhookCheck =
  | { ok: true; event: unknown }
  | { ok: false; reason: "unsigned" | "stale" | "forged" | "unreadable" };

// Verifying needs only the signing secret, but the SDK's client insists on an API key to exist at all.
const sdk = new Resend("re_signature_checks_only");

/**
 * Checks the svix-* headers against the body exactly as it arrived (±5 minutes, several signatures during a
 * secret rotation) and parses it. The SDK throws on every failure; its messages tell a stale timestamp apart.
 */
export function verifyResendWebhook(secret: string, rawBody: string, headers: SignatureHeaders): WebhookCheck {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: "unsigned" };
  try {
    const event: unknown = sdk.webhooks.verify({ payload: rawBody, headers: { id, timestamp, signature }, webhookSecret: secret });
    return { ok: true, event };
  } catch (err) {
    if (err instanceof SyntaxError) return { ok: false, reason: "unreadable" };
    if (err instanceof Error && err.name === "WebhookVerificationError") {
      return { ok: false, reason: /timestamp too (old|new)/i.test(err.message) ? "stale" : "forged" };
    }
    throw err;
  }
}
