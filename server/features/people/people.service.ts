// The people of an organisation: list, invite, resend an invitation, change role, deactivate and reactivate.
import type { Role } from "../../../db/schema";
import type { AppSettings } from "../../config";
import { Conflict, NotFound, Unauthorized } from "../../errors";
import { isUniqueViolation } from "../../lib/db-errors";
import { toPage, type Page, type PageRequest } from "../../lib/pagination";
import { actingUserId, unitOfWork, type OrgContext, type ServiceContext, type UnitOfWork } from "../../lib/service-context";
import { endSessions } from "../auth/auth.service";
import { emailLink, issueLink, retireLinks, type Delivery, type IssuedLink, type LinkContext } from "../accounts/accounts.service";
import type { PersonStatus, PersonView } from "./people.schemas";
import * as repo from "./people.repo";

type Reader = Pick<OrgContext, "db" | "orgId">;

export const EMAIL_TAKEN = "That address already has a Rapport account.";

function toView(row: repo.PersonRow): PersonView {
  const status: PersonStatus = row.deactivatedAt ? "deactivated" : row.hasPassword ? "active" : "invited";
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status,
    createdAt: row.createdAt.toISOString(),
    invitedBy: row.inviterId ? { id: row.inviterId, name: row.inviterName, email: row.inviterEmail ?? "" } : null,
  };
}

export async function listPeople(ctx: Reader, page: PageRequest): Promise<Page<PersonView>> {
  const rows = await repo.listPeople(ctx.db, ctx.orgId, page.limit, page.cursor);
  return toPage(rows, page.limit, (r) => ({ at: r.createdAt.getTime(), id: r.id }), toView);
}

async function personOrThrow(ctx: Reader, id: string) {
  const row = await repo.findPerson(ctx.db, ctx.orgId, id);
  if (!row) throw new NotFound("There is no such person in your organisation.");
  return row;
}

/** The signed-in person acting, as the invitation email names them. */
async function actingPerson(ctx: OrgContext) {
  const id = actingUserId(ctx);
  const row = id ? await repo.findPerson(ctx.db, ctx.orgId, id) : undefined;
  if (!row) throw new Unauthorized();
  return row;
}

type NewPerson = { orgId: string; email: string; name: string | null; role: Role; invitedBy: string | null };

/** Adds to `work` a person who signs in only after choosing a password from their invitation link. */
async function addInvited(ctx: Pick<ServiceContext, "db" | "now">, work: UnitOfWork, person: NewPerson) {
  if (await repo.findUserIdByEmail(ctx.db, person.email)) throw new Conflict(EMAIL_TAKEN);
  const id = crypto.randomUUID();
  work.add(repo.insertUser(ctx.db, { id, ...person, passwordHash: "", createdAt: ctx.now }));
  return id;
}

async function commitInvited(work: UnitOfWork) {
  try {
    await work.commit();
  } catch (err) {
    // Two invitations for one address at once: the unique index decides.
    if (isUniqueViolation(err)) throw new Conflict(EMAIL_TAKEN);
    throw err;
  }
}

export type InviteResult = { person: PersonView } & Delivery;

async function sendInvitation(ctx: OrgContext, person: repo.PersonRow, inviter: repo.PersonRow, link: IssuedLink): Promise<InviteResult> {
  const organisation = await repo.findOrganisation(ctx.db, ctx.orgId);
  const delivery = await emailLink(
    ctx,
    link,
    { orgId: ctx.orgId, email: person.email, name: person.name, organisation: organisation?.name ?? "your organisation", inviter: inviter.name ?? inviter.email },
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

export async function invitePerson(ctx: OrgContext, input: { email: string; name?: string | null; role: Role }) {
  const inviter = await actingPerson(ctx);
  const work = unitOfWork(ctx);
  const id = await addInvited(ctx, work, { orgId: ctx.orgId, email: input.email, name: input.name ?? null, role: input.role, invitedBy: inviter.id });
  const link = await issueLink(ctx, work, id, "invite");
  await commitInvited(work);
  return sendInvitation(ctx, await personOrThrow(ctx, id), inviter, link);
}

export async function resendInvitation(ctx: OrgContext, personId: string) {
  const person = await personOrThrow(ctx, personId);
  if (person.deactivatedAt) throw new Conflict(`${person.email} is deactivated. Reactivate them first, then resend the invitation.`);
  if (person.hasPassword) throw new Conflict(`${person.email} has already set a password; there is no invitation to resend.`);
  const inviter = await actingPerson(ctx);
  const work = unitOfWork(ctx);
  const link = await issueLink(ctx, work, person.id, "invite");
  await work.commit();
  return sendInvitation(ctx, person, inviter, link);
}

export async function updatePerson(ctx: OrgContext, personId: string, change: { role?: Role; active?: boolean }): Promise<PersonView> {
  const before = await personOrThrow(ctx, personId);
  const set: { role?: Role; deactivatedAt?: Date | null } = {};
  if (change.role !== undefined) set.role = change.role;
  if (change.active === false) set.deactivatedAt = before.deactivatedAt ?? ctx.now;
  if (change.active === true) set.deactivatedAt = null;
  const losesAdmin = (change.role !== undefined && change.role !== "admin") || change.active === false;
  // Runs on its own: whether it changed the row decides the answer and whether anything follows.
  const changed = await repo.updatePerson(ctx.db, ctx.orgId, personId, set, losesAdmin);
  if (changed.length === 0) {
    throw new Conflict(
      personId === actingUserId(ctx)
        ? "You are the only active admin. Make someone else an admin first, so the organisation always has one."
        : `${before.email} is the only active admin. Make someone else an admin first, so the organisation always has one.`,
    );
  }
  if (change.active === false) {
    // The session lookup already refuses deactivated people; deleting the rows and links tidies up behind it.
    const work = unitOfWork(ctx);
    await endSessions(work, personId);
    retireLinks(ctx, work, personId);
    await work.commit();
  }
  return toView(await personOrThrow(ctx, personId));
}

/** What the shell's admin:create has: no request, no organisation yet, no mailer. */
export type ShellContext = Pick<ServiceContext, "db" | "reactions"> & LinkContext & { settings: Pick<AppSettings, "maxSqlParams"> };

export type ShellAdminResult = { organisation: { id: string; name: string; created: boolean }; email: string; link: string; expiresAt: Date };

/**
 * `npm run admin:create`: an organisation of that name (created when none exists) and an admin in it, who
 * sets a password from a one-time link, since a password must never travel on a command line.
 */
export async function createAdminFromShell(
  ctx: ShellContext,
  input: { email: string; name: string | null; organisation: string; timeZone: string },
): Promise<ShellAdminResult> {
  const existing = await repo.findOrganisationsByName(ctx.db, input.organisation);
  if (existing.length > 1) throw new Conflict(`${existing.length} organisations are called "${input.organisation}"; rename one first.`);
  const work = unitOfWork(ctx);
  let organisation = existing[0] && { ...existing[0], created: false };
  if (!organisation) {
    organisation = { id: crypto.randomUUID(), name: input.organisation, created: true };
    work.add(repo.insertOrganisation(ctx.db, { id: organisation.id, name: organisation.name, timeZone: input.timeZone, createdAt: ctx.now }));
  }
  const id = await addInvited(ctx, work, { orgId: organisation.id, email: input.email, name: input.name, role: "admin", invitedBy: null });
  const link = await issueLink(ctx, work, id, "invite");
  await commitInvited(work);
  return { organisation, email: input.email, link: link.url, expiresAt: link.expiresAt };
}
