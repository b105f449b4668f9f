// Queries for surveys and their published versions.
import { and, asc, desc, eq } from "drizzle-orm";
import { keyset, type PageRequest } from "../../lib/pagination";
import type { Db } from "../../../db/client";
import { surveyVersions, surveys } from "../../../db/schema";

export type SurveyRow = typeof surveys.$inferSelect;

export const insertSurvey = (db: Db, row: typeof surveys.$inferInsert) => db.insert(surveys).values(row).returning().get();

export function listSurveys(db: Db, orgId: string, page: PageRequest) {
  const k = keyset(surveys.updatedAt, surveys.id, page.cursor);
  return db.select().from(surveys).where(and(eq(surveys.orgId, orgId), k.where)).orderBy(...k.orderBy).limit(page.limit + 1).all();
}

export const findSurvey = (db: Db, orgId: string, id: string) =>
  db.select().from(surveys).where(and(eq(surveys.orgId, orgId), eq(surveys.id, id))).get();

export const updateSurvey = (db: Db, orgId: string, id: string, patch: Partial<typeof surveys.$inferInsert>) =>
  db.update(surveys).set(patch).where(and(eq(surveys.orgId, orgId), eq(surveys.id, id))).returning().get();

/** The statements that publish a survey's draft as `version`. */
export function publishVersionStatements(db: Db, survey: SurveyRow, version: number, publishedBy: string | null, now: Date) {
  return [
    db.insert(surveyVersions).values({ surveyId: survey.id, version, title: survey.title, definition: survey.draft, publishedBy, publishedAt: now }),
    db.update(surveys).set({ latestVersion: version, draftDirty: false, updatedAt: now }).where(eq(surveys.id, survey.id)),
  ] as const;
}

export const findLatestVersion = (db: Db, surveyId: string) =>
  db.select().from(surveyVersions).where(eq(surveyVersions.surveyId, surveyId)).orderBy(desc(surveyVersions.version)).limit(1).get();

export const findVersionById = (db: Db, id: string) => db.select().from(surveyVersions).where(eq(surveyVersions.id, id)).get();

/** Every published version of an organisation's surveys (or of one), oldest survey and version first. */
export const listPublishedVersions = (db: Db, orgId: string, surveyId?: string) =>
  db
    .select({ surveyId: surveyVersions.surveyId, version: surveyVersions.version, definition: surveyVersions.definition })
    .from(surveyVersions)
    .innerJoin(surveys, eq(surveys.id, surveyVersions.surveyId))
    .where(and(eq(surveys.orgId, orgId), surveyId ? eq(surveys.id, surveyId) : undefined))
    .orderBy(asc(surveys.createdAt), asc(surveys.id), asc(surveyVersions.version))
    .all();
