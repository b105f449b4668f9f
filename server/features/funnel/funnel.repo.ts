// Funnel queries: a few grouped scans over interactions, rule decisions and the invitations they led to.
import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { distributionRules, interactions, invitations, ruleDecisions } from "../../../db/schema";

export type FunnelScope = { orgId: string; surveyId: string; ruleId?: string; unitIds?: string[]; fromAt: Date; toAt: Date };

export const findRule = (db: Db, orgId: string, surveyId: string, ruleId: string) =>
  db
    .select({ id: distributionRules.id })
    .from(distributionRules)
    .where(and(eq(distributionRules.orgId, orgId), eq(distributionRules.surveyId, surveyId), eq(distributionRules.id, ruleId)))
    .get();

export async function countInteractions(db: Db, s: FunnelScope) {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(interactions)
    .where(
      and(
        eq(interactions.orgId, s.orgId),
        gte(interactions.occurredAt, s.fromAt),
        lt(interactions.occurredAt, s.toAt),
        s.unitIds ? inArray(interactions.unitId, s.unitIds) : undefined,
      ),
    )
    .get();
  return Number(row?.n ?? 0);
}

// Several rules of one survey may decide one interaction differently; it counts once, by its most hopeful outcome.
export const outcomeRank = ["scheduled", "held-contact", "suppressed", "too-late", "sampled-out"] as const;

/** Per outcome rank (index into outcomeRank), how many interactions the survey's rules decided so. */
export function countDecisions(db: Db, s: FunnelScope) {
  const best = sql<number>`min(case ${ruleDecisions.outcome} ${sql.raw(outcomeRank.map((o, i) => `when '${o}' then ${i}`).join(" "))} end)`.as("best");
  const perInteraction = db
    .select({ interactionId: ruleDecisions.interactionId, best })
    .from(ruleDecisions)
    .where(
      and(
        eq(ruleDecisions.orgId, s.orgId),
        eq(ruleDecisions.surveyId, s.surveyId),
        gte(ruleDecisions.occurredAt, s.fromAt),
        lt(ruleDecisions.occurredAt, s.toAt),
        s.ruleId ? eq(ruleDecisions.ruleId, s.ruleId) : undefined,
        s.unitIds ? inArray(ruleDecisions.unitId, s.unitIds) : undefined,
      ),
    )
    .groupBy(ruleDecisions.interactionId)
    .as("decided");
  return db
    .select({ best: perInteraction.best, n: sql<number>`count(*)` })
    .from(perInteraction)
    // By the first column: the outcome rank.
    .groupBy(sql`1`)
    .all();
}

const flag = (condition: ReturnType<typeof sql>) => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;

/** What became of the survey's invitations (not reminders) for interactions of the period. */
export function countInvitations(db: Db, s: FunnelScope) {
  const opened = sql`(${invitations.visitedAt} is not null or ${invitations.respondedAt} is not null)`;
  const sent = sql`${invitations.sentAt} is not null`;
  return db
    .select({
      sent: flag(sent),
      delivered: flag(sql`${sent} and (${invitations.delivery} in ('delivered', 'complained') or ${opened})`),
      bounced: flag(sql`${sent} and ${invitations.delivery} in ('bounced', 'failed', 'suppressed')`),
      opened: flag(opened),
      completed: flag(sql`${invitations.respondedAt} is not null`),
      // Reminders link to their invitation, so an unsubscribe names it; a reminder's own id is looked for too.
      unsubscribed: flag(sql`exists (select 1 from suppressions u where u.reason = 'unsubscribed' and u.org_id = ${invitations.orgId}
        and (u.invitation_id = ${invitations.id} or u.invitation_id in (select r.id from invitations r where r.parent_id = ${invitations.id})))`),
    })
    .from(invitations)
    .innerJoin(interactions, eq(interactions.id, invitations.interactionId))
    .where(
      and(
        eq(invitations.orgId, s.orgId),
        eq(invitations.surveyId, s.surveyId),
        eq(invitations.sequence, 0),
        gte(interactions.occurredAt, s.fromAt),
        lt(interactions.occurredAt, s.toAt),
        s.ruleId ? eq(invitations.ruleId, s.ruleId) : undefined,
        s.unitIds ? inArray(interactions.unitId, s.unitIds) : undefined,
      ),
    )
    .get();
}
