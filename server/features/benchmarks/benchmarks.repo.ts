// Queries for benchmark series and their points.
import { and, desc, eq, inArray, lte } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { benchmarkPoints, benchmarkSeries } from "../../../db/schema";

const seriesColumns = { id: benchmarkSeries.id, name: benchmarkSeries.name, kind: benchmarkSeries.kind, metric: benchmarkSeries.metric, createdAt: benchmarkSeries.createdAt };

export const listSeries = (db: Db, orgId: string) =>
  db.select(seriesColumns).from(benchmarkSeries).where(eq(benchmarkSeries.orgId, orgId)).orderBy(desc(benchmarkSeries.createdAt), desc(benchmarkSeries.id)).all();

export const findSeries = (db: Db, orgId: string, id: string) =>
  db.select(seriesColumns).from(benchmarkSeries).where(and(eq(benchmarkSeries.id, id), eq(benchmarkSeries.orgId, orgId))).get();

export const findSeriesByName = (db: Db, orgId: string, name: string, metric: string) =>
  db.select(seriesColumns).from(benchmarkSeries).where(and(eq(benchmarkSeries.orgId, orgId), eq(benchmarkSeries.name, name), eq(benchmarkSeries.metric, metric))).get();

export const seriesOfMetric = (db: Db, orgId: string, metric: string) =>
  db.select(seriesColumns).from(benchmarkSeries).where(and(eq(benchmarkSeries.orgId, orgId), eq(benchmarkSeries.metric, metric))).all();

/** Points of some series, newest first; the caller keeps the list of ids within the bound-value cap. */
export const pointsOf = (db: Db, seriesIds: string[]) =>
  seriesIds.length === 0
    ? Promise.resolve([])
    : db
        .select({ seriesId: benchmarkPoints.seriesId, asOf: benchmarkPoints.asOf, value: benchmarkPoints.value, source: benchmarkPoints.source })
        .from(benchmarkPoints)
        .where(inArray(benchmarkPoints.seriesId, seriesIds))
        .orderBy(desc(benchmarkPoints.asOf))
        .all();

export const latestPoint = (db: Db, seriesId: string, toDay: string) =>
  db
    .select({ asOf: benchmarkPoints.asOf, value: benchmarkPoints.value, source: benchmarkPoints.source })
    .from(benchmarkPoints)
    .where(and(eq(benchmarkPoints.seriesId, seriesId), lte(benchmarkPoints.asOf, toDay)))
    .orderBy(desc(benchmarkPoints.asOf))
    .limit(1)
    .get();

export const findPoint = (db: Db, seriesId: string, asOf: string) =>
  db.select({ asOf: benchmarkPoints.asOf, value: benchmarkPoints.value, source: benchmarkPoints.source }).from(benchmarkPoints).where(and(eq(benchmarkPoints.seriesId, seriesId), eq(benchmarkPoints.asOf, asOf))).get();

export const insertSeriesStatement = (db: Db, row: typeof benchmarkSeries.$inferInsert) => db.insert(benchmarkSeries).values(row);

export const upsertPointStatement = (db: Db, row: { seriesId: string; asOf: string; value: number; source: string; createdAt: Date }) =>
  db
    .insert(benchmarkPoints)
    .values(row)
    .onConflictDoUpdate({ target: [benchmarkPoints.seriesId, benchmarkPoints.asOf], set: { value: row.value, source: row.source } });

export const deletePointStatement = (db: Db, seriesId: string, asOf: string) => db.delete(benchmarkPoints).where(and(eq(benchmarkPoints.seriesId, seriesId), eq(benchmarkPoints.asOf, asOf)));
export const deletePointsStatement = (db: Db, seriesId: string) => db.delete(benchmarkPoints).where(eq(benchmarkPoints.seriesId, seriesId));
export const deleteSeriesStatement = (db: Db, orgId: string, id: string) => db.delete(benchmarkSeries).where(and(eq(benchmarkSeries.id, id), eq(benchmarkSeries.orgId, orgId)));
