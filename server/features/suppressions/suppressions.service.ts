// The suppression list: addresses the organisation does not email (unsubscribed, bounced, complained, added by
// hand), read by admins and managers; admins add entries and lift them with a reason, keeping the history.
import { Conflict, NotFound } from "../../errors";
import { toPage } from "../../lib/pagination";
import { actingUserId, unitOfWork, type OrgContext } from "../../lib/service-context";
import { customerIdFor, suppressCustomer } from "../customers/customers.service";
import type { SuppressionFilters, SuppressionView } from "./suppressions.schemas";
import * as repo from "./suppressions.repo";

type Reader = Pick<OrgContext, "db" | "orgId">;

const REASON_WORDS: Record<SuppressionView["reason"], string> = {
  unsubscribed: "the customer unsubscribed",
  bounced: "an email to it bounced",
  complained: "an email was marked as spam",
  manual: "it was added by hand",
};

function toView(r: repo.EntryRow): SuppressionView {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    reason: r.reason,
    detail: r.detail,
    createdAt: r.createdAt.toISOString(),
    lifted: r.liftedAt
      ? { at: r.liftedAt.toISOString(), by: r.liftedById ? { id: r.liftedById, name: r.liftedByName, email: r.liftedByEmail! } : null, reason: r.liftReason ?? "" }
      : null,
  };
}

export async function listSuppressions(ctx: Reader, filters: SuppressionFilters) {
  const rows = await repo.listSuppressions(ctx.db, ctx.orgId, filters);
  return toPage(rows, filters.limit, (r) => ({ at: r.createdAt.getTime(), id: r.id }), toView);
}

/**
 * Adds an address by hand (its customer record made if it has none) and cancels everything unsent to it, in one
 * batch. An address already on the list is a conflict that says why it is there.
 */
export async function addSuppression(ctx: OrgContext, input: { email: string; note?: string }) {
  const customerId = await customerIdFor(ctx, input.email);
  const existing = await repo.findActiveSuppression(ctx.db, ctx.orgId, customerId);
  if (existing) throw new Conflict(`This address is already on the suppression list: ${REASON_WORDS[existing.reason]}.`, { id: existing.id });
  const work = unitOfWork(ctx);
  suppressCustomer(work, { orgId: ctx.orgId, customerId, reason: "manual", detail: input.note || null, at: ctx.now });
  await work.commit();
  // Whichever entry is active now: ours, or one a simultaneous unsubscribe or bounce made first.
  return toView((await repo.findActiveSuppression(ctx.db, ctx.orgId, customerId))!);
}

/** Lifts an entry with a reason; the row stays, and the address may be emailed again for new interactions. */
export async function liftSuppression(ctx: OrgContext, id: string, reason: string) {
  const entry = await repo.findSuppression(ctx.db, ctx.orgId, id);
  if (!entry) throw new NotFound("No suppression-list entry with that id in your organisation.");
  const lifted = await repo.liftSuppression(ctx.db, ctx.orgId, id, { at: ctx.now, by: actingUserId(ctx), reason });
  if (lifted.length === 0) throw new Conflict("This entry has already been lifted; the address may already be emailed again.");
  return toView((await repo.findSuppression(ctx.db, ctx.orgId, id))!);
}
