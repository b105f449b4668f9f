// Queries over the messages the development mailer stored.
import { and, eq } from "drizzle-orm";
import { keyset, type PageRequest } from "../../lib/pagination";
import type { Db } from "../../../db/client";
import { devMessages } from "../../../db/schema";

/** One organisation's messages, newest first, `limit + 1` of them for paging. */
export function listMessages(db: Db, orgId: string, filter: { to?: string }, page: PageRequest) {
  const k = keyset(devMessages.createdAt, devMessages.id, page.cursor);
  return db
    .select({ id: devMessages.id, to: devMessages.to, subject: devMessages.subject, html: devMessages.html, text: devMessages.text, createdAt: devMessages.createdAt })
    .from(devMessages)
    .where(and(eq(devMessages.orgId, orgId), filter.to ? eq(devMessages.to, filter.to) : undefined, k.where))
    .orderBy(...k.orderBy)
    .limit(page.limit + 1)
    .all();
}
