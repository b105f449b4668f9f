// Outbox queries: cancel and expire what was decided against, claim a batch under a lease (re-checking every
// change of mind in the claiming statement), confirm it just before it goes out, record the outcome.
import { and, asc, eq, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { runBatch, type Db, type Statement } from "../../../db/client";
import { agents, customers, interactions, invitations, organisations, surveyVersions, units } from "../../../db/schema";

const claimable = (now: Date) =>
  and(
    eq(invitations.status, "pending"),
    or(isNull(invitations.leaseUntil), lte(invitations.leaseUntil, now)),
    or(isNull(invitations.retryAt), lte(invitations.retryAt, now)),
  );

/**
 * Everything that must still hold for an outbox row to be sent: the link is open, the address is not
 * suppressed, the interaction was not reopened or cancelled, and a reminder's invitation went out unanswered.
 * Written against the outbox row as `invitations`, for use inside a statement over that table.
 */
const stillWanted = (now: Date) => sql`(
  ${invitations.expiresAt} > ${now.getTime()}
  and not exists (select 1 from suppressions s where s.customer_id = ${invitations.customerId} and s.lifted_at is null)
  and exists (select 1 from interactions x where x.id = ${invitations.interactionId} and x.status = 'closed')
  and (${invitations.sequence} = 0 or exists (
    select 1 from invitations p where p.id = ${invitations.parentId} and p.status = 'sent' and p.expires_at > ${now.getTime()}
  ))
)`;

/** Outbox rows never handed to the provider whose link has closed. */
export const expireUnsent = (db: Db, now: Date) =>
  db
    .update(invitations)
    .set({ status: "expired" })
    .where(and(eq(invitations.status, "pending"), isNull(invitations.handedAt), isNull(invitations.batchId), lte(invitations.expiresAt, now)))
    .returning({ id: invitations.id })
    .all();

/**
 * Unclaimed rows a change of mind has ruled out, cancelled with the reason: the address suppressed, the
 * interaction reopened or cancelled, a reminder's invitation answered or never sent.
 */
export const cancelUnwanted = (db: Db) =>
  db.all<{ id: string }>(sql`
    update invitations set status = 'cancelled', cancel_reason = case
      when exists (select 1 from suppressions s where s.customer_id = invitations.customer_id and s.lifted_at is null and s.reason = 'unsubscribed') then 'unsubscribed'
      when exists (select 1 from suppressions s where s.customer_id = invitations.customer_id and s.lifted_at is null) then 'suppressed'
      when exists (select 1 from interactions x where x.id = invitations.interaction_id and x.status <> 'closed') then 'interaction'
      when exists (select 1 from invitations p where p.id = invitations.parent_id and p.status = 'responded') then 'answered'
      else 'parent-unsent' end
    where status = 'pending' and handed_at is null and batch_id is null and (
      exists (select 1 from suppressions s where s.customer_id = invitations.customer_id and s.lifted_at is null)
      or exists (select 1 from interactions x where x.id = invitations.interaction_id and x.status <> 'closed')
      or (sequence > 0 and exists (select 1 from invitations p where p.id = invitations.parent_id and p.status in ('responded', 'failed', 'cancelled', 'expired')))
    )
    returning id`);

/** A batch that was claimed before but not recorded (a failure or a crash), whose lease has run out. */
export const findOrphanBatch = (db: Db, now: Date) =>
  db
    .select({ batchId: invitations.batchId })
    .from(invitations)
    .where(and(claimable(now), isNotNull(invitations.batchId)))
    .limit(1)
    .get();

export const leaseBatch = (db: Db, batchId: string, now: Date, leaseUntil: Date) =>
  db.update(invitations).set({ leaseUntil }).where(and(eq(invitations.batchId, batchId), claimable(now))).returning().all();

/**
 * Atomically stamps up to `size` due rows with a new batch id and a lease. The same statement re-checks that
 * each is still wanted, so nothing decided against since it was scheduled is claimed.
 */
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
          .where(and(claimable(now), isNull(invitations.batchId), lte(invitations.sendAt, now), stillWanted(now)))
          .orderBy(asc(invitations.sendAt))
          .limit(size),
      ),
    )
    .returning()
    .all();

/**
 * The last look before a batch no provider has seen goes out: members still wanted are marked handed over (from
 * here a crash resends them as they are); the others leave the batch, for cancelUnwanted to record why.
 */
export async function confirmBatch(db: Db, batchId: string, now: Date) {
  const kept = await db
    .update(invitations)
    .set({ handedAt: now })
    .where(and(eq(invitations.batchId, batchId), eq(invitations.status, "pending"), isNull(invitations.handedAt), stillWanted(now)))
    .returning({ id: invitations.id })
    .all();
  await db
    .update(invitations)
    .set({ batchId: null, leaseUntil: null })
    .where(and(eq(invitations.batchId, batchId), isNull(invitations.handedAt)))
    .run();
  return new Set(kept.map((r) => r.id));
}

/** The zones quiet hours are kept in for these rows (customer, else unit, else organisation) and the hours themselves. */
export const findQuietContexts = (db: Db, ids: string[]) =>
  db
    .select({
      id: invitations.id,
      customerZone: customers.timeZone,
      unitZone: units.timeZone,
      orgZone: organisations.timeZone,
      quietStartMinute: organisations.quietStartMinute,
      quietEndMinute: organisations.quietEndMinute,
    })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .innerJoin(interactions, eq(interactions.id, invitations.interactionId))
    .leftJoin(customers, eq(customers.id, invitations.customerId))
    .leftJoin(units, eq(units.id, interactions.unitId))
    .where(inArray(invitations.id, ids))
    .all();

/** Rows claimed in the customer's quiet hours go back to the outbox, due when the night ends. */
export const deferRows = (db: Db, batchId: string, rows: { id: string; sendAt: Date }[]) =>
  runBatch(
    db,
    rows.map((r) =>
      db
        .update(invitations)
        .set({ sendAt: r.sendAt, batchId: null, leaseUntil: null })
        .where(and(eq(invitations.id, r.id), eq(invitations.batchId, batchId), isNull(invitations.handedAt))),
    ),
  );

/** The versions' titles and definitions: the email shows the public title and the first rating question. */
export const findVersionTitles = (db: Db, ids: string[]) =>
  db
    .select({ id: surveyVersions.id, title: surveyVersions.title, definition: surveyVersions.definition })
    .from(surveyVersions)
    .where(inArray(surveyVersions.id, ids))
    .all();

/** What each email says about its sender, its reader and the interaction it follows, for a whole batch at once. */
export const findEmailContexts = (db: Db, ids: string[]) =>
  db
    .select({
      id: invitations.id,
      orgName: organisations.name,
      locale: customers.locale,
      timeZone: sql<string | null>`coalesce(${customers.timeZone}, ${units.timeZone}, ${organisations.timeZone})`,
      occurredAt: interactions.occurredAt,
      type: interactions.type,
      channel: interactions.channel,
      unit: sql<string | null>`coalesce(${units.name}, ${interactions.unit})`,
      agent: sql<string | null>`coalesce(${agents.name}, ${interactions.agent})`,
    })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .innerJoin(interactions, eq(interactions.id, invitations.interactionId))
    .leftJoin(customers, eq(customers.id, invitations.customerId))
    .leftJoin(units, eq(units.id, interactions.unitId))
    .leftJoin(agents, eq(agents.id, interactions.agentId))
    .where(inArray(invitations.id, ids))
    .all();

/**
 * Records a delivered batch in one atomic write: each row with the provider's id for its email, each followed
 * by what other features add for it (the response-rate rollups count an invitation only if it changed).
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

/**
 * Records a failed attempt. `definite` means the provider answered (an error status), so nothing was sent and
 * the batch may be re-checked and re-formed; otherwise (no answer) it stays handed over and is resent as it was.
 */
export const recordBatchFailure = (db: Db, batchId: string, patch: { retryAt: Date | null; lastError: string; failed: boolean; definite: boolean }) =>
  db
    .update(invitations)
    .set({
      leaseUntil: null,
      retryAt: patch.retryAt,
      lastError: patch.lastError.slice(0, 500),
      attempts: sql`${invitations.attempts} + 1`,
      ...(patch.definite && { handedAt: null }),
      ...(patch.failed && { status: "failed" as const }),
    })
    .where(and(eq(invitations.batchId, batchId), eq(invitations.status, "pending")))
    .run();
