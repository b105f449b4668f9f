// Counter kiosks: a unit's anonymous link to one published survey, answered by walk-in customers, rate-limited
// per device and per address because nothing else stands between the link and the response table.
import { Gone, Invalid, NotFound, TooManyRequests } from "../../errors";
import { randomToken } from "../../lib/crypto";
import { toPage, type PageRequest } from "../../lib/pagination";
import { unitOfWork, type OrgContext, type ServiceContext } from "../../lib/service-context";
import { checkAnswers } from "../respond/respond.service";
import { getSurvey, openSurveyVersion } from "../surveys/surveys.service";
import { LIMITS, countAttempt, refundAttempt, waitInWords, type Counter } from "../throttle/throttle.service";
import { UNKNOWN_KIOSK, type KioskView } from "./kiosks.schemas";
import * as repo from "./kiosks.repo";

type Reader = Pick<OrgContext, "db" | "orgId">;

const STALE_CURSOR = "This page link is not valid any more; start again from the first page.";
const NO_UNIT = "No unit with that id in your organisation.";
const NOT_TAKING_ANSWERS = "This survey is not taking answers here at the moment. Please let a member of staff know.";

export async function listKiosks(ctx: Reader, page: PageRequest) {
  const { cursor } = page;
  if (cursor && typeof cursor.at !== "string") throw new Invalid(STALE_CURSOR, [{ path: "/cursor", message: STALE_CURSOR }]);
  const rows = await repo.listKiosks(ctx.db, ctx.orgId, cursor && { name: cursor.at as string, id: cursor.id }, page.limit);
  return toPage(rows, page.limit, (k) => ({ at: k.unitName, id: k.id }));
}

async function getKiosk(ctx: Reader, unitId: string): Promise<KioskView> {
  const kiosk = await repo.findKiosk(ctx.db, ctx.orgId, unitId);
  if (!kiosk) throw new NotFound(NO_UNIT);
  return kiosk;
}

/** Opens the unit's kiosk on a published survey, or changes its survey; the slug stays, so printed posters keep working. */
export async function openKiosk(ctx: Reader, unitId: string, surveyId: string) {
  const current = await getKiosk(ctx, unitId);
  const survey = await getSurvey(ctx, surveyId);
  if (survey.latestVersion === null) {
    const message = "Publish this survey before showing it at a kiosk: customers answer its published questions.";
    throw new Invalid(message, [{ path: "/surveyId", message }]);
  }
  // 16 random bytes: 128 bits, so nobody finds a kiosk by guessing.
  await repo.updateKiosk(ctx.db, ctx.orgId, unitId, { kioskSlug: current.slug ?? randomToken(16), kioskSurveyId: survey.id });
  return getKiosk(ctx, unitId);
}

/** Closes the kiosk: its link answers 404 at once, and opening it again makes a new one. */
export async function closeKiosk(ctx: Reader, unitId: string) {
  if (!(await repo.updateKiosk(ctx.db, ctx.orgId, unitId, { kioskSlug: null, kioskSurveyId: null }))) throw new NotFound(NO_UNIT);
  return getKiosk(ctx, unitId);
}

async function openBySlug(ctx: Pick<ServiceContext, "db">, slug: string) {
  const kiosk = await repo.findOpenKiosk(ctx.db, slug);
  if (!kiosk?.surveyId) throw new NotFound(UNKNOWN_KIOSK);
  const version = await openSurveyVersion(ctx, kiosk.surveyId);
  if (!version) throw new Gone(NOT_TAKING_ANSWERS);
  return { kiosk: { ...kiosk, surveyId: kiosk.surveyId }, version };
}

/** What the kiosk page shows: the latest published version of the kiosk's survey, and where the customer is. */
export async function getKioskSurvey(ctx: Pick<ServiceContext, "db">, slug: string) {
  const { kiosk, version } = await openBySlug(ctx, slug);
  const locale = typeof version.definition.locale === "string" ? version.definition.locale : undefined;
  return { title: version.title, unitName: kiosk.unitName, definition: version.definition, ...(locale && { locale }) };
}

/** Who is answering, as far as limits can tell: the kiosk device's cookie and the network address, either may be missing. */
export type KioskClient = { deviceId: string | undefined; address: string | undefined };

/**
 * Stores an anonymous answer for the kiosk's unit and raises `response.recorded` with it, as an emailed link's
 * answer does, so analytics count it. Counted against the device and the address before anything is stored;
 * answers that need another look are not counted, so a customer correcting them is never refused.
 */
export async function submitKioskResponse(ctx: Pick<ServiceContext, "db" | "reactions" | "settings" | "now">, slug: string, client: KioskClient, answers: unknown) {
  const { kiosk, version } = await openBySlug(ctx, slug);
  const counters: Counter[] = [
    ...(client.deviceId ? [{ limit: LIMITS.kioskPerDevice, subject: client.deviceId }] : []),
    ...(client.address ? [{ limit: LIMITS.kioskPerAddress, subject: client.address }] : []),
  ];
  const tally = counters.length > 0 ? await countAttempt(ctx.db, counters, ctx.now) : undefined;
  if (tally?.exceeded) {
    await refundAttempt(ctx.db, tally);
    throw new TooManyRequests(`This kiosk has taken many answers in a short time. Try again ${waitInWords(tally.retryAfterSeconds)}.`, tally.retryAfterSeconds);
  }
  const result = await checkAnswers(version, answers);
  if (!result.ok) {
    if (tally) await refundAttempt(ctx.db, tally);
    throw new Invalid("Some answers need another look.", result.errors);
  }
  const responseId = crypto.randomUUID();
  const context = { unitId: kiosk.unitId, agentId: null, channel: "kiosk", interactionType: null, interactionAt: null };
  const work = unitOfWork(ctx).add(
    repo.insertResponseStatement({
      id: responseId,
      orgId: kiosk.orgId,
      invitationId: null,
      surveyId: kiosk.surveyId,
      surveyVersionId: version.id,
      data: result.data,
      nps: result.metrics.nps ?? null,
      csat: result.metrics.csat ?? null,
      ces: result.metrics.ces ?? null,
      scores: result.scores,
      source: "kiosk",
      ...context,
      createdAt: ctx.now,
    }),
  );
  await work.raise({
    type: "response.recorded",
    orgId: kiosk.orgId,
    timeZone: kiosk.timeZone,
    invitationId: null,
    invitationSentAt: null,
    responseId,
    surveyId: kiosk.surveyId,
    surveyVersionId: version.id,
    metrics: result.metrics,
    scores: result.scores,
    comments: result.comments,
    context,
    at: ctx.now,
  });
  await work.commit();
  return { ok: true as const };
}
