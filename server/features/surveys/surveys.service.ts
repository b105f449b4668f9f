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
    revision: s.revision,
    closedAt: s.closedAt?.toISOString() ?? null,
    archivedAt: s.archivedAt?.toISOString() ?? null,
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

export async function listSurveys(ctx: Reader, page: PageRequest & { archived?: boolean }) {
  const rows = await repo.listSurveys(ctx.db, ctx.orgId, page, page.archived);
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

const STALE_DRAFT = "Someone else saved this survey after you opened it. Your changes are not saved yet: compare them with the newer draft, then save again.";

/**
 * Changes the draft. With `revision` (the one the editor loaded) a save based on an older draft is refused with
 * the newer one, so two managers never silently overwrite each other; without it the last save wins.
 */
export async function updateSurveyDraft(ctx: OrgContext, id: string, input: { title?: string; definition?: Record<string, unknown>; revision?: number }) {
  const current = await getSurvey(ctx, id);
  const stale = () => new Conflict(STALE_DRAFT, { stale: true, survey: toView(current) });
  if (input.revision !== undefined && input.revision !== current.revision) throw stale();
  const clean = input.definition ? await usableDefinition(input.definition) : undefined;
  const updated = await repo.updateDraftAt(ctx.db, ctx.orgId, id, input.revision ?? current.revision, {
    ...(input.title !== undefined && { title: input.title }),
    ...(clean && { draft: clean.definition }),
    draftDirty: true,
    updatedAt: ctx.now,
  });
  if (!updated) throw new Conflict(STALE_DRAFT, { stale: true, survey: toView((await getSurvey(ctx, id)) ?? current) });
  return { ...toView(updated), sanitized: clean?.sanitized ?? [] };
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

/** Closes a published survey: no new invitations, unsent ones cancelled, open links say it has closed. */
export async function closeSurvey(ctx: OrgContext, id: string) {
  const survey = await getSurvey(ctx, id);
  if (survey.latestVersion === null) throw new Conflict("This survey was never published, so no link is open; delete the draft instead if it is not needed.");
  if (survey.closedAt) return toView(survey);
  const work = unitOfWork(ctx).add(repo.cancelUnsentStatement(ctx.db, id), repo.closeStatement(ctx.db, ctx.orgId, id, ctx.now));
  await work.commit();
  return toView(await getSurvey(ctx, id));
}

/** Takes answers again; invitations cancelled when it closed stay cancelled, new interactions are invited again. */
export async function reopenSurvey(ctx: OrgContext, id: string) {
  const survey = await getSurvey(ctx, id);
  if (survey.archivedAt) throw new Conflict("Restore this survey from the archive before reopening it.");
  return toView((await repo.updateSurvey(ctx.db, ctx.orgId, id, { closedAt: null, updatedAt: ctx.now }))!);
}

/** Out of the lists (closed too, if it was not); its answers and analytics stay. */
export async function archiveSurvey(ctx: OrgContext, id: string) {
  const survey = await getSurvey(ctx, id);
  const statements = [repo.archiveStatement(ctx.db, ctx.orgId, id, ctx.now)] as const;
  const work = unitOfWork(ctx).add(...(survey.latestVersion !== null && !survey.closedAt ? [repo.cancelUnsentStatement(ctx.db, id), repo.closeStatement(ctx.db, ctx.orgId, id, ctx.now)] : []), ...statements);
  await work.commit();
  return toView(await getSurvey(ctx, id));
}

/** Back in the lists, still closed: reopening is a separate decision. */
export async function restoreSurvey(ctx: OrgContext, id: string) {
  await getSurvey(ctx, id);
  return toView((await repo.updateSurvey(ctx.db, ctx.orgId, id, { archivedAt: null, updatedAt: ctx.now }))!);
}

/** Deletes a draft that never went out; a published survey has answers to keep and is archived instead. */
export async function deleteDraft(ctx: OrgContext, id: string) {
  const survey = await getSurvey(ctx, id);
  if (survey.latestVersion !== null) throw new Conflict("A published survey keeps its answers and cannot be deleted; archive it instead.");
  await unitOfWork(ctx).add(...repo.deleteDraftStatements(ctx.db, ctx.orgId, id)).commit();
}

export async function listVersions(ctx: Reader, id: string) {
  await getSurvey(ctx, id);
  return { items: (await repo.listVersions(ctx.db, id)).map((v) => ({ version: v.version, title: v.title, publishedAt: v.publishedAt.toISOString() })) };
}

/** "draft" or a version number, as the diff's two ends are named. */
export type VersionRef = number | "draft";

async function definitionAt(ctx: Reader, survey: repo.SurveyRow, ref: VersionRef) {
  if (ref === "draft") return survey.draft;
  const version = await repo.findVersion(ctx.db, survey.id, ref);
  if (!version) throw new NotFound(`This survey has no version ${ref}.`);
  return version.definition;
}

/** What changes from one version (or the draft) to another, in words, with the changes that break a metric's series. */
export async function diffVersions(ctx: Reader, id: string, from: VersionRef, to: VersionRef) {
  const survey = await getSurvey(ctx, id);
  const [before, after] = await Promise.all([definitionAt(ctx, survey, from), definitionAt(ctx, survey, to)]);
  const { diffDefinitions } = await import("../../domain/survey-diff");
  return { from, to, changes: diffDefinitions(before, after) };
}

/** Publishes an earlier version's questions again, as a new version; the draft becomes that version too. */
export async function rollBack(ctx: OrgContext, id: string, version: number) {
  const survey = await getSurvey(ctx, id);
  const earlier = await repo.findVersion(ctx.db, id, version);
  if (!earlier) throw new NotFound(`This survey has no version ${version}.`);
  if (survey.latestVersion === version) throw new Conflict(`Version ${version} is the one published now.`);
  const next = (survey.latestVersion ?? 0) + 1;
  const rolled = { ...survey, title: earlier.title, draft: earlier.definition };
  const work = unitOfWork(ctx).add(
    repo.rollBackDraftStatement(ctx.db, ctx.orgId, id, { title: earlier.title, draft: earlier.definition, revision: survey.revision + 1 }, ctx.now),
    ...repo.publishVersionStatements(ctx.db, rolled, next, actingUserId(ctx), ctx.now),
  );
  try {
    await work.commit();
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict("Someone published this survey at the same moment; reload and try again.");
    throw err;
  }
  return { version: next };
}

/** The latest published version of a survey that takes answers, or undefined when it has none or is closed. */
export const openSurveyVersion = (ctx: Pick<ServiceContext, "db">, surveyId: string) => repo.findOpenVersion(ctx.db, surveyId);

/** The published version new invitations of a survey should use, or undefined while only a draft exists. */
export const latestPublishedVersion = (ctx: Pick<ServiceContext, "db">, surveyId: string) => repo.findLatestVersion(ctx.db, surveyId);

/** A published version by id (versions never change, so any organisation's caller gets the same row). */
export const findVersion = (ctx: Pick<ServiceContext, "db">, versionId: string) => repo.findVersionById(ctx.db, versionId);

/** The published definitions of the organisation's surveys (or of one), for what an export's columns can hold. */
export const publishedVersions = (ctx: Reader, surveyId?: string) => repo.listPublishedVersions(ctx.db, ctx.orgId, surveyId);
