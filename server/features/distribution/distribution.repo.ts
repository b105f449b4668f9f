// Queries for distribution rules.
import { and, eq, isNotNull } from "drizzle-orm";
import { keyset, type PageRequest } from "../../lib/pagination";
import type { Db } from "../../../db/client";
import { distributionRules, surveyVersions, surveys } from "../../../db/schema";

export type RuleRow = typeof distributionRules.$inferSelect;

export const insertRule = (db: Db, row: typeof distributionRules.$inferInsert) =>
  db.insert(distributionRules).values(row).returning().get();

export function listRulesForSurvey(db: Db, orgId: string, surveyId: string, page: PageRequest) {
  const k = keyset(distributionRules.createdAt, distributionRules.id, page.cursor);
  return db
    .select()
    .from(distributionRules)
    .where(and(eq(distributionRules.orgId, orgId), eq(distributionRules.surveyId, surveyId), k.where))
    .orderBy(...k.orderBy)
    .limit(page.limit + 1)
    .all();
}

/** Active rules whose survey has a published version, with that version's id. */
export const listLiveRules = (db: Db, orgId: string) =>
  db
    .select({ rule: distributionRules, versionId: surveyVersions.id })
    .from(distributionRules)
    .innerJoin(surveys, eq(surveys.id, distributionRules.surveyId))
    .innerJoin(surveyVersions, and(eq(surveyVersions.surveyId, surveys.id), eq(surveyVersions.version, surveys.latestVersion)))
    .where(and(eq(distributionRules.orgId, orgId), eq(distributionRules.active, true), isNotNull(surveys.latestVersion)))
    .all();
