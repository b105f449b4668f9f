// Reads of the rollups: sums of a grain's cells over a range of periods, grouped by series and one key.
import { and, asc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { responsesInScope, scoredResponseColumns, type ResponseScope, type TimeCursor } from "./response-scan.repo";
import type { Db } from "../../../db/client";
import type { PairSums } from "./rollup-cells";
import { agents, invitationRollups, organisations, pairRollups, responses, scoreRollups, surveys, units, type PairGrain, type RollupGrain } from "../../../db/schema";

export type StatsRow = { series: string; key: string; n: number; sum: number; sumSq: number; hi: number; lo: number };
export type CountRow = { key: string; sent: number; responded: number };

/** Part of a read: a grain's periods [from, to), whose cells are added (1) or taken away (-1): see monthCover. */
export type Piece = { grain: RollupGrain; from: string; to: string; sign: 1 | -1 };

/** Which cells a read covers: its pieces, the surveys, and optionally series and segments. */
export type CellRange = {
  orgId: string;
  pieces: Piece[];
  /** The surveys read (the keys hold the survey before the period, so naming them bounds each range). Omitted: every survey. */
  surveyIds?: string[];
  /** Series names (see storedSeries). Omitted: every series. */
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
 * The series an organisation's rollups hold, all of them or those under metric prefixes ("csat@" → "csat@1-5"),
 * found by seeking from one series to the next in the key (a loose index scan): a handful of seeks, however
 * many days are stored. A read then names exact series, so each series' survey and period bound its range
 * (without them SQLite scans every series, survey and day the grain holds).
 */
export async function storedSeries(db: Db, orgId: string, prefixes?: string[]): Promise<string[]> {
  if (prefixes && !prefixes.length) return [];
  const t = scoreRollups;
  const inGrain = and(eq(t.orgId, orgId), eq(t.grain, "all/day"));
  const rows = await db.values(sql`with recursive s(series) as (
      select min(${t.series}) from ${t} where ${inGrain}
      union all
      select (select min(${t.series}) from ${t} where ${inGrain} and ${t.series} > s.series) from s where s.series is not null
    ) select series from s where series is not null`);
  const all = (rows as Cells[]).map((c) => String(c[0]));
  return prefixes ? all.filter((series) => prefixes.some((p) => series.startsWith(p))) : all;
}

// The reads below take rows as arrays (`values()`) and name their fields here.
// A libSQL row indexes its columns but is not iterable, and D1's rows are arrays: both read by index.
type Cells = { [column: number]: unknown };
const num = (v: unknown) => Number(v ?? 0);

/**
 * A read's pieces go to SQLite as one statement, each piece a branch of a UNION ALL with its sign on the sums,
 * grouped once: one statement and one row per group instead of one per piece. Pieces are split over several
 * statements only where their bound values would pass D1's limit of 100.
 */
export const MAX_BOUND_VALUES = 90;
/** The bound values of a piece besides its series, surveys and segments: organisation, grain, from and to. */
export const KEY_BOUND_VALUES = 4;

/** Runs `outer` over the UNION ALL of each piece's `branch`, in as few statements as the bound-value budget allows. */
async function signedUnion<P>(db: Db, pieces: P[], valuesPerPiece: number, branch: (p: P) => SQL, outer: (union: SQL) => SQL): Promise<Cells[]> {
  const perStatement = Math.max(1, Math.floor(MAX_BOUND_VALUES / Math.max(1, valuesPerPiece)));
  const rows: Cells[] = [];
  for (let i = 0; i < pieces.length; i += perStatement) {
    const part = pieces.slice(i, i + perStatement);
    rows.push(...((await db.values(outer(sql.join(part.map(branch), sql` union all `)))) as Cells[]));
  }
  return rows;
}
/** A column's value as a branch adds it (1) or takes it away (-1). */
const signed = (sign: 1 | -1, column: SQLiteColumn) => (sign < 0 ? sql`-${column}` : sql`${column}`);

export async function readScoreStats(db: Db, r: CellRange, group: GroupKey, length: PeriodLength = "day"): Promise<StatsRow[]> {
  const t = scoreRollups;
  const key = keyOf(t, group, length);
  const branch = (p: Piece) =>
    sql`select ${t.series} as series, ${key} as k, ${signed(p.sign, t.n)} as n, ${signed(p.sign, t.sum)} as s, ${signed(p.sign, t.sumSq)} as ss, ${signed(p.sign, t.hi)} as hi, ${signed(p.sign, t.lo)} as lo from ${t} where ${and(
      eq(t.orgId, r.orgId),
      eq(t.grain, p.grain),
      r.series ? inArray(t.series, r.series) : undefined,
      r.surveyIds ? inArray(t.surveyId, r.surveyIds) : undefined,
      gte(t.period, p.from),
      lt(t.period, p.to),
      r.segments ? inArray(t.segment, r.segments) : undefined,
    )}`;
  const perPiece = KEY_BOUND_VALUES + (r.series?.length ?? 0) + (r.surveyIds?.length ?? 0) + (r.segments?.length ?? 0);
  const rows = await signedUnion(db, r.pieces, perPiece, branch, (union) => sql`select series, k, sum(n), sum(s), sum(ss), sum(hi), sum(lo) from (${union}) group by series, k having sum(n) <> 0`);
  return rows.map((c) => ({ series: String(c[0]), key: String(c[1]), n: num(c[2]), sum: num(c[3]), sumSq: num(c[4]), hi: num(c[5]), lo: num(c[6]) }));
}

export async function readCounts(db: Db, r: Omit<CellRange, "series">, group: GroupKey, length: PeriodLength = "day"): Promise<CountRow[]> {
  const t = invitationRollups;
  const key = keyOf(t, group, length);
  const branch = (p: Piece) =>
    sql`select ${key} as k, ${signed(p.sign, t.sent)} as sent, ${signed(p.sign, t.responded)} as responded from ${t} where ${and(
      eq(t.orgId, r.orgId),
      eq(t.grain, p.grain),
      r.surveyIds ? inArray(t.surveyId, r.surveyIds) : undefined,
      gte(t.period, p.from),
      lt(t.period, p.to),
      r.segments ? inArray(t.segment, r.segments) : undefined,
    )}`;
  const perPiece = KEY_BOUND_VALUES + (r.surveyIds?.length ?? 0) + (r.segments?.length ?? 0);
  const rows = await signedUnion(db, r.pieces, perPiece, branch, (union) => sql`select k, sum(sent), sum(responded) from (${union}) group by k having sum(sent) <> 0 or sum(responded) <> 0`);
  return rows.map((c) => ({ key: String(c[0]), sent: num(c[1]), responded: num(c[2]) }));
}

export type PairPiece = { grain: PairGrain; from: string; to: string; sign: 1 | -1 };

export async function readPairs(db: Db, r: { orgId: string; pieces: PairPiece[]; surveyIds?: string[] }): Promise<PairSums[]> {
  const t = pairRollups;
  const branch = (p: PairPiece) =>
    sql`select ${t.a} as a, ${t.b} as b, ${signed(p.sign, t.n)} as n, ${signed(p.sign, t.sumA)} as sa, ${signed(p.sign, t.sumB)} as sb, ${signed(p.sign, t.sumAa)} as saa, ${signed(p.sign, t.sumBb)} as sbb, ${signed(p.sign, t.sumAb)} as sab from ${t} where ${and(
      eq(t.orgId, r.orgId),
      eq(t.grain, p.grain),
      r.surveyIds ? inArray(t.surveyId, r.surveyIds) : undefined,
      gte(t.period, p.from),
      lt(t.period, p.to),
    )}`;
  const rows = await signedUnion(db, r.pieces, KEY_BOUND_VALUES + (r.surveyIds?.length ?? 0), branch, (union) => sql`select a, b, sum(n), sum(sa), sum(sb), sum(saa), sum(sbb), sum(sab) from (${union}) group by a, b having sum(n) <> 0`);
  return rows.map((c) => ({ a: String(c[0]), b: String(c[1]), n: num(c[2]), sumA: num(c[3]), sumB: num(c[4]), sumAa: num(c[5]), sumBb: num(c[6]), sumAb: num(c[7]) }));
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
