// Invitations: their secret links, their listing, and what other features do with them through this service.
import { hmac, sha256 } from "../../lib/crypto";
import { toPage, type PageRequest } from "../../lib/pagination";
import type { OrgContext, ServiceContext, UnitOfWork } from "../../lib/service-context";
import { getSurvey } from "../surveys/surveys.service";
import type { InvitationView } from "./invitations.schemas";
import * as repo from "./invitations.repo";

export type NewInvitation = repo.NewInvitation;

/**
 * The link token is an HMAC of the invitation id under the app secret: 256 bits no one can guess, that
 * the dispatcher can rebuild for every retry (the same email bytes under the same Idempotency-Key) while
 * only its hash is stored.
 */
export const invitationToken = (secret: string, invitationId: string) => hmac(secret, `invitation:${invitationId}`);
export const tokenHash = (token: string) => sha256(token);

/** An invitation ready to store: its id, and the hash of the link token derived from that id. */
export async function planInvitation(ctx: Pick<ServiceContext, "settings">, row: Omit<NewInvitation, "id" | "tokenHash">): Promise<NewInvitation> {
  const id = crypto.randomUUID();
  return { ...row, id, tokenHash: await tokenHash(await invitationToken(ctx.settings.appSecret, id)) };
}

/**
 * A reminder: an outbox row of its own that links to its invitation's survey. It has no link of its own, so its
 * token hash is a marker no real token hashes to (hashes are 64 hex digits).
 */
export const reminderRow = (invitation: NewInvitation, sequence: number, sendAt: Date): NewInvitation => {
  const id = crypto.randomUUID();
  return { ...invitation, id, tokenHash: `reminder:${id}`, sequence, parentId: invitation.id, sendAt };
};

/** Adds planned invitations to the caller's unit of work; one already made for the same interaction and survey is kept. */
export function scheduleInvitations(work: UnitOfWork, planned: NewInvitation[]) {
  work.add(...repo.insertInvitationsStatements(planned, work.maxSqlParams));
}

/** Closes an invitation once its response is recorded, in the same unit of work as the response. */
export function markInvitationResponded(work: UnitOfWork, event: { invitationId: string | null; at: Date }) {
  if (event.invitationId) work.add(repo.markRespondedStatement(work.db, event.invitationId, event.at), repo.cancelRemindersStatement(work.db, event.invitationId));
}

export async function findInvitationByToken(ctx: Pick<ServiceContext, "db">, token: string) {
  return repo.findByTokenHash(ctx.db, await tokenHash(token));
}

/** A link that has closed unanswered reads as expired, whether or not the dispatcher has noticed yet. */
export function effectiveStatus(row: Pick<repo.InvitationRow, "status" | "expiresAt">, now: Date) {
  return (row.status === "pending" || row.status === "sent") && row.expiresAt <= now ? "expired" : row.status;
}

export async function listInvitations(ctx: Pick<OrgContext, "db" | "orgId" | "now">, surveyId: string, page: PageRequest) {
  await getSurvey(ctx, surveyId);
  const rows = await repo.listInvitationsForSurvey(ctx.db, ctx.orgId, surveyId, page);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const cursorOf = (r: (typeof rows)[number]) => ({ at: r.invitation.sendAt.getTime(), id: r.invitation.id });
  return toPage(
    rows,
    page.limit,
    cursorOf,
    ({ invitation: i, interaction }): InvitationView => ({
      id: i.id,
      email: i.email,
      status: effectiveStatus(i, ctx.now),
      sendAt: i.sendAt.toISOString(),
      sentAt: iso(i.sentAt),
      respondedAt: iso(i.respondedAt),
      expiresAt: i.expiresAt.toISOString(),
      attempts: i.attempts,
      lastError: i.lastError,
      interaction,
    }),
  );
}
