// What one response adds to each rollup grain: pure, so the live write and the rebuild share it exactly.
import { localDay, monthOf } from "../../domain/calendar";
import { bandsOf } from "../../domain/metric-roles";
import type { PairGrain, RollupGrain } from "../../../db/schema";

export type Segment = { unitId: string | null; agentId: string | null; channel: string | null; interactionType: string | null };
export type ScoredResponse = {
  orgId: string;
  surveyId: string;
  timeZone: string;
  at: Date;
  context: Segment;
  scores: readonly { series: string; value: number }[];
};

/** n, Σx, Σx², and the answers at the top and bottom of the scale (see scoreRollups). */
export type ScoreStats = { n: number; sum: number; sumSq: number; hi: number; lo: number };
export type ScoreCell = { orgId: string; grain: RollupGrain; series: string; period: string; surveyId: string; segment: string } & ScoreStats;
/** Sums of two series answered together (a < b): n, Σa, Σb, Σa², Σb², Σab, what a correlation needs. */
export type PairSums = { a: string; b: string; n: number; sumA: number; sumB: number; sumAa: number; sumBb: number; sumAb: number };
export type PairCell = { orgId: string; grain: PairGrain; period: string; surveyId: string } & PairSums;
export type CountCell = { orgId: string; grain: RollupGrain; period: string; surveyId: string; segment: string };

/** Joins the four dimensions of a `cell` grain segment. */
export const CELL_SEPARATOR = "\u001f";
export const cellSegment = (s: Segment) => [s.unitId ?? "", s.channel ?? "", s.agentId ?? "", s.interactionType ?? ""].join(CELL_SEPARATOR);
export function parseCellSegment(segment: string): { unitId: string; channel: string; agentId: string; interactionType: string } {
  const [unitId = "", channel = "", agentId = "", interactionType = ""] = segment.split(CELL_SEPARATOR);
  return { unitId, channel, agentId, interactionType };
}

/** Each grain's period and the segment it keeps ("" where a response has no value for the dimension). */
export const grainSpecs: Record<RollupGrain, { month: boolean; segment: (s: Segment) => string }> = {
  "all/day": { month: false, segment: () => "" },
  "unit/day": { month: false, segment: (s) => s.unitId ?? "" },
  "unit/month": { month: true, segment: (s) => s.unitId ?? "" },
  "channel/day": { month: false, segment: (s) => s.channel ?? "" },
  "type/day": { month: false, segment: (s) => s.interactionType ?? "" },
  "agent/day": { month: false, segment: (s) => s.agentId ?? "" },
  "agent/month": { month: true, segment: (s) => s.agentId ?? "" },
  "cell/day": { month: false, segment: cellSegment },
};
export const grains = Object.keys(grainSpecs) as RollupGrain[];

/**
 * Not a metric: every response adds one to this series, scored or not, so the count of responses by period and
 * segment is read from the same rollups as the figures beside it.
 */
export const RESPONSES_SERIES = "*responses";

const bands = new Map<string, { hi: number; lo: number }>();
/** What one answer adds to a cell. */
export function statsOf(series: string, value: number): ScoreStats {
  if (series === RESPONSES_SERIES) return { n: 1, sum: 0, sumSq: 0, hi: 0, lo: 0 };
  if (!Number.isInteger(value)) throw new RangeError(`A rated answer must be a whole number, got ${value}`);
  let b = bands.get(series);
  if (!b) {
    b = bandsOf(series);
    bands.set(series, b);
  }
  return { n: 1, sum: value, sumSq: value * value, hi: value >= b.hi ? 1 : 0, lo: value <= b.lo ? 1 : 0 };
}

export function addStats(into: ScoreStats, s: ScoreStats) {
  into.n += s.n;
  into.sum += s.sum;
  into.sumSq += s.sumSq;
  into.hi += s.hi;
  into.lo += s.lo;
}

const SEP = "\u0000";

/** Each grain's period and segment for a response on a day: worked out once per response, not per answer. */
function placesOf(day: string, context: Segment) {
  const month = monthOf(day);
  return grains.map((grain) => ({ grain, period: grainSpecs[grain].month ? month : day, segment: grainSpecs[grain].segment(context) }));
}

/** Score cells: one per grain and series; two answers of one series in a response add to one cell. */
export function scoreCells(r: ScoredResponse): ScoreCell[] {
  const places = placesOf(localDay(r.at, r.timeZone), r.context);
  const cells = new Map<string, ScoreCell>();
  for (const { series, value } of [{ series: RESPONSES_SERIES, value: 0 }, ...r.scores]) {
    const stats = statsOf(series, value);
    for (const { grain, period, segment } of places) {
      const key = grain + SEP + series;
      const found = cells.get(key);
      if (found) addStats(found, stats);
      else cells.set(key, { orgId: r.orgId, grain, series, period, surveyId: r.surveyId, segment, ...stats });
    }
  }
  return [...cells.values()];
}

/** Each series' value in a response: the mean when several questions of one series were answered. */
function seriesValues(scores: readonly { series: string; value: number }[]): [string, number][] {
  const acc = new Map<string, { sum: number; n: number }>();
  for (const { series, value } of scores) {
    const a = acc.get(series) ?? { sum: 0, n: 0 };
    acc.set(series, { sum: a.sum + value, n: a.n + 1 });
  }
  return [...acc].map(([s, a]): [string, number] => [s, a.sum / a.n]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** One response's sums for every pair of series it answered. */
export function pairSums(scores: readonly { series: string; value: number }[]): PairSums[] {
  const values = seriesValues(scores);
  const out: PairSums[] = [];
  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      const [a, x] = values[i]!;
      const [b, y] = values[j]!;
      out.push({ a, b, n: 1, sumA: x, sumB: y, sumAa: x * x, sumBb: y * y, sumAb: x * y });
    }
  }
  return out;
}

export function addPairSums(into: PairSums, p: PairSums) {
  into.n += p.n;
  into.sumA += p.sumA;
  into.sumB += p.sumB;
  into.sumAa += p.sumAa;
  into.sumBb += p.sumBb;
  into.sumAb += p.sumAb;
}

/** Cross-product cells for every pair of series answered together, on the response's day and in its month. */
export function pairCells(r: ScoredResponse): PairCell[] {
  const day = localDay(r.at, r.timeZone);
  const month = monthOf(day);
  return pairSums(r.scores).flatMap((sums): PairCell[] => [
    { orgId: r.orgId, grain: "day", period: day, surveyId: r.surveyId, ...sums },
    { orgId: r.orgId, grain: "month", period: month, surveyId: r.surveyId, ...sums },
  ]);
}

/** Count cells (an invitation sent, or answered) at every grain, for the day it was sent. */
export function countCells(r: { orgId: string; surveyId: string; timeZone: string; at: Date; context: Segment }): CountCell[] {
  return placesOf(localDay(r.at, r.timeZone), r.context).map((p) => ({ orgId: r.orgId, surveyId: r.surveyId, ...p }));
}

/** Adds responses' cells up in memory, keyed like the tables' primary keys: the rebuild's rollup. */
export class CellAccumulator {
  readonly scores = new Map<string, ScoreCell>();
  readonly pairs = new Map<string, PairCell>();
  readonly counts = new Map<string, CountCell & { sent: number; responded: number }>();
  addResponse(r: ScoredResponse) {
    for (const c of scoreCells(r)) {
      const key = c.orgId + SEP + c.grain + SEP + c.series + SEP + c.period + SEP + c.surveyId + SEP + c.segment;
      const found = this.scores.get(key);
      if (found) addStats(found, c);
      else this.scores.set(key, c);
    }
    for (const p of pairCells(r)) {
      const key = p.orgId + SEP + p.grain + SEP + p.period + SEP + p.surveyId + SEP + p.a + SEP + p.b;
      const found = this.pairs.get(key);
      if (found) addPairSums(found, p);
      else this.pairs.set(key, p);
    }
  }
  /** A sent invitation (the rebuild), answered or not. */
  addInvitation(r: Parameters<typeof countCells>[0], responded: boolean) {
    this.#count(r, 1, responded ? 1 : 0);
  }
  /** An answer to an invitation sent earlier (the live write): its sending was counted then. */
  addAnswered(r: Parameters<typeof countCells>[0]) {
    this.#count(r, 0, 1);
  }
  #count(r: Parameters<typeof countCells>[0], sent: number, responded: number) {
    for (const c of countCells(r)) {
      const key = c.orgId + SEP + c.grain + SEP + c.period + SEP + c.surveyId + SEP + c.segment;
      const found = this.counts.get(key);
      if (found) {
        found.sent += sent;
        found.responded += responded;
      } else this.counts.set(key, { ...c, sent, responded });
    }
  }
}
