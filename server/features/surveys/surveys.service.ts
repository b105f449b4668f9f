// Survey drafts and immutable published versions.
import { Conflict, Invalid, NotFound } from "../../errors";
import { isUniqueViolation } from "../../lib/db-errors";
import { describeProblems } from "../../lib/describe-problems";
import { toPage, type PageRequest } from "../../lib/pagination";
import { actingUserId, unitOfWork, type OrgContext, type ServiceContext } from "../../lib/service-context";
import type { SurveyView } from "./surveys.schemas";
import * as repo from "./surveys.repo";

type Reader = Pick<OrgContext, "db" | "orgId">;

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

export async function createSurvey(ctx: OrgContext, input: { title: string; definition: Record<string, unknown> }) {
  const { definition, sanitized } = await usableDefinition(input.definition);
  const row = await repo.insertSurvey(ctx.db, { orgId: ctx.orgId, title: input.title, draft: definition, createdAt: ctx.now, updatedAt: ctx.now });
  return { ...toView(row), sanitized };
}

export async function listSurveys(ctx: Reader, page: PageRequest) {
  const rows = await repo.listSurveys(ctx.db, ctx.orgId, page);
  return toPage(rows, page.limit, (s) => ({ at: s.updatedAt.getTime(), id: s.id }), toView);
}

/** A survey of the context's organisation, or NotFound: other organisations' surveys do not exist here. */
export async function getSurvey(ctx: Reader, id: string) {
  const survey = await repo.findSurvey(ctx.db, ctx.orgId, id);
  if (!survey) throw new NotFound("No survey with that id in your organisation.");
  return survey;
}

/** A survey with the series of its latest published version, which the editor compares its draft against before publishing. */
export async function getSurveyDetail(ctx: Reader, id: string) {
  const survey = await getSurvey(ctx, id);
  const published = survey.latestVersion === null ? undefined : await repo.findLatestVersion(ctx.db, survey.id);
  const publishedSeries = published ? (await import("../../domain/survey-definition")).definitionSeries(published.definition).map(({ label: _, ...s }) => s) : [];
  return { ...toView(survey), publishedSeries };
}

export async function updateSurveyDraft(ctx: OrgContext, id: string, input: { title?: string; definition?: Record<string, unknown> }) {
  await getSurvey(ctx, id);
  const clean = input.definition ? await usableDefinition(input.definition) : undefined;
  const updated = await repo.updateSurvey(ctx.db, ctx.orgId, id, {
    ...(input.title !== undefined && { title: input.title }),
    ...(clean && { draft: clean.definition }),
    draftDirty: true,
    updatedAt: ctx.now,
  });
  return { ...toView(updated!), sanitized: clean?.sanitized ?? [] };
}

export async function publishSurvey(ctx: OrgContext, id: string) {
  const survey = await getSurvey(ctx, id);
  if (survey.latestVersion !== null && !survey.draftDirty) {
    throw new Conflict(`Nothing changed since version ${survey.latestVersion}; edit the survey before publishing again.`);
  }
  // Drafts saved before sanitizing existed (or written around the API) are cleaned on the way to respondents.
  const { definition } = await usableDefinition(survey.draft);
  const version = (survey.latestVersion ?? 0) + 1;
  const work = unitOfWork(ctx).add(...repo.publishVersionStatements(ctx.db, { ...survey, draft: definition }, version, actingUserId(ctx), ctx.now));
  try {
    await work.commit();
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict("Someone published this survey at the same moment; reload and try again.");
    throw err;
  }
  return { version };
}

/** The published version new invitations of a survey should use, or undefined while only a draft exists. */
export const latestPublishedVersion = (ctx: Pick<ServiceContext, "db">, surveyId: string) => repo.findLatestVersion(ctx.db, surveyId);

/** A published version by id (versions never change, so any organisation's caller gets the same row). */
export const findVersion = (ctx: Pick<ServiceContext, "db">, versionId: string) => repo.findVersionById(ctx.db, versionId);

/** The published definitions of the organisation's surveys (or of one), for what an export's columns can hold. */
export const publishedVersions = (ctx: Reader, surveyId?: string) => repo.listPublishedVersions(ctx.db, ctx.orgId, surveyId);
