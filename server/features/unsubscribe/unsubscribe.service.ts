// One-click unsubscribe (RFC 8058): the survey link's token names the customer; a POST stops every email to them.
import { unitOfWork, type ServiceContext } from "../../lib/service-context";
import { customerIdFor, suppressCustomer } from "../customers/customers.service";
import { tokenHash } from "../invitations/invitations.service";
import * as repo from "./unsubscribe.repo";

type Reader = Pick<ServiceContext, "db">;

/** Who the link unsubscribes, and whether they already are; null for a link that names nothing. */
export async function unsubscribeStatus(ctx: Reader, token: string) {
  const target = await repo.findUnsubscribeTarget(ctx.db, await tokenHash(token));
  return target && { organisation: target.organisation, email: target.email, unsubscribed: target.suppressedAt !== null };
}

/**
 * Suppresses the customer the link was sent to and cancels all their unsent email of the organisation, every
 * survey and reminder, in one batch. Repeating it changes nothing. Null for a link that names nothing.
 */
export async function unsubscribe(ctx: Pick<ServiceContext, "db" | "reactions" | "settings" | "now">, token: string) {
  const target = await repo.findUnsubscribeTarget(ctx.db, await tokenHash(token));
  if (!target) return null;
  // Invitations written before customer records existed name only the address.
  const customerId = target.customerId ?? (await customerIdFor({ db: ctx.db, orgId: target.orgId, now: ctx.now }, target.email));
  const work = unitOfWork(ctx);
  suppressCustomer(work, { orgId: target.orgId, customerId, reason: "unsubscribed", invitationId: target.invitationId, at: ctx.now });
  await work.commit();
  return { organisation: target.organisation, email: target.email };
}
