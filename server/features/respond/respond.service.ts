// The respondent's side: open an invitation, answer it once.
import { Conflict, Gone, Invalid, NotFound } from "../../errors";
import { isUniqueViolation } from "../../lib/db-errors";
import { unitOfWork, type ServiceContext } from "../../lib/service-context";
import { effectiveStatus, findInvitationByToken, recordInvitationVisit } from "../invitations/invitations.service";
import { askedQuestions } from "../../domain/survey-questions";
import { findVersion } from "../surveys/surveys.service";
import { INVALID_LINK } from "./respond.schemas";
import * as repo from "./respond.repo";

type Reader = Pick<ServiceContext, "db" | "now">;

// One Model per survey version, kept for the life of the process or isolate.
let validator: Promise<import("../../domain/survey-definition").AnswerValidator> | undefined;
const answerValidator = () => (validator ??= import("../../domain/survey-definition").then((m) => new m.AnswerValidator()));

// Published versions never change, so each is read once per process or isolate.
const versions = new Map<string, NonNullable<Awaited<ReturnType<typeof findVersion>>>>();
async function publishedVersion(ctx: Reader, id: string) {
  let version = versions.get(id);
  if (!version) {
    version = await findVersion(ctx, id);
    if (!version) throw new NotFound("This survey is no longer available.");
    if (versions.size >= 500) versions.delete(versions.keys().next().value!);
    versions.set(id, version);
  }
  return version;
}

/** Checks answers against a published version as a respondent's would be: imports reuse it, so both agree. */
export async function checkAnswers(version: { id: string; definition: Record<string, unknown> }, answers: unknown) {
  return (await answerValidator()).check(version.id, version.definition, answers);
}

async function openInvitation(ctx: Reader, token: string) {
  const invitation = await findInvitationByToken(ctx, token);
  if (!invitation || invitation.status === "pending" || invitation.status === "failed") throw new NotFound(INVALID_LINK);
  if (invitation.status === "responded") throw new Conflict("This survey has already been answered. Thank you!");
  if (effectiveStatus(invitation, ctx.now) === "expired" || invitation.surveyClosedAt) throw new Gone("This survey has closed and no longer takes answers.");
  const version = await publishedVersion(ctx, invitation.surveyVersionId);
  return { invitation, version };
}

export async function getInvitationSurvey(ctx: Reader, token: string) {
  const { invitation, version } = await openInvitation(ctx, token);
  const [progress, facts] = await Promise.all([repo.findProgress(ctx.db, invitation.id), repo.findPipedFacts(ctx.db, invitation.id)]);
  const locale = typeof version.definition.locale === "string" ? version.definition.locale : undefined;
  const customerLocale = invitation.customerLocale ?? undefined;
  // Only what is known: a text piping in something unknown shows it empty, as SurveyJS does.
  const variables = Object.fromEntries(
    Object.entries({ customerName: facts?.customerName, unitName: facts?.unitName, agentName: facts?.agentName, interactionDate: facts?.occurredAt?.toISOString() }).filter(([, v]) => !!v),
  ) as Record<string, string>;
  return { title: version.title, definition: version.definition, variables, ...(locale && { locale }), ...(customerLocale && { customerLocale }), ...(progress && { progress }) };
}

/** A person is on the page (a key, a tap, a scroll): the first time is the funnel's "opened the survey". */
export async function noteVisit(ctx: Reader, token: string) {
  const invitation = await findInvitationByToken(ctx, token);
  if (!invitation || invitation.status === "pending" || invitation.status === "failed") throw new NotFound(INVALID_LINK);
  // Touching the page of an answered or closed survey still counts: the person opened it.
  await recordInvitationVisit(ctx, invitation);
}

// The keys a version's answers may carry and its page count, worked out once per version like the version itself.
const shapes = new Map<string, { keys: Set<string>; pages: number }>();
function answerShape(version: { id: string; definition: Record<string, unknown> }) {
  let shape = shapes.get(version.id);
  if (!shape) {
    const keys = new Set(askedQuestions(version.definition).flatMap((q) => [q.valueName, `${q.valueName}-Comment`]));
    shape = { keys, pages: Array.isArray(version.definition.pages) ? Math.max(1, version.definition.pages.length) : 1 };
    if (shapes.size >= 500) shapes.delete(shapes.keys().next().value!);
    shapes.set(version.id, shape);
  }
  return shape;
}

export type ProgressInput = { data: Record<string, unknown>; currentPage: number; furthestPage: number; revision: number };

const STALE = "These answers were changed on another tab or device since this page last saved. The newer answers are included here.";

/**
 * Saves what the customer answered so far, on top of the revision the page last saw; a stale save is refused
 * with the saved answers (409), so a second tab merges instead of overwriting. Partial answers are not
 * checked against their questions: they are never counted, and the submit checks everything.
 */
export async function saveProgress(ctx: Reader, token: string, input: ProgressInput) {
  const { invitation, version } = await openInvitation(ctx, token);
  const { keys, pages } = answerShape(version);
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input.data)) if (keys.has(key) && value !== null && value !== undefined) data[key] = value;
  const currentPage = Math.min(input.currentPage, pages - 1);
  const row = {
    invitationId: invitation.id,
    orgId: invitation.orgId,
    surveyId: invitation.surveyId,
    surveyVersionId: version.id,
    data,
    currentPage,
    furthestPage: Math.min(Math.max(input.furthestPage, currentPage), pages - 1),
    updatedAt: ctx.now,
  };
  const revision = input.revision === 0 ? ((await repo.insertProgress(ctx.db, row)) ? 1 : undefined) : await repo.updateProgress(ctx.db, row, input.revision);
  if (revision !== undefined) return { revision };
  const saved = await repo.findProgress(ctx.db, invitation.id);
  // Nothing saved and nothing stored: the survey was answered between the checks above and this save.
  if (!saved && input.revision === 0) throw new Conflict("This survey has already been answered. Thank you!");
  throw new Conflict(STALE, { stale: true, ...(saved ?? { data: {}, currentPage: 0, revision: 0 }) });
}

/**
 * Stores the answers and raises `response.recorded` in the same unit of work, so whatever other features do
 * about a response (closing the invitation, later rollups) commits with it or not at all.
 */
export async function submitResponse(ctx: Parameters<typeof unitOfWork>[0] & Pick<ServiceContext, "now">, token: string, answers: unknown) {
  const { invitation, version } = await openInvitation(ctx, token);
  const result = (await answerValidator()).check(version.id, version.definition, answers);
  if (!result.ok) throw new Invalid("Some answers need another look.", result.errors);
  const responseId = crypto.randomUUID();
  const work = unitOfWork(ctx).add(
    repo.insertResponseStatement({
      id: responseId,
      orgId: invitation.orgId,
      invitationId: invitation.id,
      surveyId: invitation.surveyId,
      surveyVersionId: version.id,
      data: result.data,
      nps: result.metrics.nps ?? null,
      csat: result.metrics.csat ?? null,
      ces: result.metrics.ces ?? null,
      scores: result.scores,
      customerEmail: invitation.email,
      ...invitation.context,
      createdAt: ctx.now,
    }),
    repo.deleteProgressStatement(ctx.db, invitation.id),
  );
  await work.raise({
    type: "response.recorded",
    orgId: invitation.orgId,
    timeZone: invitation.timeZone,
    invitationId: invitation.id,
    invitationSentAt: invitation.sentAt,
    responseId,
    surveyId: invitation.surveyId,
    surveyVersionId: version.id,
    metrics: result.metrics,
    scores: result.scores,
    comments: result.comments,
    context: invitation.context,
    at: ctx.now,
  });
  try {
    await work.commit();
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict("This survey has already been answered. Thank you!");
    throw err;
  }
  return { ok: true as const };
}

/** The link's survey and the answers saved so far, for the page the server sends; a visit is the script's to record. */
export async function openForPage(ctx: Reader, token: string) {
  const { invitation, version } = await openInvitation(ctx, token);
  const progress = await repo.findProgress(ctx.db, invitation.id);
  return { invitation, version, progress };
}

/** The pages and questions that apply to these answers (see AnswerValidator.layout). */
export async function pageLayout(version: { id: string; definition: Record<string, unknown> }, answers: Record<string, unknown>) {
  return (await answerValidator()).layout(version.id, version.definition, answers);
}

/**
 * Saves answers sent from the page without its script, whatever another tab saved meanwhile: the form holds the
 * person's latest word on its questions, and `data` already carries what was saved for the others.
 */
export async function keepProgress(ctx: Reader, token: string, data: Record<string, unknown>, currentPage: number) {
  for (let attempt = 0; ; attempt++) {
    const { invitation } = await openInvitation(ctx, token);
    const saved = await repo.findProgress(ctx.db, invitation.id);
    try {
      return await saveProgress(ctx, token, { data, currentPage, furthestPage: currentPage, revision: saved?.revision ?? 0 });
    } catch (err) {
      if (attempt >= 2 || !(err instanceof Conflict) || err.extra.stale !== true) throw err;
    }
  }
}
