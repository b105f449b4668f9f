// Reads for rebuilding rollups: organisations' time zones, a month's responses and sent invitations in time
// order, and the statements that empty a month's rollups.
import { and, asc, eq, gte, isNotNull, lt, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { afterCursor, responsesInScope, scoredResponseColumns, type TimeCursor } from "./response-scan.repo";
import type { Db } from "../../../db/client";
import { interactions, invitationRollups, invitations, organisations, pairRollups, responses, scoreRollups, surveys } from "../../../db/schema";

export const organisationZones = (db: Db, orgId?: string) =>
  db.select({ id: organisations.id, timeZone: organisations.timeZone }).from(organisations).where(orgId ? eq(organisations.id, orgId) : undefined).all();

export const surveyIds = async (db: Db, orgId: string) => (await db.select({ id: surveys.id }).from(surveys).where(eq(surveys.orgId, orgId)).all()).map((s) => s.id);

/** The first and last moments anything happened: an answer given or an invitation sent. */
export async function activitySpan(db: Db, orgId: string): Promise<{ first: Date; last: Date } | null> {
  const r = await db
    .select({ first: sql<number | null>`min(${responses.createdAt})`, last: sql<number | null>`max(${responses.createdAt})` })
    .from(responses)
    .where(eq(responses.orgId, orgId))
    .get();
  const i = await db
    .select({ first: sql<number | null>`min(${invitations.sentAt})`, last: sql<number | null>`max(${invitations.sentAt})` })
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), isNotNull(invitations.sentAt)))
    .get();
  const firsts = [r?.first, i?.first].filter((x): x is number => x !== null && x !== undefined);
  const lasts = [r?.last, i?.last].filter((x): x is number => x !== null && x !== undefined);
  return firsts.length ? { first: new Date(Math.min(...firsts)), last: new Date(Math.max(...lasts)) } : null;
}

/** Months that already have rollups ("2026-10"): a rebuild empties those no answer or invitation is left in. */
export async function rolledUpMonths(db: Db, orgId: string): Promise<string[]> {
  const month = (col: SQLiteColumn) => sql<string>`substr(${col}, 1, 7)`;
  const a = await db.selectDistinct({ m: month(scoreRollups.period) }).from(scoreRollups).where(and(eq(scoreRollups.orgId, orgId), eq(scoreRollups.grain, "all/day"))).all();
  const b = await db.selectDistinct({ m: month(invitationRollups.period) }).from(invitationRollups).where(and(eq(invitationRollups.orgId, orgId), eq(invitationRollups.grain, "all/day"))).all();
  return [...new Set([...a, ...b].map((x) => x.m))];
}

export const responsesPage = (db: Db, orgId: string, from: Date, to: Date, after: TimeCursor, limit: number) =>
  db
    .select(scoredResponseColumns)
    .from(responses)
    .where(responsesInScope({ orgId, fromAt: from, toAt: to, filters: {} }, after))
    .orderBy(asc(responses.createdAt), asc(responses.id))
    .limit(limit)
    .all();

export const sentInvitationsPage = (db: Db, surveyId: string, from: Date, to: Date, after: TimeCursor, limit: number) =>
  db
    .select({
      id: invitations.id,
      sentAt: sql<Date>`${invitations.sentAt}`.mapWith(invitations.sentAt),
      responded: sql<boolean>`${invitations.respondedAt} is not null`.mapWith(Boolean),
      unitId: interactions.unitId,
      agentId: interactions.agentId,
      channel: interactions.channel,
      interactionType: interactions.type,
    })
    .from(invitations)
    .innerJoin(interactions, eq(interactions.id, invitations.interactionId))
    .where(
      and(
        eq(invitations.surveyId, surveyId),
        // Reminders are emails, not invitations: the response rate counts each invitation once.
        eq(invitations.sequence, 0),
        gte(invitations.sentAt, from),
        lt(invitations.sentAt, to),
        afterCursor(invitations.sentAt, invitations.id, after),
      ),
    )
    .orderBy(asc(invitations.sentAt), asc(invitations.id))
    .limit(limit)
    .all();

/** Empties a month's rollups: its days ("2026-10-01".."2026-10-31") and the month itself ("2026-10"). */
export const deleteMonthStatements = (db: Db, orgId: string, month: string) => {
  const inMonth = (col: SQLiteColumn) => and(gte(col, month), lt(col, `${month}-99`));
  return [
    db.delete(scoreRollups).where(and(eq(scoreRollups.orgId, orgId), inMonth(scoreRollups.period))),
    db.delete(pairRollups).where(and(eq(pairRollups.orgId, orgId), inMonth(pairRollups.period))),
    db.delete(invitationRollups).where(and(eq(invitationRollups.orgId, orgId), inMonth(invitationRollups.period))),
  ];
};
