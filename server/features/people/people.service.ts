// The people of an organisation: list, invite, resend an invitation, change role, deactivate and reactivate.
import type { Db } from "../../../db/client";
import type { Role } from "../../../db/schema";
import { Conflict, NotFound } from "../../errors";
import { isUniqueViolation } from "../../lib/db-errors";
import { toPage, type Page, type PageRequest } from "../../lib/pagination";
import type { Me } from "../auth/auth.schemas";
import { endSessions } from "../auth/auth.service";
import { emailLink, issueLink, retireLinks, type Delivery, type MailDeps } from "../accounts/accounts.service";
import type { PersonStatus, PersonView } from "./people.schemas";
import * as repo from "./people.repo";

export const EMAIL_TAKEN = "That address already has a Rapport account.";

function toView(row: repo.PersonRow): PersonView {
  const status: PersonStatus = row.deactivatedAt ? "deactivated" : row.hasPassword ? "active" : "invited";
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status,
    createdAt: row.createdAt,
    invitedBy: row.inviterId ? { id: row.inviterId, name: row.inviterName, email: row.inviterEmail ?? "" } : null,
  };
}

export async function listPeople(db: Db, orgId: string, page: PageRequest): Promise<Page<PersonView>> {
  const rows = await repo.listPeople(db, orgId, page.limit, page.cursor);
  return toPage(rows, page.limit, (r) => ({ at: r.createdAt.getTime(), id: r.id }), toView);
}

async function personOrThrow(db: Db, orgId: string, id: string) {
  const row = await repo.findPerson(db, orgId, id);
  if (!row) throw new NotFound("There is no such person in your organisation.");
  return row;
}

async function insertInvited(db: Db, row: { orgId: string; email: string; name: string | null; role: Role; invitedBy: string | null }, now: Date) {
  if (await repo.findUserIdByEmail(db, row.email)) throw new Conflict(EMAIL_TAKEN);
  try {
    return await repo.insertUser(db, { ...row, passwordHash: "", createdAt: now });
  } catch (err) {
    // Two invitations for one address at once: the unique index decides.
    if (isUniqueViolation(err)) throw new Conflict(EMAIL_TAKEN);
    throw err;
  }
}

export type InviteResult = { person: PersonView } & Delivery;

async function sendInvitation(deps: MailDeps, orgId: string, person: repo.PersonRow, inviter: Me, now: Date): Promise<InviteResult> {
  const organisation = await repo.findOrganisation(deps.db, orgId);
  const link = await issueLink(deps.db, deps.settings.publicUrl, person.id, "invite", now);
  const delivery = await emailLink(
    deps,
    link,
    { orgId, email: person.email, name: person.name, organisation: organisation?.name ?? "your organisation", inviter: inviter.name ?? inviter.email },
    "invite",
  );
  const view = toView(person);
  if (delivery.delivery === "sent") return { person: view, delivery: "sent" };
  return {
    person: view,
    delivery: "failed",
    message: `The invitation is saved, but the email to ${person.email} could not be sent just now. Use "Resend invitation" in a few minutes.`,
  };
}

export async function invitePerson(deps: MailDeps, inviter: Me, input: { email: string; name?: string | null; role: Role }, now: Date) {
  const { id } = await insertInvited(deps.db, { orgId: inviter.orgId, email: input.email, name: input.name ?? null, role: input.role, invitedBy: inviter.id }, now);
  return sendInvitation(deps, inviter.orgId, await personOrThrow(deps.db, inviter.orgId, id), inviter, now);
}

export async function resendInvitation(deps: MailDeps, inviter: Me, personId: string, now: Date) {
  const person = await personOrThrow(deps.db, inviter.orgId, personId);
  if (person.deactivatedAt) throw new Conflict(`${person.email} is deactivated. Reactivate them first, then resend the invitation.`);
  if (person.hasPassword) throw new Conflict(`${person.email} has already set a password; there is no invitation to resend.`);
  return sendInvitation(deps, inviter.orgId, person, inviter, now);
}

export async function updatePerson(db: Db, actor: Me, personId: string, change: { role?: Role; active?: boolean }, now: Date): Promise<PersonView> {
  const before = await personOrThrow(db, actor.orgId, personId);
  const set: { role?: Role; deactivatedAt?: Date | null } = {};
  if (change.role !== undefined) set.role = change.role;
  if (change.active === false) set.deactivatedAt = before.deactivatedAt ?? now;
  if (change.active === true) set.deactivatedAt = null;
  const losesAdmin = (change.role !== undefined && change.role !== "admin") || change.active === false;
  const changed = await repo.updatePerson(db, actor.orgId, personId, set, losesAdmin);
  if (changed.length === 0) {
    throw new Conflict(
      personId === actor.id
        ? "You are the only active admin. Make someone else an admin first, so the organisation always has one."
        : `${before.email} is the only active admin. Make someone else an admin first, so the organisation always has one.`,
    );
  }
  if (change.active === false) {
    // The session lookup already refuses deactivated people; deleting the rows and links tidies up behind it.
    await endSessions(db, personId);
    await retireLinks(db, personId, now);
  }
  return toView(await personOrThrow(db, actor.orgId, personId));
}

export type ShellAdminResult = { organisation: { id: string; name: string; created: boolean }; email: string; link: string; expiresAt: Date };

/**
 * `npm run admin:create`: an organisation of that name (created when none exists) and an admin in it, who
 * sets a password from a one-time link, since a password must never travel on a command line.
 */
export async function createAdminFromShell(
  db: Db,
  publicUrl: string,
  input: { email: string; name: string | null; organisation: string; timeZone: string },
  now: Date,
): Promise<ShellAdminResult> {
  const existing = await repo.findOrganisationsByName(db, input.organisation);
  if (existing.length > 1) throw new Conflict(`${existing.length} organisations are called "${input.organisation}"; rename one first.`);
  if (await repo.findUserIdByEmail(db, input.email)) throw new Conflict(EMAIL_TAKEN);
  const organisation = existing[0] ? { ...existing[0], created: false } : { ...(await repo.insertOrganisation(db, { name: input.organisation, timeZone: input.timeZone, createdAt: now })), created: true };
  const { id } = await insertInvited(db, { orgId: organisation.id, email: input.email, name: input.name, role: "admin", invitedBy: null }, now);
  const link = await issueLink(db, publicUrl, id, "invite", now);
  return { organisation, email: input.email, link: link.url, expiresAt: link.expiresAt };
}
