// Queries for the unsubscribe link: whose email it came in, from which organisation, and whether they have left.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { invitations, organisations, suppressions } from "../../../db/schema";

/** The invitation a link token names, its organisation's name and the customer's active suppression if any. */
export const findUnsubscribeTarget = (db: Db, tokenHash: string) =>
  db
    .select({
      invitationId: invitations.id,
      orgId: invitations.orgId,
      customerId: invitations.customerId,
      email: invitations.email,
      organisation: organisations.name,
      suppressedAt: suppressions.createdAt,
    })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .leftJoin(suppressions, and(eq(suppressions.customerId, invitations.customerId), isNull(suppressions.liftedAt)))
    .where(eq(invitations.tokenHash, tokenHash))
    .get();
