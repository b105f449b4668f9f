// The people of an organisation: list, invite, resend an invitation, change role, deactivate and reactivate.
import type { Role } from "../../../db/schema";
import type { AppSettings } from "../../config";
import { Conflict, Invalid, NotFound, Unauthorized } from "../../errors";
import { isUniqueViolation } from "../../lib/db-errors";
import { toPage, type Page, type PageRequest } from "../../lib/pagination";
import { actingUserId, unitOfWork, type OrgContext, type ServiceContext, type UnitOfWork } from "../../lib/service-context";
import { endSessions } from "../auth/auth.service";
import { emailLink, issueLink, retireLinks, type Delivery, type IssuedLink, type LinkContext } from "../accounts/accounts.service";
import type { PersonStatus, PersonView } from "./people.schemas";
import * as repo from "./people.repo";

type Reader = Pick<OrgContext, "db" | "orgId">;

export const EMAIL_TAKEN = "That address already has a Rapport account.";

type UnitName = { id: string; name: string };

function toView(row: repo.PersonRow, managed: UnitName[] = []): PersonView {
  const status: PersonStatus = row.deactivatedAt ? "deactivated" : row.hasPassword ? "active" : "invited";
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status,
    createdAt: row.createdAt.toISOString(),
    invitedBy: row.inviterId ? { id: row.inviterId, name: row.inviterName, email: row.inviterEmail ?? "" } : null,
    agent: row.agentId && row.agentName ? { id: row.agentId, name: row.agentName } : null,
    units: managed,
  };
}

async function withUnits(ctx: Reader, rows: repo.PersonRow[]) {
  const managed = new Map<string, UnitName[]>();
  for (const u of await repo.unitsOfUsers(ctx.db, ctx.orgId, rows.map((r) => r.id))) managed.set(u.userId, [...(managed.get(u.userId) ?? []), { id: u.id, name: u.name }]);
  return (row: repo.PersonRow) => toView(row, managed.get(row.id));
}

async function viewOf(ctx: Reader, row: repo.PersonRow) {
  return (await withUnits(ctx, [row]))(row);
}

export async function listPeople(ctx: Reader, page: PageRequest): Promise<Page<PersonView>> {
  const rows = await repo.listPeople(ctx.db, ctx.orgId, page.limit, page.cursor);
  return toPage(rows, page.limit, (r) => ({ at: r.createdAt.getTime(), id: r.id }), await withUnits(ctx, rows));
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
  const view = await viewOf(ctx, person);
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

/** Checks a staff-record link and a manager's units against the person's role (after any change of role). */
async function scopeChanges(ctx: OrgContext, before: repo.PersonRow, change: PersonChange) {
  const role = change.role ?? before.role;
  const statements = [];
  if (change.agentId !== undefined) {
    if (change.agentId !== null) {
      if (role !== "agent") throw new Invalid("Only an agent is linked to a staff record. Make them an agent first.", [{ path: "/agentId", message: "Only an agent is linked to a staff record." }]);
      if (!(await repo.findAgentRecord(ctx.db, ctx.orgId, change.agentId))) {
        throw new Invalid("There is no such staff record in your organisation.", [{ path: "/agentId", message: "Choose one of your organisation's staff records." }]);
      }
      const taken = await repo.findUserLinkedTo(ctx.db, ctx.orgId, change.agentId, before.id);
      if (taken) throw new Conflict(`That staff record is already linked to ${taken.email}. Unlink it there first.`);
    }
    statements.push(repo.setAgentRecord(ctx.db, ctx.orgId, before.id, change.agentId));
  }
  if (change.unitIds !== undefined) {
    const wanted = [...new Set(change.unitIds)];
    if (wanted.length > 0 && role !== "manager") throw new Invalid("Only a manager is given units.", [{ path: "/unitIds", message: "Only a manager is given units." }]);
    const found = new Set((await repo.findUnitIds(ctx.db, ctx.orgId, wanted)).map((u) => u.id));
    const unknown = wanted.findIndex((id) => !found.has(id));
    if (unknown >= 0) throw new Invalid("One of those units is not in your organisation.", [{ path: `/unitIds/${change.unitIds.indexOf(wanted[unknown]!)}`, message: "Choose one of your organisation's units." }]);
    statements.push(...repo.replaceUserUnits(ctx.db, before.id, wanted));
  }
  // A new role drops what only the old one used: an agent's staff record, a manager's units.
  if (change.role !== undefined && change.role !== "agent" && change.agentId === undefined && before.agentId) statements.push(repo.setAgentRecord(ctx.db, ctx.orgId, before.id, null));
  if (change.role !== undefined && change.role !== "manager" && change.unitIds === undefined) statements.push(...repo.replaceUserUnits(ctx.db, before.id, []));
  return statements;
}

type PersonChange = { role?: Role; active?: boolean; agentId?: string | null; unitIds?: string[] };

export async function updatePerson(ctx: OrgContext, personId: string, change: PersonChange): Promise<PersonView> {
  const before = await personOrThrow(ctx, personId);
  const scoped = await scopeChanges(ctx, before, change);
  const set: { role?: Role; deactivatedAt?: Date | null } = {};
  if (change.role !== undefined) set.role = change.role;
  if (change.active === false) set.deactivatedAt = before.deactivatedAt ?? ctx.now;
  if (change.active === true) set.deactivatedAt = null;
  const losesAdmin = (change.role !== undefined && change.role !== "admin") || change.active === false;
  // Runs on its own: whether it changed the row decides the answer and whether anything follows.
  const changed = Object.keys(set).length > 0 ? await repo.updatePerson(ctx.db, ctx.orgId, personId, set, losesAdmin) : [{ id: personId }];
  if (changed.length === 0) {
    throw new Conflict(
      personId === actingUserId(ctx)
        ? "You are the only active admin. Make someone else an admin first, so the organisation always has one."
        : `${before.email} is the only active admin. Make someone else an admin first, so the organisation always has one.`,
    );
  }
  if (scoped.length > 0) await unitOfWork(ctx).add(...scoped).commit();
  if (change.active === false) {
    // The session lookup already refuses deactivated people; deleting the rows and links tidies up behind it.
    const work = unitOfWork(ctx);
    await endSessions(work, personId);
    retireLinks(ctx, work, personId);
    await work.commit();
  }
  return viewOf(ctx, await personOrThrow(ctx, personId));
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
