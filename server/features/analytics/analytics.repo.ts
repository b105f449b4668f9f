// Aggregate queries returning sufficient statistics only.
import { and, eq, gte, isNotNull, lt, sql, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { invitations, responses } from "../../../db/schema";

const count = (cond: ReturnType<typeof sql>) => sql<number>`coalesce(sum(case when ${cond} then 1 else 0 end), 0)`;
const total = (col: SQLWrapper) => sql<number>`coalesce(sum(${col}), 0)`;
const squares = (col: SQLWrapper) => sql<number>`coalesce(sum(${col} * ${col}), 0)`;

export function responseTotals(db: Db, orgId: string, surveyId: string, from: Date, to: Date) {
  return db
    .select({
      responses: sql<number>`count(*)`,
      promoters: count(sql`${responses.nps} >= 9`),
      passives: count(sql`${responses.nps} between 7 and 8`),
      detractors: count(sql`${responses.nps} <= 6`),
      csatN: count(sql`${responses.csat} is not null`),
      csatSum: total(responses.csat),
      csatSumSq: squares(responses.csat),
      csatTop2: count(sql`${responses.csat} >= 4`),
      cesN: count(sql`${responses.ces} is not null`),
      cesSum: total(responses.ces),
      cesSumSq: squares(responses.ces),
      cesAgree: count(sql`${responses.ces} >= 5`),
    })
    .from(responses)
    .where(and(eq(responses.orgId, orgId), eq(responses.surveyId, surveyId), gte(responses.createdAt, from), lt(responses.createdAt, to)))
    .get();
}

export function invitationTotals(db: Db, orgId: string, surveyId: string, from: Date, to: Date) {
  return db
    .select({ sent: sql<number>`count(*)`, responded: count(sql`${invitations.respondedAt} is not null`) })
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), eq(invitations.surveyId, surveyId), isNotNull(invitations.sentAt), gte(invitations.sentAt, from), lt(invitations.sentAt, to)))
    .get();
}
