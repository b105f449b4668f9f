// The development mailer: stores every message in the database, where GET /api/dev/mailbox reads it.
import { eq } from "drizzle-orm";
import { runBatch, type Db } from "../../db/client";
import { devMessages } from "../../db/schema";
import type { BatchResult, Mailer, OutgoingEmail } from "./mailer";

export function createDevMailbox(db: Db): Mailer {
  return {
    kind: "dev-mailbox",
    async sendBatch(emails: OutgoingEmail[], idempotencyKey: string): Promise<BatchResult> {
      // Like Resend, a repeated key answers with the first delivery instead of delivering again.
      const earlier = await db.select({ id: devMessages.id }).from(devMessages).where(eq(devMessages.idempotencyKey, idempotencyKey)).all();
      if (earlier.length) return { ok: true, ids: earlier.map((m) => m.id) };
      const now = new Date();
      const rows = emails.map((e, i) => ({ id: crypto.randomUUID(), orgId: e.tags?.find((t) => t.name === "org")?.value ?? null, to: e.to, from: e.from, subject: e.subject, html: e.html, text: e.text, idempotencyKey, createdAt: new Date(now.getTime() + i) }));
      await runBatch(db, rows.map((row) => db.insert(devMessages).values(row)));
      return { ok: true, ids: rows.map((r) => r.id) };
    },
  };
}
