// Survey drafts and immutable published versions.
import type { Db } from "../../../db/client";
import { Conflict, Invalid, NotFound } from "../../errors";
import { isUniqueViolation } from "../../lib/db-errors";
import type { SurveyView } from "./surveys.schemas";
import * as repo from "./surveys.repo";

async function assertUsable(definition: Record<string, unknown>) {
  const { checkDefinition } = await import("../../domain/survey-definition");
  const errors = checkDefinition(definition);
  if (errors.length) throw new Invalid("This survey definition cannot be used yet.", errors);
}

export function toView(s: repo.SurveyRow): SurveyView {
  return {
    id: s.id,
    title: s.title,
    status: s.latestVersion === null ? "draft" : "published",
    latestVersion: s.latestVersion,
    hasUnpublishedChanges: s.draftDirty,
    definition: s.draft,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export async function createSurvey(db: Db, orgId: string, input: { title: string; definition: Record<string, unknown> }, now: Date) {
  await assertUsable(input.definition);
  return toView(await repo.insertSurvey(db, { orgId, title: input.title, draft: input.definition, createdAt: now, updatedAt: now }));
}

export async function listSurveys(db: Db, orgId: string) {
  return (await repo.listSurveys(db, orgId)).map(toView);
}

export async function getSurvey(db: Db, orgId: string, id: string) {
  const survey = await repo.findSurvey(db, orgId, id);
  if (!survey) throw new NotFound("No survey with that id in your organisation.");
  return survey;
}

export async function updateSurveyDraft(
  db: Db,
  orgId: string,
  id: string,
  input: { title?: string; definition?: Record<string, unknown> },
  now: Date,
) {
  await getSurvey(db, orgId, id);
  if (input.definition) await assertUsable(input.definition);
  const updated = await repo.updateSurvey(db, orgId, id, {
    ...(input.title !== undefined && { title: input.title }),
    ...(input.definition !== undefined && { draft: input.definition }),
    draftDirty: true,
    updatedAt: now,
  });
  return toView(updated!);
}

export async function publishSurvey(db: Db, orgId: string, id: string, userId: string, now: Date) {
  const survey = await getSurvey(db, orgId, id);
  if (survey.latestVersion !== null && !survey.draftDirty) {
    throw new Conflict(`Nothing changed since version ${survey.latestVersion}; edit the survey before publishing again.`);
  }
  await assertUsable(survey.draft);
  const version = (survey.latestVersion ?? 0) + 1;
  try {
    await repo.publishVersion(db, survey, version, userId, now);
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict("Someone published this survey at the same moment; reload and try again.");
    throw err;
  }
  return { version };
}

/** The published version new invitations should use, or undefined while only a draft exists. */
export const latestPublishedVersion = repo.findLatestVersion;
export const findVersion = repo.findVersionById;
