// The development mailer: stores every message in the database for GET /api/dev/mailbox.
import { and, eq } from "drizzle-orm";
import { runBatch, type Db } from "../../db/client";
import { devMessages } from "../../db/schema";
import { keyset, toPage, type PageRequest } from "../lib/pagination";
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

/** One organisation's mail, newest first, a page at a time. */
export async function listDevMessages(db: Db, orgId: string, filter: { to?: string }, page: PageRequest) {
  const k = keyset(devMessages.createdAt, devMessages.id, page.cursor);
  const rows = await db
    .select({ id: devMessages.id, to: devMessages.to, subject: devMessages.subject, html: devMessages.html, text: devMessages.text, createdAt: devMessages.createdAt })
    .from(devMessages)
    .where(and(eq(devMessages.orgId, orgId), filter.to ? eq(devMessages.to, filter.to.toLowerCase()) : undefined, k.where))
    .orderBy(...k.orderBy)
    .limit(page.limit + 1)
    .all();
  return toPage(rows, page.limit, (m) => ({ at: m.createdAt.getTime(), id: m.id }), (m) => ({ ...m, createdAt: m.createdAt.toISOString() }));
}
