// Reads of the rollups: sums of a grain's cells over a range of periods, grouped by series and one key.
import { and, asc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { responsesInScope, scoredResponseColumns, type ResponseScope, type TimeCursor } from "./response-scan.repo";
import type { Db } from "../../../db/client";
import { agents, invitationRollups, organisations, pairRollups, responses, scoreRollups, surveys, units, type PairGrain, type RollupGrain } from "../../../db/schema";

export type StatsRow = { series: string; key: string; n: number; sum: number; sumSq: number; hi: number; lo: number };
export type CountRow = { key: string; sent: number; responded: number };

/** Which cells a read covers: a grain, its periods [from, to) and optionally surveys, series and segments. */
export type CellRange = {
  orgId: string;
  grain: RollupGrain;
  from: string;
  to: string;
  /** The surveys read: one, or every survey of the organisation (the keys hold the survey before the period). */
  surveyIds: string[];
  /** Series names, or prefixes ending in "@" (every scale of a metric). Omitted: every series. */
  series?: string[];
  segments?: string[];
};
export type GroupKey = "none" | "period" | "segment" | "cell";
/** Group by the day as stored, or by its month ("2026-10"): a year of days by unit comes back as 12 × units rows. */
export type PeriodLength = "day" | "month";

const periodKey = (col: SQLiteColumn, length: PeriodLength) => (length === "month" ? sql<string>`substr(${col}, 1, 7)` : sql<string>`${col}`);
function keyOf(t: { period: SQLiteColumn; segment: SQLiteColumn }, group: GroupKey, length: PeriodLength) {
  if (group === "period") return periodKey(t.period, length);
  if (group === "segment") return sql<string>`${t.segment}`;
  if (group === "cell") return sql<string>`${periodKey(t.period, length)} || char(31) || ${t.segment}`;
  return sql<string>`''`;
}

/**
 * The series stored under metric prefixes ("csat@" → "csat@1-5"): a read then names exact series, so the key's
 * period can bound its range (a prefix range on series leaves SQLite scanning every period).
 */
export async function seriesWithPrefixes(db: Db, orgId: string, prefixes: string[]): Promise<string[]> {
  if (!prefixes.length) return [];
  const rows = await db
    .selectDistinct({ series: scoreRollups.series })
    .from(scoreRollups)
    .where(and(eq(scoreRollups.orgId, orgId), eq(scoreRollups.grain, "all/day"), seriesFilter(prefixes)))
    .all();
  return rows.map((r) => r.series);
}

function seriesFilter(series: string[] | undefined): SQL | undefined {
  if (!series) return undefined;
  const exact = series.filter((s) => !s.endsWith("@"));
  // Every scale of a metric sits together in the key: "csat@" ≤ "csat@1-5" < "csatA".
  const prefixes = series.filter((s) => s.endsWith("@")).map((p) => and(gte(scoreRollups.series, p), lt(scoreRollups.series, `${p.slice(0, -1)}A`)));
  return or(...(exact.length ? [inArray(scoreRollups.series, exact)] : []), ...prefixes);
}

// The reads below take rows as arrays (`values()`) and name their fields here: drizzle's mapping of named
// fields cost more than SQLite's work on a year of cells.
// A libSQL row indexes its columns but is not iterable, and D1's rows are arrays: both read by index.
type Cells = { [column: number]: unknown };
const num = (v: unknown) => Number(v ?? 0);

export async function readScoreStats(db: Db, r: CellRange, group: GroupKey, length: PeriodLength = "day"): Promise<StatsRow[]> {
  const key = keyOf(scoreRollups, group, length);
  const rows = await db
    .select({
      series: scoreRollups.series,
      key: sql<string>`${key}`,
      n: sql<number>`sum(${scoreRollups.n})`,
      sum: sql<number>`sum(${scoreRollups.sum})`,
      sumSq: sql<number>`sum(${scoreRollups.sumSq})`,
      hi: sql<number>`sum(${scoreRollups.hi})`,
      lo: sql<number>`sum(${scoreRollups.lo})`,
    })
    .from(scoreRollups)
    .where(
      and(
        eq(scoreRollups.orgId, r.orgId),
        eq(scoreRollups.grain, r.grain),
        seriesFilter(r.series),
        gte(scoreRollups.period, r.from),
        lt(scoreRollups.period, r.to),
        inArray(scoreRollups.surveyId, r.surveyIds),
        r.segments ? inArray(scoreRollups.segment, r.segments) : undefined,
      ),
    )
    .groupBy(scoreRollups.series, key)
    .values();
  return (rows as Cells[]).map((c) => ({ series: String(c[0]), key: String(c[1]), n: num(c[2]), sum: num(c[3]), sumSq: num(c[4]), hi: num(c[5]), lo: num(c[6]) }));
}

export async function readCounts(db: Db, r: Omit<CellRange, "series">, group: GroupKey, length: PeriodLength = "day"): Promise<CountRow[]> {
  const t = invitationRollups;
  const key = keyOf(t, group, length);
  const rows = await db
    .select({ key: sql<string>`${key}`, sent: sql<number>`sum(${t.sent})`, responded: sql<number>`sum(${t.responded})` })
    .from(t)
    .where(
      and(
        eq(t.orgId, r.orgId),
        eq(t.grain, r.grain),
        gte(t.period, r.from),
        lt(t.period, r.to),
        inArray(t.surveyId, r.surveyIds),
        r.segments ? inArray(t.segment, r.segments) : undefined,
      ),
    )
    .groupBy(key)
    .values();
  return (rows as Cells[]).map((c) => ({ key: String(c[0]), sent: num(c[1]), responded: num(c[2]) }));
}

export async function readPairs(db: Db, r: { orgId: string; grain: PairGrain; from: string; to: string; surveyIds: string[] }) {
  const t = pairRollups;
  const rows = await db
    .select({
      a: t.a,
      b: t.b,
      n: sql<number>`sum(${t.n})`,
      sumA: sql<number>`sum(${t.sumA})`,
      sumB: sql<number>`sum(${t.sumB})`,
      sumAa: sql<number>`sum(${t.sumAa})`,
      sumBb: sql<number>`sum(${t.sumBb})`,
      sumAb: sql<number>`sum(${t.sumAb})`,
    })
    .from(t)
    .where(and(eq(t.orgId, r.orgId), eq(t.grain, r.grain), inArray(t.surveyId, r.surveyIds), gte(t.period, r.from), lt(t.period, r.to)))
    .groupBy(t.a, t.b)
    .values();
  return (rows as Cells[]).map((c) => ({ a: String(c[0]), b: String(c[1]), n: num(c[2]), sumA: num(c[3]), sumB: num(c[4]), sumAa: num(c[5]), sumBb: num(c[6]), sumAb: num(c[7]) }));
}

export const organisationZone = (db: Db, orgId: string) => db.select({ timeZone: organisations.timeZone }).from(organisations).where(eq(organisations.id, orgId)).get();

/** The organisation's surveys: the one asked for (none when it is another organisation's), or all. */
export const orgSurveyIds = async (db: Db, orgId: string, surveyId?: string) =>
  (
    await db
      .select({ id: surveys.id })
      .from(surveys)
      .where(and(eq(surveys.orgId, orgId), surveyId ? eq(surveys.id, surveyId) : undefined))
      .all()
  ).map((r) => r.id);

/** Units or agents of an organisation matching ids or names, and every name for labels. */
export const orgUnits = (db: Db, orgId: string) => db.select({ id: units.id, name: units.name }).from(units).where(eq(units.orgId, orgId)).all();
export const orgAgents = (db: Db, orgId: string) => db.select({ id: agents.id, name: agents.name }).from(agents).where(eq(agents.orgId, orgId)).all();

function scoredResponsesPage(db: Db, scope: ResponseScope, after: TimeCursor, limit: number) {
  return db.select(scoredResponseColumns).from(responses).where(responsesInScope(scope, after)).orderBy(asc(responses.createdAt), asc(responses.id)).limit(limit).all();
}

/** The scored answers of responses in a scope with segment filters, a page at a time in time order. */
export async function* scoredResponses(db: Db, scope: ResponseScope, pageSize = 5_000) {
  let after: TimeCursor = null;
  for (;;) {
    const page = await scoredResponsesPage(db, scope, after, pageSize);
    if (page.length) yield page;
    const last = page[page.length - 1];
    if (!last || page.length < pageSize) return;
    after = { at: last.createdAt, id: last.id };
  }
}

/** The channels or interaction types answers have come with (the rollups keep one segment per value). */
export const seenSegments = (db: Db, orgId: string, grain: "channel/day" | "type/day") =>
  db
    .selectDistinct({ value: scoreRollups.segment })
    .from(scoreRollups)
    .where(and(eq(scoreRollups.orgId, orgId), eq(scoreRollups.grain, grain), eq(scoreRollups.series, "*responses")))
    .all();
