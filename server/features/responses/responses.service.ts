// Individual responses for reviewers: a filtered list, and one response with every answer, the interaction it
// followed, the customer and the email history of its invitation.
import { NotFound } from "../../errors";
import { toPage, type PageRequest } from "../../lib/pagination";
import type { OrgContext } from "../../lib/service-context";
import type { AnswerFilters } from "../comments/comments.schemas";
import { answerWhere, commentsOfResponse } from "../comments/comments.service";
import { effectiveStatus } from "../invitations/invitations.service";
import { findVersion } from "../surveys/surveys.service";
import { answersOf } from "./answer-view";
import type { ResponseDetail, ResponseItem } from "./responses.schemas";
import * as repo from "./responses.repo";

type Reader = Pick<OrgContext, "db" | "orgId" | "now">;

const iso = (d: Date | null) => d?.toISOString() ?? null;
const named = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);
const scoresOf = (scores: ResponseItem["scores"]) => scores.map(({ metric, series, question, value }) => ({ metric, series, question, value }));

export async function listResponses(ctx: Reader, q: AnswerFilters & PageRequest) {
  const where = await answerWhere(ctx, q);
  if (!where) return { items: [], nextCursor: null };
  const rows = await repo.listResponses(ctx.db, where, q);
  return toPage(
    rows,
    q.limit,
    (r) => ({ at: r.createdAt.getTime(), id: r.id }),
    (r): ResponseItem => ({
      id: r.id,
      surveyId: r.surveyId,
      surveyTitle: r.surveyTitle,
      respondedAt: r.createdAt.toISOString(),
      imported: r.importedAt !== null,
      unit: named(r.unitId, r.unitName),
      agent: named(r.agentId, r.agentName),
      channel: r.channel,
      type: r.type,
      scores: scoresOf(r.scores),
      comment: r.comment,
    }),
  );
}

export async function getResponse(ctx: Reader, id: string): Promise<ResponseDetail> {
  const found = await repo.findResponse(ctx.db, ctx.orgId, id);
  if (!found) throw new NotFound("No response with that id in your organisation.");
  const { response: r } = found;
  const [version, comments, trail] = await Promise.all([
    findVersion(ctx, r.surveyVersionId),
    commentsOfResponse(ctx, r.id),
    r.invitationId ? repo.findInvitationTrail(ctx.db, ctx.orgId, r.invitationId) : Promise.resolve(undefined),
  ]);
  const i = trail?.invitation;
  const x = trail?.interaction;
  return {
    id: r.id,
    surveyId: r.surveyId,
    surveyTitle: found.surveyTitle,
    surveyVersion: version?.version ?? null,
    respondedAt: r.createdAt.toISOString(),
    imported: r.importedAt !== null,
    importedAt: iso(r.importedAt),
    externalId: r.externalId,
    unit: named(r.unitId, found.unitName),
    agent: named(r.agentId, found.agentName),
    channel: r.channel,
    type: r.interactionType,
    scores: scoresOf(r.scores),
    answers: answersOf(version?.definition ?? {}, r.data),
    comments,
    interaction: x
      ? {
          externalId: x.externalId,
          type: x.type,
          channel: x.channel,
          unit: named(x.unitId, trail.unitName),
          agent: named(x.agentId, trail.agentName),
          occurredAt: x.occurredAt.toISOString(),
          customer: { email: x.customerEmail, name: x.customerName },
        }
      : null,
    invitation: i
      ? {
          id: i.id,
          status: effectiveStatus(i, ctx.now),
          email: i.email,
          sendAt: i.sendAt.toISOString(),
          sentAt: iso(i.sentAt),
          respondedAt: iso(i.respondedAt),
          expiresAt: i.expiresAt.toISOString(),
          providerId: i.providerId,
          attempts: i.attempts,
          lastError: i.lastError,
        }
      : null,
  };
}
