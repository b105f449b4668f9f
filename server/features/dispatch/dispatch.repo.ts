// Outbox queries: expire, claim a batch under a lease, record the outcome.
import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { runBatch, type Db, type Statement } from "../../../db/client";
import { interactions, invitations, organisations, surveyVersions } from "../../../db/schema";

const claimable = (now: Date) =>
  and(
    eq(invitations.status, "pending"),
    or(isNull(invitations.leaseUntil), lte(invitations.leaseUntil, now)),
    or(isNull(invitations.retryAt), lte(invitations.retryAt, now)),
  );

/** Invitations never handed to the mailer whose time has passed. */
export const expireUnsent = (db: Db, now: Date) =>
  db
    .update(invitations)
    .set({ status: "expired" })
    .where(and(eq(invitations.status, "pending"), isNull(invitations.batchId), lte(invitations.expiresAt, now)))
    .returning({ id: invitations.id })
    .all();

/** A batch that was claimed before but not recorded (a failure or a crash), whose lease has run out. */
export const findOrphanBatch = (db: Db, now: Date) =>
  db
    .select({ batchId: invitations.batchId })
    .from(invitations)
    .where(and(claimable(now), sql`${invitations.batchId} is not null`))
    .limit(1)
    .get();

export const leaseBatch = (db: Db, batchId: string, now: Date, leaseUntil: Date) =>
  db.update(invitations).set({ leaseUntil }).where(and(eq(invitations.batchId, batchId), claimable(now))).returning().all();

/** Atomically stamps up to `size` due invitations with a new batch id and a lease. */
export const claimFreshBatch = (db: Db, batchId: string, size: number, now: Date, leaseUntil: Date) =>
  db
    .update(invitations)
    .set({ batchId, leaseUntil })
    .where(
      inArray(
        invitations.id,
        db
          .select({ id: invitations.id })
          .from(invitations)
          .where(and(claimable(now), isNull(invitations.batchId), lte(invitations.sendAt, now)))
          .orderBy(asc(invitations.sendAt))
          .limit(size),
      ),
    )
    .returning()
    .all();

export const findVersionTitles = (db: Db, ids: string[]) =>
  db.select({ id: surveyVersions.id, title: surveyVersions.title }).from(surveyVersions).where(inArray(surveyVersions.id, ids)).all();

/**
 * Records a delivered batch in one atomic write: each invitation with the provider's id for its email, each
 * followed by what other features add for it (the response-rate rollups count it only if it changed).
 */
export const markBatchSent = (db: Db, sent: { id: string; providerId: string | null; then: Statement[] }[], now: Date) =>
  runBatch(
    db,
    sent.flatMap(({ id, providerId, then }) => [
      db
        .update(invitations)
        .set({ status: "sent", sentAt: now, providerId, leaseUntil: null, retryAt: null, lastError: null, attempts: sql`${invitations.attempts} + 1` })
        .where(and(eq(invitations.id, id), eq(invitations.status, "pending"))),
      ...then,
    ]),
  );

/** Each invitation's organisation time zone and the context of the interaction it follows. */
export const findSentContexts = (db: Db, ids: string[]) =>
  db
    .select({
      id: invitations.id,
      timeZone: organisations.timeZone,
      unitId: interactions.unitId,
      agentId: interactions.agentId,
      channel: interactions.channel,
      interactionType: interactions.type,
    })
    .from(invitations)
    .innerJoin(interactions, eq(interactions.id, invitations.interactionId))
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .where(inArray(invitations.id, ids))
    .all();

export const recordBatchFailure = (db: Db, batchId: string, patch: { retryAt: Date | null; lastError: string; failed: boolean }) =>
  db
    .update(invitations)
    .set({
      leaseUntil: null,
      retryAt: patch.retryAt,
      lastError: patch.lastError.slice(0, 500),
      attempts: sql`${invitations.attempts} + 1`,
      ...(patch.failed && { status: "failed" as const }),
    })
    .where(and(eq(invitations.batchId, batchId), eq(invitations.status, "pending")))
    .run();
