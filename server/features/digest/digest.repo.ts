// Queries for the weekly digest: organisations and their managers, overdue cases, KPIs' last reported status, and
// the claim on each manager's week, so a digest goes out once however many ticks run.
import { and, asc, eq, inArray, lt, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../../db/client";
import { cases, digestSends, kpis, organisations, userUnits, users } from "../../../db/schema";

export const listOrganisations = (db: Db) => db.select({ id: organisations.id, name: organisations.name, timeZone: organisations.timeZone }).from(organisations).all();

/** Managers who can sign in, each with the units they manage (none: the whole organisation). */
export async function activeManagers(db: Db, orgId: string) {
  const rows = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.role, "manager"), sql`${users.deactivatedAt} is null`, ne(users.passwordHash, "")))
    .orderBy(asc(users.email))
    .all();
  const units = rows.length
    ? await db.select({ userId: userUnits.userId, unitId: userUnits.unitId }).from(userUnits).where(inArray(userUnits.userId, rows.map((r) => r.id))).all()
    : [];
  return rows.map((r) => ({ ...r, unitIds: units.filter((u) => u.userId === r.id).map((u) => u.unitId) }));
}

const owner = alias(users, "owner");

/** Open and contacted cases past their due time, oldest due first, in some units or the whole organisation. */
export const overdueCases = (db: Db, orgId: string, now: Date, unitIds: string[], limit: number) =>
  db
    .select({ id: cases.id, number: cases.number, reason: cases.reason, dueAt: cases.dueAt, ownerName: owner.name, ownerEmail: owner.email, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(cases)
    .leftJoin(owner, eq(owner.id, cases.ownerId))
    .where(and(eq(cases.orgId, orgId), inArray(cases.status, ["open", "contacted"]), lt(cases.dueAt, now), unitIds.length ? inArray(cases.unitId, unitIds) : undefined))
    .orderBy(asc(cases.dueAt))
    .limit(limit)
    .all();

export const kpiDigestStatuses = (db: Db, orgId: string) => db.select({ id: kpis.id, digestStatus: kpis.digestStatus }).from(kpis).where(eq(kpis.orgId, orgId)).all();

export const setKpiDigestStatus = (db: Db, orgId: string, id: string, status: (typeof kpis.$inferSelect)["digestStatus"]) =>
  db.update(kpis).set({ digestStatus: status }).where(and(eq(kpis.orgId, orgId), eq(kpis.id, id)));

/** Claims a manager's digest for a week; the claim is lost (no row back) when it was already made. */
export const claimDigest = (db: Db, userId: string, week: string, at: Date) =>
  db.insert(digestSends).values({ userId, week, sentAt: at }).onConflictDoNothing().returning({ userId: digestSends.userId }).all();

export const releaseDigest = (db: Db, userId: string, week: string) => db.delete(digestSends).where(and(eq(digestSends.userId, userId), eq(digestSends.week, week))).run();
