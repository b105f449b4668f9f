// Invitations: their secret links, their listing, and lookups for the respondent page.
import type { Db } from "../../../db/client";
import { hmac, sha256 } from "../../lib/crypto";
import { toPage, type PageRequest } from "../../lib/pagination";
import { getSurvey } from "../surveys/surveys.service";
import * as repo from "./invitations.repo";

/**
 * The link token is an HMAC of the invitation id under the app secret: 256 bits no one can guess, that
 * the dispatcher can rebuild for every retry (the same email bytes under the same Idempotency-Key) while
 * only its hash is stored.
 */
export const invitationToken = (secret: string, invitationId: string) => hmac(secret, `invitation:${invitationId}`);
export const tokenHash = (token: string) => sha256(token);

export async function newInvitation(secret: string, row: Omit<repo.NewInvitation, "id" | "tokenHash">): Promise<repo.NewInvitation> {
  const id = crypto.randomUUID();
  return { ...row, id, tokenHash: await tokenHash(await invitationToken(secret, id)) };
}

export const { insertInvitationsStatement, invitationColumns } = repo;
export const markRespondedStatement = repo.markRespondedStatement;

export async function findInvitationByToken(db: Db, token: string) {
  return repo.findByTokenHash(db, await tokenHash(token));
}

export function effectiveStatus(row: Pick<repo.InvitationRow, "status" | "expiresAt">, now: Date) {
  return (row.status === "pending" || row.status === "sent") && row.expiresAt <= now ? "expired" : row.status;
}

export async function listInvitations(db: Db, orgId: string, surveyId: string, now: Date, page: PageRequest) {
  await getSurvey({ db, orgId }, surveyId);
  const rows = await repo.listInvitationsForSurvey(db, orgId, surveyId, page);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const cursorOf = (r: (typeof rows)[number]) => ({ at: r.invitation.sendAt.getTime(), id: r.invitation.id });
  return toPage(rows, page.limit, cursorOf, ({ invitation: i, interaction }) => ({
    id: i.id,
    email: i.email,
    status: effectiveStatus(i, now),
    sendAt: i.sendAt.toISOString(),
    sentAt: iso(i.sentAt),
    respondedAt: iso(i.respondedAt),
    expiresAt: i.expiresAt.toISOString(),
    attempts: i.attempts,
    lastError: i.lastError,
    interaction,
  }));
}
