// The development mailbox: the organisation's outgoing mail, readable while no real mailer is configured.
import { NotFound } from "../../errors";
import { toPage, type PageRequest } from "../../lib/pagination";
import type { OrgContext } from "../../lib/service-context";
import type { MailMessage } from "./mailbox.schemas";
import * as repo from "./mailbox.repo";

/** One organisation's mail, newest first, a page at a time. */
export async function listDevMessages(ctx: Pick<OrgContext, "db" | "orgId" | "mailer">, filter: { to?: string }, page: PageRequest) {
  if (ctx.mailer.kind !== "dev-mailbox") throw new NotFound("The dev mailbox is off: email goes out through Resend.");
  const rows = await repo.listMessages(ctx.db, ctx.orgId, { to: filter.to?.toLowerCase() }, page);
  return toPage(rows, page.limit, (m) => ({ at: m.createdAt.getTime(), id: m.id }), (m): MailMessage => ({ ...m, createdAt: m.createdAt.toISOString() }));
}
