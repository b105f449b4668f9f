// Queries for the people of an organisation, and for organisations by name (the shell's admin:create); inserts
// return their statement for the caller's unit of work.
import { and, asc, eq, inArray, isNull, ne, not, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../../db/client";
import { agents, organisations, units, userUnits, users } from "../../../db/schema";
import { keyset } from "../../lib/pagination";

const inviter = alias(users, "inviter");

const personColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  hasPassword: sql<number>`${users.passwordHash} <> ''`.mapWith(Number),
  deactivatedAt: users.deactivatedAt,
  createdAt: users.createdAt,
  inviterId: inviter.id,
  inviterName: inviter.name,
  inviterEmail: inviter.email,
  agentId: users.agentId,
  agentName: agents.name,
};

export type PersonRow = {
  id: string;
  email: string;
  name: string | null;
  role: (typeof users.$inferSelect)["role"];
  hasPassword: number;
  deactivatedAt: Date | null;
  createdAt: Date;
  inviterId: string | null;
  inviterName: string | null;
  inviterEmail: string | null;
  agentId: string | null;
  agentName: string | null;
};

const selectPeople = (db: Db) =>
  db
    .select(personColumns)
    .from(users)
    // The inviter must be of the same organisation, so nothing of another one can leak through this join.
    .leftJoin(inviter, and(eq(inviter.id, users.invitedBy), eq(inviter.orgId, users.orgId)))
    .leftJoin(agents, and(eq(agents.id, users.agentId), eq(agents.orgId, users.orgId)));

export const listPeople = (db: Db, orgId: string, limit: number, cursor: Parameters<typeof keyset>[2]): Promise<PersonRow[]> => {
  const page = keyset(users.createdAt, users.id, cursor);
  return selectPeople(db)
    .where(and(eq(users.orgId, orgId), page.where))
    .orderBy(...page.orderBy)
    .limit(limit + 1)
    .all();
};

export const findPerson = (db: Db, orgId: string, id: string): Promise<PersonRow | undefined> =>
  selectPeople(db)
    .where(and(eq(users.orgId, orgId), eq(users.id, id)))
    .get();

export const findUserIdByEmail = (db: Db, email: string) => db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();

export const insertUser = (db: Db, row: typeof users.$inferInsert) => db.insert(users).values(row);

// Someone else in the organisation who is an admin, active, and able to sign in.
const anotherActiveAdmin = sql`exists (select 1 from ${users} as other where other.org_id = ${users.orgId} and other.role = 'admin' and other.deactivated_at is null and other.password_hash <> '' and other.id <> ${users.id})`;

/**
 * Changes a person. When the change would take admin rights away, the row changes only if another active
 * admin remains, checked inside the same statement, so two admins demoting each other cannot both succeed.
 */
export const updatePerson = (
  db: Db,
  orgId: string,
  id: string,
  set: { role?: (typeof users.$inferSelect)["role"]; deactivatedAt?: Date | null },
  guardLastAdmin: boolean,
) => {
  const notAnActiveAdmin: SQL | undefined = or(ne(users.role, "admin"), not(isNull(users.deactivatedAt)), eq(users.passwordHash, ""));
  return db
    .update(users)
    .set(set)
    .where(and(eq(users.orgId, orgId), eq(users.id, id), guardLastAdmin ? or(notAnActiveAdmin, anotherActiveAdmin) : undefined))
    .returning({ id: users.id })
    .all();
};

/** The units each of `userIds` manages, by name. */
export const unitsOfUsers = (db: Db, orgId: string, userIds: string[]) =>
  userIds.length === 0
    ? Promise.resolve([])
    : db
        .select({ userId: userUnits.userId, id: units.id, name: units.name })
        .from(userUnits)
        .innerJoin(units, and(eq(units.id, userUnits.unitId), eq(units.orgId, orgId)))
        .where(inArray(userUnits.userId, userIds))
        .orderBy(asc(units.name))
        .all();

export const findAgentRecord = (db: Db, orgId: string, id: string) =>
  db.select({ id: agents.id, name: agents.name }).from(agents).where(and(eq(agents.orgId, orgId), eq(agents.id, id))).get();

/** Another account already linked to this staff record, if any. */
export const findUserLinkedTo = (db: Db, orgId: string, agentId: string, exceptUserId: string) =>
  db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.agentId, agentId), ne(users.id, exceptUserId)))
    .get();

export const findUnitIds = (db: Db, orgId: string, ids: string[]) =>
  db.select({ id: units.id }).from(units).where(and(eq(units.orgId, orgId), inArray(units.id, ids))).all();

export const setAgentRecord = (db: Db, orgId: string, userId: string, agentId: string | null) =>
  db.update(users).set({ agentId }).where(and(eq(users.orgId, orgId), eq(users.id, userId)));

/** The statements giving a manager exactly `unitIds` (none: the whole organisation). */
export function replaceUserUnits(db: Db, userId: string, unitIds: string[]) {
  const insert = unitIds.length > 0 ? [db.insert(userUnits).values(unitIds.map((unitId) => ({ userId, unitId })))] : [];
  return [db.delete(userUnits).where(eq(userUnits.userId, userId)), ...insert];
}

export const findOrganisation = (db: Db, id: string) =>
  db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, id)).get();

export const findOrganisationsByName = (db: Db, name: string) =>
  db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.name, name)).orderBy(asc(organisations.createdAt)).all();

export const insertOrganisation = (db: Db, row: typeof organisations.$inferInsert) => db.insert(organisations).values(row);
