// One-time links (invitations, password resets) and passwords: issue, describe, use once, change.
import type { AppSettings } from "../../config";
import { Gone, Invalid, NotFound, Unauthorized } from "../../errors";
import { hashPassword, randomToken, sha256, verifyPassword } from "../../lib/crypto";
import { actingUserId, unitOfWork, type OrgContext, type ServiceContext, type UnitOfWork } from "../../lib/service-context";
import { endSessions, startSession } from "../auth/auth.service";
import type { LinkDescription, LinkPurpose } from "./accounts.schemas";
import { renderAccountEmail } from "./account-email";
import * as repo from "./accounts.repo";

export const INVITE_DAYS = 7;
export const RESET_MINUTES = 60;

const lifetimeMs = (purpose: LinkPurpose) => (purpose === "invite" ? INVITE_DAYS * 86_400_000 : RESET_MINUTES * 60_000);
const pagePath = (purpose: LinkPurpose) => (purpose === "invite" ? "/accept-invite" : "/reset-password");

/** What issuing a link needs: the clock and the address its page lives at (the shell has no more). */
export type LinkContext = { now: Date; settings: Pick<AppSettings, "publicUrl"> };

export type IssuedLink = { id: string; url: string; expiresAt: Date };

/** Adds to `work` a fresh link for a person; once it commits, any older unused link of the same purpose stops working. */
export async function issueLink(ctx: LinkContext, work: UnitOfWork, userId: string, purpose: LinkPurpose): Promise<IssuedLink> {
  const token = randomToken(32);
  const id = crypto.randomUUID();
  const expiresAt = new Date(ctx.now.getTime() + lifetimeMs(purpose));
  work.add(...repo.replaceLinkStatements(work.db, { id, userId, purpose, tokenHash: await sha256(token), expiresAt, createdAt: ctx.now }, ctx.now));
  return { id, url: `${ctx.settings.publicUrl}${pagePath(purpose)}?token=${token}`, expiresAt };
}

/** Adds to `work` the end of a person's unused links: those of someone deactivated must not outlive the decision. */
export function retireLinks(ctx: Pick<ServiceContext, "now">, work: UnitOfWork, userId: string) {
  work.add(repo.retireLinks(work.db, userId, ctx.now));
}

export type Delivery = { delivery: "sent" } | { delivery: "failed"; message: string };

/** Emails a link; the link's id is the idempotency key, so a retried request cannot send it twice. */
export async function emailLink(
  ctx: Pick<ServiceContext, "mailer" | "settings">,
  link: IssuedLink,
  to: { orgId: string; email: string; name: string | null; organisation: string; inviter?: string | null },
  purpose: LinkPurpose,
): Promise<Delivery> {
  const email = await renderAccountEmail({
    orgId: to.orgId,
    from: ctx.settings.mailFrom,
    to: to.email,
    purpose,
    name: to.name,
    organisation: to.organisation,
    inviter: to.inviter,
    link: link.url,
    expiresAt: link.expiresAt,
  });
  let failure: string;
  try {
    const result = await ctx.mailer.sendBatch([email], link.id);
    if (result.ok) return { delivery: "sent" };
    failure = result.message;
  } catch (err) {
    failure = err instanceof Error ? err.message : String(err);
  }
  console.error(`account email to ${to.email} not sent: ${failure}`);
  return { delivery: "failed", message: `The email to ${to.email} could not be sent just now. Try again in a few minutes.` };
}

const UNKNOWN_LINK = "We do not know this link. Check that you opened the whole link from the email.";

async function usableLink(ctx: ServiceContext, token: string, purpose: LinkPurpose | undefined) {
  const found = await repo.findLink(ctx.db, await sha256(token));
  if (!found || (purpose && found.purpose !== purpose)) throw new NotFound(UNKNOWN_LINK);
  const invite = found.purpose === "invite";
  if (found.user.deactivatedAt) throw new Gone("This account has been deactivated. Ask an admin of your organisation if you need access again.");
  if (found.usedAt) {
    throw new Gone(
      invite
        ? "This invitation has already been used. Sign in with the password you chose, or reset it from the sign-in page."
        : "This reset link has already been used. Ask for a new one from the sign-in page.",
    );
  }
  if (found.expiresAt <= ctx.now) {
    throw new Gone(
      invite
        ? `This invitation has expired: invitations work for ${INVITE_DAYS} days. Ask an admin of ${found.organisation} to send a new one.`
        : "This reset link has expired: reset links work for an hour. Ask for a new one from the sign-in page.",
    );
  }
  return found;
}

export async function describeLink(ctx: ServiceContext, token: string): Promise<LinkDescription> {
  const found = await usableLink(ctx, token, undefined);
  return { purpose: found.purpose, email: found.user.email, name: found.user.name, organisation: found.organisation, expiresAt: found.expiresAt.toISOString() };
}

async function useLink(ctx: ServiceContext, token: string, purpose: LinkPurpose) {
  const found = await usableLink(ctx, token, purpose);
  // The conditional update is the real check: of two requests racing with one link, only one changes the row.
  // It runs on its own, before anything the link allows, so the loser writes nothing.
  const won = await repo.consumeLink(ctx.db, found.id, purpose, ctx.now);
  if (won.length === 0) throw new Gone(purpose === "invite" ? "This invitation has just been used." : "This reset link has just been used. Ask for a new one from the sign-in page.");
  return found;
}

export async function acceptInvitation(ctx: ServiceContext, input: { token: string; password: string; name?: string | null }) {
  const found = await useLink(ctx, input.token, "invite");
  const work = unitOfWork(ctx).add(repo.setPassword(ctx.db, found.user.id, await hashPassword(input.password), input.name));
  const session = await startSession(ctx, work, { ...found.user, name: input.name ?? found.user.name });
  await work.commit();
  return session;
}

// The same words whether or not the address has an account, so the answer gives nothing away.
const RESET_REQUESTED = "If that address has a Rapport account, we have emailed it a link to choose a new password. The link works once, within an hour.";

/** Emails a reset link when the address belongs to an active account; answers the same either way. */
export async function requestPasswordReset(ctx: ServiceContext, email: string) {
  const user = await repo.findUserForReset(ctx.db, email);
  if (user && !user.deactivatedAt && user.passwordHash !== "") {
    const work = unitOfWork(ctx);
    const link = await issueLink(ctx, work, user.id, "reset");
    await work.commit();
    await emailLink(ctx, link, { orgId: user.orgId, email: user.email, name: user.name, organisation: user.organisation }, "reset");
  }
  return { message: RESET_REQUESTED };
}

export async function completePasswordReset(ctx: ServiceContext, input: { token: string; password: string }) {
  const found = await useLink(ctx, input.token, "reset");
  const work = unitOfWork(ctx).add(repo.setPassword(ctx.db, found.user.id, await hashPassword(input.password)));
  // Whoever knew the old password may still hold a session; a reset ends them all.
  await endSessions(work, found.user.id);
  await work.commit();
  return { email: found.user.email };
}

/** Changes the signed-in person's password, ending their other sessions but not `sessionToken`'s. */
export async function changePassword(ctx: OrgContext, sessionToken: string, input: { currentPassword: string; newPassword: string }) {
  const userId = actingUserId(ctx);
  if (!userId) throw new Unauthorized();
  const row = await repo.findPasswordHash(ctx.db, userId);
  if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw new Invalid("Your current password is not right.", [{ path: "/currentPassword", message: "This is not your current password. Type it again." }]);
  }
  const work = unitOfWork(ctx).add(repo.setPassword(ctx.db, userId, await hashPassword(input.newPassword)));
  await endSessions(work, userId, sessionToken);
  await work.commit();
}
