// Queries for surveys and their published versions.
import { and, asc, desc, eq, getTableColumns, isNotNull, isNull } from "drizzle-orm";
import { keyset, type PageRequest } from "../../lib/pagination";
import type { Db } from "../../../db/client";
import { distributionRules, invitations, surveyVersions, surveys } from "../../../db/schema";

export type SurveyRow = typeof surveys.$inferSelect;

const getVersionColumns = () => getTableColumns(surveyVersions);

export const insertSurvey = (db: Db, row: typeof surveys.$inferInsert) => db.insert(surveys).values(row).returning().get();

/** One page of the organisation's surveys: the archived ones, or (by default) the others. */
export function listSurveys(db: Db, orgId: string, page: PageRequest, archived = false) {
  const k = keyset(surveys.updatedAt, surveys.id, page.cursor);
  return db
    .select()
    .from(surveys)
    .where(and(eq(surveys.orgId, orgId), archived ? isNotNull(surveys.archivedAt) : isNull(surveys.archivedAt), k.where))
    .orderBy(...k.orderBy)
    .limit(page.limit + 1)
    .all();
}

export const findSurvey = (db: Db, orgId: string, id: string) =>
  db.select().from(surveys).where(and(eq(surveys.orgId, orgId), eq(surveys.id, id))).get();

export const updateSurvey = (db: Db, orgId: string, id: string, patch: Partial<typeof surveys.$inferInsert>) =>
  db.update(surveys).set(patch).where(and(eq(surveys.orgId, orgId), eq(surveys.id, id))).returning().get();

/** Changes the draft only if it is still at `revision`; undefined when someone else saved first. */
export const updateDraftAt = (db: Db, orgId: string, id: string, revision: number, patch: Partial<typeof surveys.$inferInsert>) =>
  db
    .update(surveys)
    .set({ ...patch, revision: revision + 1 })
    .where(and(eq(surveys.orgId, orgId), eq(surveys.id, id), eq(surveys.revision, revision)))
    .returning()
    .get();

export const closeStatement = (db: Db, orgId: string, id: string, at: Date) =>
  db.update(surveys).set({ closedAt: at, updatedAt: at }).where(and(eq(surveys.orgId, orgId), eq(surveys.id, id)));

export const archiveStatement = (db: Db, orgId: string, id: string, at: Date) =>
  db.update(surveys).set({ archivedAt: at, updatedAt: at }).where(and(eq(surveys.orgId, orgId), eq(surveys.id, id)));

/** The draft set back to an earlier version's questions, published in the same batch. */
export const rollBackDraftStatement = (db: Db, orgId: string, id: string, draft: { title: string; draft: SurveyRow["draft"]; revision: number }, at: Date) =>
  db.update(surveys).set({ ...draft, updatedAt: at }).where(and(eq(surveys.orgId, orgId), eq(surveys.id, id)));

/** Closing stops what was scheduled and not yet handed to the provider, reminders included. */
export const cancelUnsentStatement = (db: Db, surveyId: string) =>
  db
    .update(invitations)
    .set({ status: "cancelled", cancelReason: "survey-closed" })
    .where(and(eq(invitations.surveyId, surveyId), eq(invitations.status, "pending"), isNull(invitations.handedAt)));

/** The statements that delete a survey that never went out, with its rules. */
export const deleteDraftStatements = (db: Db, orgId: string, id: string) =>
  [
    db.delete(distributionRules).where(and(eq(distributionRules.orgId, orgId), eq(distributionRules.surveyId, id))),
    db.delete(surveys).where(and(eq(surveys.orgId, orgId), eq(surveys.id, id), isNull(surveys.latestVersion))),
  ] as const;

/** A survey's published versions, newest first. */
export const listVersions = (db: Db, surveyId: string) =>
  db
    .select({ version: surveyVersions.version, title: surveyVersions.title, publishedAt: surveyVersions.publishedAt, publishedBy: surveyVersions.publishedBy })
    .from(surveyVersions)
    .where(eq(surveyVersions.surveyId, surveyId))
    .orderBy(desc(surveyVersions.version))
    .all();

export const findVersion = (db: Db, surveyId: string, version: number) =>
  db.select().from(surveyVersions).where(and(eq(surveyVersions.surveyId, surveyId), eq(surveyVersions.version, version))).get();

/** The latest published version, if the survey takes answers (it is not closed). */
export const findOpenVersion = (db: Db, surveyId: string) =>
  db
    .select(getVersionColumns())
    .from(surveyVersions)
    .innerJoin(surveys, and(eq(surveys.id, surveyVersions.surveyId), eq(surveyVersions.version, surveys.latestVersion)))
    .where(and(eq(surveyVersions.surveyId, surveyId), isNull(surveys.closedAt)))
    .get();

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
