// Queries for the organisation's contact rules and its units' time zones.
import { and, asc, eq, gt, or } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { organisations, units } from "../../../db/schema";

export const findContactRules = (db: Db, orgId: string) =>
  db
    .select({
      timeZone: organisations.timeZone,
      contactGapDays: organisations.contactGapDays,
      quietStartMinute: organisations.quietStartMinute,
      quietEndMinute: organisations.quietEndMinute,
    })
    .from(organisations)
    .where(eq(organisations.id, orgId))
    .get();

export const updateContactRules = (db: Db, orgId: string, values: { contactGapDays: number; quietStartMinute: number | null; quietEndMinute: number | null }) =>
  db.update(organisations).set(values).where(eq(organisations.id, orgId)).run();

/** Units by name, A to Z; `after` is the last unit of the previous page. */
export const listUnits = (db: Db, orgId: string, after: { name: string; id: string } | undefined, limit: number) =>
  db
    .select({ id: units.id, name: units.name, timeZone: units.timeZone })
    .from(units)
    .where(and(eq(units.orgId, orgId), after && or(gt(units.name, after.name), and(eq(units.name, after.name), gt(units.id, after.id)))))
    .orderBy(asc(units.name), asc(units.id))
    .limit(limit + 1)
    .all();

export const updateUnitZone = (db: Db, orgId: string, unitId: string, timeZone: string | null) =>
  db
    .update(units)
    .set({ timeZone })
    .where(and(eq(units.id, unitId), eq(units.orgId, orgId)))
    .returning({ id: units.id, name: units.name, timeZone: units.timeZone })
    .get();
