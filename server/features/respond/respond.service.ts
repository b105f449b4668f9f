// The respondent's side: open an invitation, answer it once.
import type { Db } from "../../../db/client";
import { Conflict, Gone, Invalid, NotFound } from "../../errors";
import { isUniqueViolation } from "../../lib/db-errors";
import { effectiveStatus, findInvitationByToken, markRespondedStatement } from "../invitations/invitations.service";
import { findVersion } from "../surveys/surveys.service";
import { insertResponseStatement } from "./respond.repo";

// One Model per survey version, kept for the life of the process or isolate.
let validator: Promise<import("../../domain/survey-definition").AnswerValidator> | undefined;
const answerValidator = () => (validator ??= import("../../domain/survey-definition").then((m) => new m.AnswerValidator()));

// Published versions never change, so each is read once per process or isolate.
const versions = new Map<string, NonNullable<Awaited<ReturnType<typeof findVersion>>>>();
async function publishedVersion(db: Db, id: string) {
  let version = versions.get(id);
  if (!version) {
    version = await findVersion({ db }, id);
    if (!version) throw new NotFound("This survey is no longer available.");
    if (versions.size >= 500) versions.delete(versions.keys().next().value!);
    versions.set(id, version);
  }
  return version;
}

async function openInvitation(db: Db, token: string, now: Date) {
  const invitation = await findInvitationByToken(db, token);
  if (!invitation || invitation.status === "pending" || invitation.status === "failed") {
    throw new NotFound("This survey link is not valid. Check that the whole link was copied from the email.");
  }
  if (invitation.status === "responded") throw new Conflict("This survey has already been answered. Thank you!");
  if (effectiveStatus(invitation, now) === "expired") throw new Gone("This survey has closed and no longer takes answers.");
  const version = await publishedVersion(db, invitation.surveyVersionId);
  return { invitation, version };
}

export async function getInvitationSurvey(db: Db, token: string, now: Date) {
  const { version } = await openInvitation(db, token, now);
  const locale = typeof version.definition.locale === "string" ? version.definition.locale : undefined;
  return { title: version.title, definition: version.definition, ...(locale && { locale }) };
}

export async function submitResponse(db: Db, token: string, answers: unknown, now: Date) {
  const { invitation, version } = await openInvitation(db, token, now);
  const result = (await answerValidator()).check(version.id, version.definition, answers);
  if (!result.ok) throw new Invalid("Some answers need another look.", result.errors);
  try {
    await db.batch([
      insertResponseStatement(db, {
        orgId: invitation.orgId,
        invitationId: invitation.id,
        surveyId: invitation.surveyId,
        surveyVersionId: version.id,
        data: result.data,
        nps: result.metrics.nps ?? null,
        csat: result.metrics.csat ?? null,
        ces: result.metrics.ces ?? null,
        createdAt: now,
      }),
      markRespondedStatement(db, invitation.id, now),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict("This survey has already been answered. Thank you!");
    throw err;
  }
  return { ok: true as const };
}
