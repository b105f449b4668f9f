// Resend webhook deliveries as Resend signs them (Standard Webhooks: HMAC-SHA256 over "id.timestamp.body" under
// the base64 secret after "whsec_"), written out independently of the SDK the app verifies them with.
import { createHmac, randomUUID } from "node:crypto";

export const WEBHOOK_SECRET = `whsec_${Buffer.from("rapport-test-webhook-signing-key!").toString("base64")}`;

export type SignOptions = { secret?: string; id?: string; at?: Date };

/** The raw body and the svix-* headers of one delivery. */
export function signedDelivery(event: unknown, { secret = WEBHOOK_SECRET, id = `msg_${randomUUID()}`, at = new Date() }: SignOptions = {}) {
  const body = JSON.stringify(event);
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return {
    id,
    body,
    headers: { "content-type": "application/json", "svix-id": id, "svix-timestamp": timestamp, "svix-signature": `v1,${signature}` },
  };
}

/** A Resend email event about the email with this id, shaped as Resend sends it. */
export function emailEvent(type: string, emailId: string, extra: Record<string, unknown> = {}, createdAt = new Date()) {
  return {
    type,
    created_at: createdAt.toISOString(),
    data: {
      email_id: emailId,
      created_at: createdAt.toISOString(),
      from: "Rapport <surveys@rapport.test>",
      to: ["customer@example.org"],
      subject: "How did we do?",
      tags: { org: "test" },
      ...extra,
    },
  };
}
