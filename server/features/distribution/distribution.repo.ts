// Queries for distribution rules, and the few set-based reads one distribution pass makes for a whole batch.
import { and, asc, eq, gt, inArray, isNotNull, isNull } from "drizzle-orm";
import { insertStatements, type Db } from "../../../db/client";
import { chunk } from "../../lib/chunk";
import { keyset, type PageRequest } from "../../lib/pagination";
import { distributionRules, invitations, organisations, ruleDecisions, surveyVersions, surveys, units } from "../../../db/schema";

export type RuleRow = typeof distributionRules.$inferSelect;
export type NewDecision = typeof ruleDecisions.$inferInsert;

export const insertRule = (db: Db, row: typeof distributionRules.$inferInsert) =>
  db.insert(distributionRules).values(row).returning().get();

export function listRulesForSurvey(db: Db, orgId: string, surveyId: string, page: PageRequest) {
  const k = keyset(distributionRules.createdAt, distributionRules.id, page.cursor);
  return db
    .select()
    .from(distributionRules)
    .where(and(eq(distributionRules.orgId, orgId), eq(distributionRules.surveyId, surveyId), isNull(distributionRules.deletedAt), k.where))
    .orderBy(...k.orderBy)
    .limit(page.limit + 1)
    .all();
}

/** Active rules whose survey has a published version, with that version's id, oldest rule first. */
export const listLiveRules = (db: Db, orgId: string) =>
  db
    .select({ rule: distributionRules, versionId: surveyVersions.id })
    .from(distributionRules)
    .innerJoin(surveys, eq(surveys.id, distributionRules.surveyId))
    .innerJoin(surveyVersions, and(eq(surveyVersions.surveyId, surveys.id), eq(surveyVersions.version, surveys.latestVersion)))
    .where(and(eq(distributionRules.orgId, orgId), eq(distributionRules.active, true), isNull(distributionRules.deletedAt), isNotNull(surveys.latestVersion)))
    .orderBy(asc(distributionRules.createdAt), asc(distributionRules.id))
    .all();

/** The organisation's clock and contact rules. */
export const findContactSettings = (db: Db, orgId: string) =>
  db
    .select({
      timeZone: organisations.timeZone,
      contactGapDays: organisations.contactGapDays,
      quietStartMinute: organisations.quietStartMinute,
      quietEndMinute: organisations.quietEndMinute,
    })
    .from(organisations)
    .where(eq(organisations.id, orgId))
    .get();

/** Units with a time zone of their own (few per organisation). */
export const findUnitZones = (db: Db, orgId: string) =>
  db.select({ id: units.id, timeZone: units.timeZone }).from(units).where(and(eq(units.orgId, orgId), isNotNull(units.timeZone))).all();

/** Send times of surveys (not reminders) to these customers still standing or sent since `since`. */
export async function findContactHistory(db: Db, customerIds: string[], since: Date, maxSqlParams: number) {
  const out: { customerId: string | null; sendAt: Date }[] = [];
  // Six values besides the ids: the time, the sequence and four statuses.
  for (const part of chunk(customerIds, maxSqlParams - 6)) {
    out.push(
      ...(await db
        .select({ customerId: invitations.customerId, sendAt: invitations.sendAt })
        .from(invitations)
        .where(and(inArray(invitations.customerId, part), gt(invitations.sendAt, since), eq(invitations.sequence, 0), inArray(invitations.status, ["pending", "sent", "responded", "expired"])))
        .all()),
    );
  }
  return out;
}

export const insertDecisionsStatements = (rows: NewDecision[], maxSqlParams: number) =>
  insertStatements(ruleDecisions, rows, maxSqlParams).map((s) => ({ sql: `${s.sql} on conflict do nothing`, args: s.args }));

