// Queries for delivery webhooks: the event log (one row per event id) and the outbox row an event is about.
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { deliveryEvents, invitations, type DeliveryState } from "../../../db/schema";

export const findEvent = (db: Db, id: string) => db.select({ id: deliveryEvents.id }).from(deliveryEvents).where(eq(deliveryEvents.id, id)).get();

/**
 * The email the provider names by its id, whichever organisation sent it; else the outbox row its `invitation` tag
 * names, for as long as that row has no provider id of its own yet (an event that overtook the record of sending).
 */
export const findInvitationByProviderId = (db: Db, providerId: string, taggedId?: string) =>
  db
    .select({ id: invitations.id, orgId: invitations.orgId, customerId: invitations.customerId, email: invitations.email })
    .from(invitations)
    .where(taggedId ? or(eq(invitations.providerId, providerId), and(eq(invitations.id, taggedId), isNull(invitations.providerId))) : eq(invitations.providerId, providerId))
    .orderBy(sql`${invitations.providerId} is null`)
    .get();

/** A plain insert: a second delivery of the same event fails the whole batch, so its effects never apply twice. */
export const insertEventStatement = (db: Db, row: typeof deliveryEvents.$inferInsert) => db.insert(deliveryEvents).values(row);

/** Records what the provider says about an email, unless it already says something that outranks it. */
export const setDeliveryStatement = (
  db: Db,
  id: string,
  change: { delivery: DeliveryState; detail: string | null; deliveredAt: Date | null; over: DeliveryState[] },
) =>
  db
    .update(invitations)
    .set({
      delivery: change.delivery,
      deliveryDetail: change.detail,
      ...(change.deliveredAt && { deliveredAt: sql`coalesce(${invitations.deliveredAt}, ${change.deliveredAt.getTime()})` }),
    })
    .where(and(eq(invitations.id, id), or(isNull(invitations.delivery), inArray(invitations.delivery, change.over))));

/** The first open or click only: later ones (and the scanners' and proxies' fakes) add nothing. */
export const markEngagementStatement = (db: Db, id: string, what: "opened" | "clicked", at: Date) => {
  const column = what === "opened" ? invitations.emailOpenedAt : invitations.emailClickedAt;
  return db
    .update(invitations)
    .set(what === "opened" ? { emailOpenedAt: at } : { emailClickedAt: at })
    .where(and(eq(invitations.id, id), isNull(column)));
};
