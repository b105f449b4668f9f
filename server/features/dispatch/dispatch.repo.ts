// Outbox queries: expire, claim a batch under a lease, record the outcome.
import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { runBatch, type Db } from "../../../db/client";
import { invitations, surveyVersions } from "../../../db/schema";

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

/** Records a delivered batch in one atomic write: each invitation with the provider's id for its email. */
export const markBatchSent = (db: Db, sent: { id: string; providerId: string | null }[], now: Date) =>
  runBatch(
    db,
    sent.map(({ id, providerId }) =>
      db
        .update(invitations)
        .set({ status: "sent", sentAt: now, providerId, leaseUntil: null, retryAt: null, lastError: null, attempts: sql`${invitations.attempts} + 1` })
        .where(and(eq(invitations.id, id), eq(invitations.status, "pending"))),
    ),
  );

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
