// Reads for rebuilding rollups: organisations' time zones, and responses and sent invitations in id order.
import { and, asc, eq, gt, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { interactions, invitationRollups, invitations, organisations, pairRollups, responses, scoreRollups } from "../../../db/schema";

export const organisationZones = (db: Db, orgId?: string) =>
  db.select({ id: organisations.id, timeZone: organisations.timeZone }).from(organisations).where(orgId ? eq(organisations.id, orgId) : undefined).all();

export const responsesPage = (db: Db, orgId: string, after: string, limit: number) =>
  db
    .select({
      id: responses.id,
      surveyId: responses.surveyId,
      createdAt: responses.createdAt,
      unitId: responses.unitId,
      agentId: responses.agentId,
      channel: responses.channel,
      interactionType: responses.interactionType,
      scores: responses.scores,
    })
    .from(responses)
    .where(and(eq(responses.orgId, orgId), gt(responses.id, after)))
    .orderBy(asc(responses.id))
    .limit(limit)
    .all();

export const sentInvitationsPage = (db: Db, orgId: string, after: string, limit: number) =>
  db
    .select({
      id: invitations.id,
      surveyId: invitations.surveyId,
      sentAt: sql<Date>`${invitations.sentAt}`.mapWith(invitations.sentAt),
      responded: sql<boolean>`${invitations.respondedAt} is not null`.mapWith(Boolean),
      unitId: interactions.unitId,
      agentId: interactions.agentId,
      channel: interactions.channel,
      interactionType: interactions.type,
    })
    .from(invitations)
    .innerJoin(interactions, eq(interactions.id, invitations.interactionId))
    .where(and(eq(invitations.orgId, orgId), isNotNull(invitations.sentAt), gt(invitations.id, after)))
    .orderBy(asc(invitations.id))
    .limit(limit)
    .all();

export const deleteRollupsStatements = (db: Db, orgId: string) => [
  db.delete(scoreRollups).where(eq(scoreRollups.orgId, orgId)),
  db.delete(pairRollups).where(eq(pairRollups.orgId, orgId)),
  db.delete(invitationRollups).where(eq(invitationRollups.orgId, orgId)),
];
