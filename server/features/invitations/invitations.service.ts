// Invitations: their secret links, the delivery page's list and counts, retries, and what other features do with them through this service.
import { runBatch } from "../../../db/client";
import type { CancelReason } from "../../../db/schema";
import { Conflict, Gone, NotFound } from "../../errors";
import { hmac, sha256 } from "../../lib/crypto";
import { toPage, type PageRequest } from "../../lib/pagination";
import type { OrgContext, ServiceContext, UnitOfWork } from "../../lib/service-context";
import { getSurvey } from "../surveys/surveys.service";
import { invitationStates, type InvitationState, type InvitationView, type ReminderView } from "./invitations.schemas";
import * as repo from "./invitations.repo";

export type NewInvitation = repo.NewInvitation;
type Reader = Pick<OrgContext, "db" | "orgId" | "now" | "settings">;

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

/**
 * Notes the first time the customer loaded the survey behind the link: the funnel's "opened the survey", which
 * (unlike email opens) image proxies and link scanners that fetch no survey do not fake.
 */
export async function recordInvitationVisit(ctx: Pick<ServiceContext, "db" | "now">, invitation: { id: string; visitedAt: Date | null }) {
  if (!invitation.visitedAt) await repo.markVisited(ctx.db, invitation.id, ctx.now);
}

/** A link that has closed unanswered reads as expired, whether or not the dispatcher has noticed yet. */
export function effectiveStatus(row: Pick<repo.InvitationRow, "status" | "expiresAt">, now: Date) {
  return (row.status === "pending" || row.status === "sent") && row.expiresAt <= now ? "expired" : row.status;
}

const cancelWords: Record<CancelReason, string> = {
  answered: "Not needed: the customer had already answered.",
  unsubscribed: "The customer unsubscribed.",
  suppressed: "The address is on the suppression list (an earlier bounce, complaint or a manual entry).",
  interaction: "The interaction was reopened or cancelled.",
  expired: "The link closed before it could be sent.",
  "parent-unsent": "The invitation it follows was never sent.",
  "survey-closed": "The survey was closed before it went out.",
};

/** Why a row stands where it does, in words, where there is something to say. */
function reasonOf(row: repo.InvitationRow, state: InvitationState): string | null {
  switch (state) {
    case "failed":
      return row.lastError ?? "The mail provider refused to send it.";
    case "bounced":
      return row.deliveryDetail ?? "The recipient's mail server refused it.";
    case "cancelled":
      return row.cancelReason ? cancelWords[row.cancelReason] : "Cancelled before sending.";
    case "scheduled":
      return row.lastError ? `Trying again after: ${row.lastError}` : null;
    case "delivered":
      return row.delivery === "complained" ? "Delivered; the recipient then marked it as spam." : null;
    case "sent":
      return row.delivery === "delayed" ? `Delivery delayed${row.deliveryDetail ? `: ${row.deliveryDetail}` : "."}` : null;
    default:
      return null;
  }
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function reminderView(r: repo.InvitationRow, state: InvitationState): ReminderView {
  return { id: r.id, sequence: r.sequence, state, sendAt: r.sendAt.toISOString(), sentAt: iso(r.sentAt), cancelReason: r.cancelReason, reason: reasonOf(r, state) };
}

function invitationView(
  i: repo.InvitationRow,
  state: InvitationState,
  interaction: Omit<InvitationView["interaction"], "occurredAt"> & { occurredAt: Date },
  reminders: ReminderView[],
  now: Date,
): InvitationView {
  return {
    id: i.id,
    email: i.email,
    status: effectiveStatus(i, now),
    state,
    sendAt: i.sendAt.toISOString(),
    sentAt: iso(i.sentAt),
    respondedAt: iso(i.respondedAt),
    expiresAt: i.expiresAt.toISOString(),
    attempts: i.attempts,
    lastError: i.lastError,
    delivery: i.delivery,
    deliveryDetail: i.deliveryDetail,
    deliveredAt: iso(i.deliveredAt),
    visitedAt: iso(i.visitedAt),
    cancelReason: i.cancelReason,
    reason: reasonOf(i, state),
    ruleId: i.ruleId,
    interaction: { ...interaction, occurredAt: interaction.occurredAt.toISOString() },
    reminders,
  };
}

/** A survey's invitations (not reminders, which ride along with theirs), latest due first, optionally in one state. */
export async function listInvitations(ctx: Reader, surveyId: string, page: PageRequest & { state?: InvitationState }) {
  await getSurvey(ctx, surveyId);
  const rows = await repo.listInvitationsForSurvey(ctx.db, ctx.orgId, surveyId, page, ctx.now);
  const kept = rows.slice(0, page.limit);
  const reminders = new Map<string, ReminderView[]>();
  if (kept.length) {
    for (const { reminder, state } of await repo.findReminders(ctx.db, ctx.orgId, kept.map((r) => r.invitation.id), ctx.now, ctx.settings.maxSqlParams)) {
      const list = reminders.get(reminder.parentId!) ?? [];
      list.push(reminderView(reminder, state));
      reminders.set(reminder.parentId!, list);
    }
  }
  const cursorOf = (r: (typeof rows)[number]) => ({ at: r.invitation.sendAt.getTime(), id: r.invitation.id });
  return toPage(rows, page.limit, cursorOf, (r) => invitationView(r.invitation, r.state, r.interaction, reminders.get(r.invitation.id) ?? [], ctx.now));
}

/** How many of a survey's invitations stand in each state, and how many failed ones could be sent again. */
export async function countInvitations(ctx: Reader, surveyId: string) {
  await getSurvey(ctx, surveyId);
  const rows = await repo.countInvitationStates(ctx.db, ctx.orgId, surveyId, ctx.now);
  const counts = Object.fromEntries(invitationStates.map((s) => [s, 0])) as Record<InvitationState, number>;
  let retryable = 0;
  for (const r of rows) {
    counts[r.state] += Number(r.count);
    if (r.state === "failed") retryable += Number(r.open ?? 0);
  }
  return { surveyId, counts, total: rows.reduce((sum, r) => sum + Number(r.count), 0), retryable };
}

const dayFormat = (d: Date) => d.toISOString().slice(0, 10);

async function viewOf(ctx: Reader, id: string) {
  const found = await repo.findInvitationView(ctx.db, ctx.orgId, id, ctx.now);
  if (!found) throw new NotFound("No invitation with that id in your organisation.");
  const reminders = (await repo.findReminders(ctx.db, ctx.orgId, [id], ctx.now, ctx.settings.maxSqlParams)).map((r) => reminderView(r.reminder, r.state));
  return { row: found.invitation, state: found.state, view: invitationView(found.invitation, found.state, found.interaction, reminders, ctx.now) };
}

/**
 * Puts one failed invitation back in the outbox, due now, as if never tried: the dispatcher re-checks it like any
 * other (suppressions, quiet hours, its interaction) when it claims it. Its reminders keep their spacing after it.
 */
export async function retryInvitation(ctx: Reader, id: string) {
  const { row, state } = await viewOf(ctx, id);
  if (row.status !== "failed") throw new Conflict(`Only a failed invitation can be sent again; this one is ${state}.`);
  if (row.expiresAt <= ctx.now) {
    throw new Gone(`This invitation's link closed on ${dayFormat(row.expiresAt)}, so it can no longer be sent: the customer could not answer it.`);
  }
  await runBatch(ctx.db, repo.retryInvitationStatements(ctx.orgId, id, ctx.now));
  return (await viewOf(ctx, id)).view;
}

/** Puts every failed invitation of a survey whose link is still open back in the outbox; the rest stay failed. */
export async function retryFailedInvitations(ctx: Reader, surveyId: string) {
  await getSurvey(ctx, surveyId);
  const failed = await repo.countFailed(ctx.db, ctx.orgId, surveyId, ctx.now);
  const open = Number(failed?.open ?? 0);
  if (open > 0) await runBatch(ctx.db, repo.retrySurveyStatements(ctx.orgId, surveyId, ctx.now));
  return { retried: open, closed: Number(failed?.closed ?? 0) };
}
