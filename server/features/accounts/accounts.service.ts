// One-time links (invitations, password resets) and passwords: issue, describe, use once, change.
import type { Db } from "../../../db/client";
import type { AppSettings } from "../../config";
import { Gone, Invalid, NotFound } from "../../errors";
import { hashPassword, randomToken, sha256, verifyPassword } from "../../lib/crypto";
import type { Mailer } from "../../mail/mailer";
import type { Me } from "../auth/auth.schemas";
import { endSessions, startSession } from "../auth/auth.service";
import type { LinkDescription, LinkPurpose } from "./accounts.schemas";
import { renderAccountEmail } from "./account-email";
import * as repo from "./accounts.repo";

export const INVITE_DAYS = 7;
export const RESET_MINUTES = 60;

const lifetimeMs = (purpose: LinkPurpose) => (purpose === "invite" ? INVITE_DAYS * 86_400_000 : RESET_MINUTES * 60_000);
const pagePath = (purpose: LinkPurpose) => (purpose === "invite" ? "/accept-invite" : "/reset-password");

export type MailDeps = { db: Db; mailer: Mailer; settings: Pick<AppSettings, "publicUrl" | "mailFrom"> };

export type IssuedLink = { id: string; url: string; expiresAt: Date };

/** A fresh link for a person; any older unused link of the same purpose stops working. */
export async function issueLink(db: Db, publicUrl: string, userId: string, purpose: LinkPurpose, now: Date): Promise<IssuedLink> {
  const token = randomToken(32);
  const id = crypto.randomUUID();
  const expiresAt = new Date(now.getTime() + lifetimeMs(purpose));
  await repo.replaceLink(db, { id, userId, purpose, tokenHash: await sha256(token), expiresAt, createdAt: now }, now);
  return { id, url: `${publicUrl}${pagePath(purpose)}?token=${token}`, expiresAt };
}

/** Links of a person who is deactivated must not outlive the decision. */
export async function retireLinks(db: Db, userId: string, now: Date) {
  await repo.retireLinks(db, userId, now);
}

export type Delivery = { delivery: "sent" } | { delivery: "failed"; message: string };

/** Emails a link; the link's id is the idempotency key, so a retried request cannot send it twice. */
export async function emailLink(
  deps: MailDeps,
  link: IssuedLink,
  to: { orgId: string; email: string; name: string | null; organisation: string; inviter?: string | null },
  purpose: LinkPurpose,
): Promise<Delivery> {
  const email = await renderAccountEmail({
    orgId: to.orgId,
    from: deps.settings.mailFrom,
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
    const result = await deps.mailer.sendBatch([email], link.id);
    if (result.ok) return { delivery: "sent" };
    failure = result.message;
  } catch (err) {
    failure = err instanceof Error ? err.message : String(err);
  }
  console.error(`account email to ${to.email} not sent: ${failure}`);
  return { delivery: "failed", message: `The email to ${to.email} could not be sent just now. Try again in a few minutes.` };
}

const UNKNOWN_LINK = "We do not know this link. Check that you opened the whole link from the email.";

async function usableLink(db: Db, token: string, purpose: LinkPurpose | undefined, now: Date) {
  const found = await repo.findLink(db, await sha256(token));
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
  if (found.expiresAt <= now) {
    throw new Gone(
      invite
        ? `This invitation has expired: invitations work for ${INVITE_DAYS} days. Ask an admin of ${found.organisation} to send a new one.`
        : "This reset link has expired: reset links work for an hour. Ask for a new one from the sign-in page.",
    );
  }
  return found;
}

export async function describeLink(db: Db, token: string, now: Date): Promise<LinkDescription> {
  const found = await usableLink(db, token, undefined, now);
  return { purpose: found.purpose, email: found.user.email, name: found.user.name, organisation: found.organisation, expiresAt: found.expiresAt };
}

async function useLink(db: Db, token: string, purpose: LinkPurpose, now: Date) {
  const found = await usableLink(db, token, purpose, now);
  // The conditional update is the real check: of two requests racing with one link, only one changes the row.
  const won = await repo.consumeLink(db, found.id, purpose, now);
  if (won.length === 0) throw new Gone(purpose === "invite" ? "This invitation has just been used." : "This reset link has just been used. Ask for a new one from the sign-in page.");
  return found;
}

export async function acceptInvitation(db: Db, input: { token: string; password: string; name?: string | null }, now: Date) {
  const found = await useLink(db, input.token, "invite", now);
  const user = await repo.setPassword(db, found.user.id, await hashPassword(input.password), input.name);
  if (!user) throw new Gone("This account no longer exists.");
  return startSession(db, user, now);
}

/** Emails a reset link when the address belongs to an active account; says nothing either way. */
export async function requestPasswordReset(deps: MailDeps, email: string, now: Date): Promise<void> {
  const user = await repo.findUserForReset(deps.db, email);
  if (!user || user.deactivatedAt || user.passwordHash === "") return;
  const link = await issueLink(deps.db, deps.settings.publicUrl, user.id, "reset", now);
  await emailLink(deps, link, { orgId: user.orgId, email: user.email, name: user.name, organisation: user.organisation }, "reset");
}

export async function completePasswordReset(db: Db, input: { token: string; password: string }, now: Date) {
  const found = await useLink(db, input.token, "reset", now);
  await repo.setPassword(db, found.user.id, await hashPassword(input.password));
  // Whoever knew the old password may still hold a session; a reset ends them all.
  await endSessions(db, found.user.id);
  return { email: found.user.email };
}

export async function changePassword(db: Db, me: Me, sessionToken: string, input: { currentPassword: string; newPassword: string }) {
  const row = await repo.findPasswordHash(db, me.id);
  if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw new Invalid("Your current password is not right.", [{ path: "/currentPassword", message: "This is not your current password. Type it again." }]);
  }
  await repo.setPassword(db, me.id, await hashPassword(input.newPassword));
  await endSessions(db, me.id, sessionToken);
}
