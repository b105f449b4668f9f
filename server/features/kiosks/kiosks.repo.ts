// Queries for units' counter kiosks: which survey each shows under which slug.
import { and, asc, eq, gt, isNotNull, or } from "drizzle-orm";
import { insertStatements, type Db } from "../../../db/client";
import { organisations, responses, surveys, units } from "../../../db/schema";

const kioskColumns = { id: units.id, unitName: units.name, slug: units.kioskSlug, surveyId: units.kioskSurveyId, surveyTitle: surveys.title };

/** Units with their kiosk, by name A to Z; `after` is the last unit of the previous page. */
export const listKiosks = (db: Db, orgId: string, after: { name: string; id: string } | undefined, limit: number) =>
  db
    .select(kioskColumns)
    .from(units)
    .leftJoin(surveys, and(eq(surveys.id, units.kioskSurveyId), eq(surveys.orgId, units.orgId)))
    .where(and(eq(units.orgId, orgId), after && or(gt(units.name, after.name), and(eq(units.name, after.name), gt(units.id, after.id)))))
    .orderBy(asc(units.name), asc(units.id))
    .limit(limit + 1)
    .all();

export const findKiosk = (db: Db, orgId: string, unitId: string) =>
  db
    .select(kioskColumns)
    .from(units)
    .leftJoin(surveys, and(eq(surveys.id, units.kioskSurveyId), eq(surveys.orgId, units.orgId)))
    .where(and(eq(units.id, unitId), eq(units.orgId, orgId)))
    .get();

export const updateKiosk = (db: Db, orgId: string, unitId: string, values: { kioskSlug: string | null; kioskSurveyId: string | null }) =>
  db
    .update(units)
    .set(values)
    .where(and(eq(units.id, unitId), eq(units.orgId, orgId)))
    .returning({ id: units.id })
    .get();

/** An open kiosk by its slug, whatever the organisation (the slug names none), with what a response needs. */
export const findOpenKiosk = (db: Db, slug: string) =>
  db
    .select({ unitId: units.id, unitName: units.name, orgId: units.orgId, surveyId: units.kioskSurveyId, timeZone: organisations.timeZone })
    .from(units)
    .innerJoin(organisations, eq(organisations.id, units.orgId))
    .where(and(eq(units.kioskSlug, slug), isNotNull(units.kioskSurveyId)))
    .get();

export const insertResponseStatement = (row: typeof responses.$inferInsert) => insertStatements(responses, [row])[0]!;
