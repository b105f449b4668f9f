// Queries for the suppression list: the organisation's entries with their address and who lifted them.
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { customers, suppressions, users } from "../../../db/schema";
import { keyset } from "../../lib/pagination";
import type { SuppressionFilters } from "./suppressions.schemas";

const selectEntries = (db: Db) =>
  db
    .select({
      id: suppressions.id,
      email: customers.email,
      name: customers.name,
      reason: suppressions.reason,
      detail: suppressions.detail,
      createdAt: suppressions.createdAt,
      liftedAt: suppressions.liftedAt,
      liftReason: suppressions.liftReason,
      liftedById: users.id,
      liftedByName: users.name,
      liftedByEmail: users.email,
    })
    .from(suppressions)
    .innerJoin(customers, eq(customers.id, suppressions.customerId))
    .leftJoin(users, eq(users.id, suppressions.liftedBy));

export type EntryRow = Awaited<ReturnType<ReturnType<typeof selectEntries>["all"]>>[number];

export function listSuppressions(db: Db, orgId: string, f: SuppressionFilters) {
  const k = keyset(suppressions.createdAt, suppressions.id, f.cursor);
  return selectEntries(db)
    .where(
      and(
        eq(suppressions.orgId, orgId),
        f.status === "active" ? isNull(suppressions.liftedAt) : f.status === "lifted" ? isNotNull(suppressions.liftedAt) : undefined,
        f.reason ? eq(suppressions.reason, f.reason) : undefined,
        // instr, not like: a % or _ typed into the search is just a character.
        f.q ? sql`instr(${customers.email}, ${f.q.toLowerCase()}) > 0` : undefined,
        k.where,
      ),
    )
    .orderBy(...k.orderBy)
    .limit(f.limit + 1)
    .all();
}

export const findSuppression = (db: Db, orgId: string, id: string) =>
  selectEntries(db).where(and(eq(suppressions.orgId, orgId), eq(suppressions.id, id))).get();

export const findActiveSuppression = (db: Db, orgId: string, customerId: string) =>
  selectEntries(db).where(and(eq(suppressions.orgId, orgId), eq(suppressions.customerId, customerId), isNull(suppressions.liftedAt))).get();

/** Lifts once: lifting again keeps the first lift's time, author and reason. */
export const liftSuppression = (db: Db, orgId: string, id: string, lift: { at: Date; by: string | null; reason: string }) =>
  db
    .update(suppressions)
    .set({ liftedAt: lift.at, liftedBy: lift.by, liftReason: lift.reason })
    .where(and(eq(suppressions.orgId, orgId), eq(suppressions.id, id), isNull(suppressions.liftedAt)))
    .returning({ id: suppressions.id })
    .all();
