// Queries for invitations: listing, lookup by token, and the statements other writes batch together.
import { and, eq, getTableColumns, isNull, sql } from "drizzle-orm";
import { keyset, type PageRequest } from "../../lib/pagination";
import { insertStatements, type Db } from "../../../db/client";
import { interactions, invitations, organisations } from "../../../db/schema";

export type InvitationRow = typeof invitations.$inferSelect;
export type NewInvitation = typeof invitations.$inferInsert;

/** Multi-row inserts, each within the driver's bound-parameter limit. */
export const insertInvitationsStatements = (rows: NewInvitation[], maxSqlParams: number) =>
  insertStatements(invitations, rows, maxSqlParams).map((s) => ({ sql: `${s.sql} on conflict do nothing`, args: s.args }));

export function listInvitationsForSurvey(db: Db, orgId: string, surveyId: string, page: PageRequest) {
  const k = keyset(invitations.sendAt, invitations.id, page.cursor);
  return db
    .select({
      invitation: invitations,
      interaction: { externalId: interactions.externalId, type: interactions.type, channel: interactions.channel, unit: interactions.unit, agent: interactions.agent },
    })
    .from(invitations)
    .innerJoin(interactions, eq(interactions.id, invitations.interactionId))
    .where(and(eq(invitations.orgId, orgId), eq(invitations.surveyId, surveyId), k.where))
    .orderBy(...k.orderBy)
    .limit(page.limit + 1)
    .all();
}

// Every respondent request starts with this lookup: prepared once per database, drizzle builds its SQL once.
// It brings the interaction's context along, so storing the answer needs no second read.
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
    })
    .from(invitations)
    .innerJoin(interactions, eq(interactions.id, invitations.interactionId))
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
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

export const markRespondedStatement = (db: Db, id: string, at: Date) =>
  db.update(invitations).set({ status: "responded", respondedAt: at }).where(eq(invitations.id, id));

/** An answer stops the invitation's reminders not yet handed to the provider. */
export const cancelRemindersStatement = (db: Db, invitationId: string) =>
  db
    .update(invitations)
    .set({ status: "cancelled", cancelReason: "answered" })
    .where(and(eq(invitations.parentId, invitationId), eq(invitations.status, "pending"), isNull(invitations.handedAt)));
