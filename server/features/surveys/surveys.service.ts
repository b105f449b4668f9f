// Survey drafts and immutable published versions.
import type { Db } from "../../../db/client";
import { Conflict, Invalid, NotFound } from "../../errors";
import { isUniqueViolation } from "../../lib/db-errors";
import { describeProblems } from "../../lib/describe-problems";
import type { SurveyView } from "./surveys.schemas";
import { toPage, type PageRequest } from "../../lib/pagination";
import * as repo from "./surveys.repo";

// What is stored is usable by survey-core and holds no HTML that could run script. Both modules
// are heavy and loaded lazily, so routes that never touch a definition stay light.
async function usableDefinition(definition: Record<string, unknown>) {
  const [{ checkDefinition }, { sanitizeDefinition }] = await Promise.all([
    import("../../domain/survey-definition"),
    import("../../domain/survey-sanitize"),
  ]);
  const clean = sanitizeDefinition(definition);
  const errors = checkDefinition(clean.definition);
  if (errors.length) throw new Invalid(describeProblems(errors), errors);
  // JSON Pointers into the request body, so the editor can say which texts lost unsafe HTML.
  return { definition: clean.definition, sanitized: clean.changed.map((p) => `/definition${p}`) };
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
  const { definition, sanitized } = await usableDefinition(input.definition);
  return { ...toView(await repo.insertSurvey(db, { orgId, title: input.title, draft: definition, createdAt: now, updatedAt: now })), sanitized };
}

export async function listSurveys(db: Db, orgId: string, page: PageRequest) {
  const rows = await repo.listSurveys(db, orgId, page);
  return toPage(rows, page.limit, (s) => ({ at: s.updatedAt.getTime(), id: s.id }), toView);
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
  const clean = input.definition ? await usableDefinition(input.definition) : undefined;
  const updated = await repo.updateSurvey(db, orgId, id, {
    ...(input.title !== undefined && { title: input.title }),
    ...(clean && { draft: clean.definition }),
    draftDirty: true,
    updatedAt: now,
  });
  return { ...toView(updated!), sanitized: clean?.sanitized ?? [] };
}

export async function publishSurvey(db: Db, orgId: string, id: string, userId: string, now: Date) {
  const survey = await getSurvey(db, orgId, id);
  if (survey.latestVersion !== null && !survey.draftDirty) {
    throw new Conflict(`Nothing changed since version ${survey.latestVersion}; edit the survey before publishing again.`);
  }
  // Drafts saved before sanitizing existed (or written around the API) are cleaned on the way to respondents.
  const { definition } = await usableDefinition(survey.draft);
  const version = (survey.latestVersion ?? 0) + 1;
  try {
    await repo.publishVersion(db, { ...survey, draft: definition }, version, userId, now);
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict("Someone published this survey at the same moment; reload and try again.");
    throw err;
  }
  return { version };
}

/** The published version new invitations should use, or undefined while only a draft exists. */
export const latestPublishedVersion = repo.findLatestVersion;
export const findVersion = repo.findVersionById;
