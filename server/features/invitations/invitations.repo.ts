// Queries for invitations: the delivery list and its counts, lookup by token, retries, and the statements other writes batch together.
import { and, asc, eq, getTableColumns, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { chunk } from "../../lib/chunk";
import { keyset, type PageRequest } from "../../lib/pagination";
import { insertStatements, type Db, type RawStatement } from "../../../db/client";
import { customers, interactions, invitations, organisations, surveys } from "../../../db/schema";
import type { InvitationState } from "./invitations.schemas";

export type InvitationRow = typeof invitations.$inferSelect;
export type NewInvitation = typeof invitations.$inferInsert;

/** Multi-row inserts, each within the driver's bound-parameter limit. */
export const insertInvitationsStatements = (rows: NewInvitation[], maxSqlParams: number) =>
  insertStatements(invitations, rows, maxSqlParams).map((s) => ({ sql: `${s.sql} on conflict do nothing`, args: s.args }));

/**
 * The delivery page's state of an outbox row, in SQL (see invitationStates). A bounce outranks a closed link:
 * why it was never read says more than that it lapsed. Complaints were delivered first.
 */
export const stateOf = (now: Date): SQL<InvitationState> => sql<InvitationState>`case
  when ${invitations.status} = 'responded' then 'answered'
  when ${invitations.status} in ('failed', 'cancelled', 'expired') then ${invitations.status}
  when ${invitations.status} = 'sent' and ${invitations.delivery} in ('bounced', 'failed', 'suppressed') then 'bounced'
  when ${invitations.expiresAt} <= ${now.getTime()} then 'expired'
  when ${invitations.status} = 'pending' then 'scheduled'
  when ${invitations.delivery} in ('delivered', 'complained') then 'delivered'
  else 'sent' end`;

const ofSurvey = (orgId: string, surveyId: string) => and(eq(invitations.orgId, orgId), eq(invitations.surveyId, surveyId), eq(invitations.sequence, 0));

const viewColumns = (now: Date) => ({
  invitation: invitations,
  state: stateOf(now),
  interaction: {
    externalId: interactions.externalId,
    occurredAt: interactions.occurredAt,
    type: interactions.type,
    channel: interactions.channel,
    unit: interactions.unit,
    agent: interactions.agent,
  },
});

export function listInvitationsForSurvey(db: Db, orgId: string, surveyId: string, page: PageRequest & { state?: InvitationState }, now: Date) {
  const k = keyset(invitations.sendAt, invitations.id, page.cursor);
  return db
    .select(viewColumns(now))
    .from(invitations)
    .innerJoin(interactions, eq(interactions.id, invitations.interactionId))
    .where(and(ofSurvey(orgId, surveyId), page.state ? sql`${stateOf(now)} = ${page.state}` : undefined, k.where))
    .orderBy(...k.orderBy)
    .limit(page.limit + 1)
    .all();
}

/** One outbox row of the organisation as the list shows it. */
export const findInvitationView = (db: Db, orgId: string, id: string, now: Date) =>
  db
    .select(viewColumns(now))
    .from(invitations)
    .innerJoin(interactions, eq(interactions.id, invitations.interactionId))
    .where(and(eq(invitations.orgId, orgId), eq(invitations.id, id)))
    .get();

/** The reminders of these invitations with their states, in order. */
export async function findReminders(db: Db, orgId: string, parentIds: string[], now: Date, maxSqlParams: number) {
  const out = [];
  // Besides the ids: the organisation and the moment the states are read at.
  for (const part of chunk(parentIds, maxSqlParams - 2)) {
    out.push(
      ...(await db
        .select({ reminder: invitations, state: stateOf(now) })
        .from(invitations)
        .where(and(eq(invitations.orgId, orgId), inArray(invitations.parentId, part)))
        .orderBy(asc(invitations.sequence))
        .all()),
    );
  }
  return out;
}

/** How many of a survey's invitations are in each state: one grouped scan. */
export function countInvitationStates(db: Db, orgId: string, surveyId: string, now: Date) {
  const state = stateOf(now);
  return db
    .select({ state, count: sql<number>`count(*)`, open: sql<number>`sum(case when ${invitations.expiresAt} > ${now.getTime()} then 1 else 0 end)` })
    .from(invitations)
    .where(ofSurvey(orgId, surveyId))
    .groupBy(state)
    .all();
}

// Outbox bookkeeping of a fresh attempt, as SQL text: the same for one row or a survey's worth.
const FRESH_ATTEMPT = "status = 'pending', attempts = 0, retry_at = null, batch_id = null, lease_until = null, handed_at = null, last_error = null";

/**
 * Reminders of the failed invitations `parents` selects, waiting on them or given up because they were never
 * sent, return to the outbox at the same distance from the new send as they were planned from the old one.
 * Must run before the invitations themselves move.
 */
const rescheduleRemindersOf = (parents: RawStatement, now: Date): RawStatement => ({
  sql: `update invitations set status = 'pending', cancel_reason = null,
      send_at = ? + (send_at - (select p.send_at from invitations p where p.id = invitations.parent_id))
    where parent_id in (${parents.sql}) and handed_at is null
      and (status = 'pending' or (status = 'cancelled' and cancel_reason = 'parent-unsent'))`,
  args: [now.getTime(), ...parents.args],
});

/** One failed outbox row and its reminders back in the outbox, due now, while its link is open. */
export function retryInvitationStatements(orgId: string, id: string, now: Date): RawStatement[] {
  const at = now.getTime();
  return [
    rescheduleRemindersOf({ sql: "select id from invitations where org_id = ? and id = ? and status = 'failed' and expires_at > ?", args: [orgId, id, at] }, now),
    {
      sql: `update invitations set ${FRESH_ATTEMPT}, send_at = ? where org_id = ? and id = ? and status = 'failed' and expires_at > ?`,
      args: [at, orgId, id, at],
    },
  ];
}

/** Every failed outbox row of a survey whose link is open, and their reminders, back in the outbox. */
export function retrySurveyStatements(orgId: string, surveyId: string, now: Date): RawStatement[] {
  const at = now.getTime();
  return [
    rescheduleRemindersOf(
      { sql: "select id from invitations where org_id = ? and survey_id = ? and sequence = 0 and status = 'failed' and expires_at > ?", args: [orgId, surveyId, at] },
      now,
    ),
    {
      sql: `update invitations set ${FRESH_ATTEMPT}, send_at = ? where org_id = ? and survey_id = ? and status = 'failed' and expires_at > ?`,
      args: [at, orgId, surveyId, at],
    },
  ];
}

/** A survey's failed outbox rows (reminders too), split by whether their link is still open. */
export const countFailed = (db: Db, orgId: string, surveyId: string, now: Date) =>
  db
    .select({
      open: sql<number>`coalesce(sum(case when ${invitations.expiresAt} > ${now.getTime()} then 1 else 0 end), 0)`,
      closed: sql<number>`coalesce(sum(case when ${invitations.expiresAt} <= ${now.getTime()} then 1 else 0 end), 0)`,
    })
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), eq(invitations.surveyId, surveyId), eq(invitations.status, "failed")))
    .get();

// Every respondent request starts with this lookup: prepared once per database, drizzle builds its SQL once.
// It brings the interaction's context and the customer's language along, so answering needs no second read.
const byTokenHash = new WeakMap<Db, ReturnType<typeof prepareFindByTokenHash>>();
const prepareFindByTokenHash = (db: Db) =>
  db
    .select({
      ...getTableColumns(invitations),
      context: {
        unitId: interactions.unitId,
        agentId: interactions.agentId,
        channel: interactions.channel,
        interactionType: interactions.type,
        interactionAt: interactions.occurredAt,
      },
      timeZone: organisations.timeZone,
      customerLocale: customers.locale,
      surveyClosedAt: surveys.closedAt,
    })
    .from(invitations)
    .innerJoin(interactions, eq(interactions.id, invitations.interactionId))
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .innerJoin(surveys, eq(surveys.id, invitations.surveyId))
    .leftJoin(customers, eq(customers.id, invitations.customerId))
    .where(eq(invitations.tokenHash, sql.placeholder("tokenHash")))
    .prepare();

export function findByTokenHash(db: Db, tokenHash: string) {
  let query = byTokenHash.get(db);
  if (!query) {
    query = prepareFindByTokenHash(db);
    byTokenHash.set(db, query);
  }
  return query.get({ tokenHash });
}

/** The first time the survey page of an invitation loads; later visits change nothing. */
export const markVisited = (db: Db, id: string, at: Date) =>
  db
    .update(invitations)
    .set({ visitedAt: at })
    .where(and(eq(invitations.id, id), isNull(invitations.visitedAt)))
    .run();

export const markRespondedStatement = (db: Db, id: string, at: Date) =>
  db.update(invitations).set({ status: "responded", respondedAt: at }).where(eq(invitations.id, id));

/** An answer stops the invitation's reminders not yet handed to the provider. */
export const cancelRemindersStatement = (db: Db, invitationId: string) =>
  db
    .update(invitations)
    .set({ status: "cancelled", cancelReason: "answered" })
    .where(and(eq(invitations.parentId, invitationId), eq(invitations.status, "pending"), isNull(invitations.handedAt)));
