// Queries for KPIs: the organisation's targets with their unit's name, and the records a scope may name.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { kpis, organisations, surveys, units } from "../../../db/schema";

const kpiColumns = {
  id: kpis.id,
  name: kpis.name,
  metric: kpis.metric,
  surveyId: kpis.surveyId,
  unitId: kpis.unitId,
  unitName: units.name,
  channel: kpis.channel,
  target: kpis.target,
  warning: kpis.warning,
  direction: kpis.direction,
  period: kpis.period,
  createdAt: kpis.createdAt,
  updatedAt: kpis.updatedAt,
};
export type KpiRow = {
  id: string;
  name: string;
  metric: string;
  surveyId: string | null;
  unitId: string | null;
  unitName: string | null;
  channel: string | null;
  target: number;
  warning: number;
  direction: "higher" | "lower";
  period: "month" | "quarter";
  createdAt: Date;
  updatedAt: Date | null;
};

/** Live KPIs, A to Z. */
export const listKpis = (db: Db, orgId: string): Promise<KpiRow[]> =>
  db
    .select(kpiColumns)
    .from(kpis)
    .leftJoin(units, and(eq(units.id, kpis.unitId), eq(units.orgId, kpis.orgId)))
    .where(and(eq(kpis.orgId, orgId), isNull(kpis.archivedAt)))
    .orderBy(asc(kpis.name), asc(kpis.id))
    .all();

export const findKpi = (db: Db, orgId: string, id: string): Promise<KpiRow | undefined> =>
  db
    .select(kpiColumns)
    .from(kpis)
    .leftJoin(units, and(eq(units.id, kpis.unitId), eq(units.orgId, kpis.orgId)))
    .where(and(eq(kpis.id, id), eq(kpis.orgId, orgId), isNull(kpis.archivedAt)))
    .get();

/** The KPI holding a name, archived or not: the unique index covers both. */
export const findKpiByName = (db: Db, orgId: string, name: string) =>
  db
    .select({ id: kpis.id, name: kpis.name, archivedAt: kpis.archivedAt })
    .from(kpis)
    .where(and(eq(kpis.orgId, orgId), eq(kpis.name, name)))
    .get();

export type KpiValues = Omit<typeof kpis.$inferInsert, "id" | "orgId">;

export const insertKpiStatement = (db: Db, orgId: string, id: string, values: KpiValues) => db.insert(kpis).values({ ...values, id, orgId });

export const updateKpiStatement = (db: Db, orgId: string, id: string, values: Partial<KpiValues>) =>
  db
    .update(kpis)
    .set(values)
    .where(and(eq(kpis.id, id), eq(kpis.orgId, orgId), isNull(kpis.archivedAt)));

/** Frees an archived KPI's name for a new one: the unique index covers archived rows too. */
export const renameArchivedStatement = (db: Db, orgId: string, id: string, name: string) =>
  db
    .update(kpis)
    .set({ name })
    .where(and(eq(kpis.id, id), eq(kpis.orgId, orgId)));

export const organisationClock = (db: Db, orgId: string) =>
  db.select({ timeZone: organisations.timeZone, reviewPeriod: organisations.reviewPeriod }).from(organisations).where(eq(organisations.id, orgId)).get();

export const findUnit = (db: Db, orgId: string, id: string) =>
  db.select({ id: units.id, name: units.name }).from(units).where(and(eq(units.id, id), eq(units.orgId, orgId))).get();

export const findSurvey = (db: Db, orgId: string, id: string) =>
  db.select({ id: surveys.id }).from(surveys).where(and(eq(surveys.id, id), eq(surveys.orgId, orgId))).get();
