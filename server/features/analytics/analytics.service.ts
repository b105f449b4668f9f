// Analytics: rollups kept as responses are recorded, and every figure of the dashboard read from them
// through the statistics core, with its n and 95 % interval.
import { addDay, addMonth, daysBetween, localDay, monthCover, startOfQuarterOf, periodOfDay, periodsOf, startOfLocalDay, type Interval } from "../../domain/calendar";
import { DIMENSION_PREFIX, parseSeries } from "../../domain/metric-roles";
import {
  binomialCdf,
  keyDriversPairwise,
  mean,
  meanChange,
  nps,
  npsChange,
  proportion,
  proportionChange,
  rankStaff,
  satisfactionIndexWithInterval,
  waldChange,
  type IndexItem,
  type Interval as Ci,
} from "../../domain/stats";
import { NotFound } from "../../errors";
import type { DomainEvent, OrgContext, UnitOfWork } from "../../lib/service-context";
import type { RollupGrain } from "../../../db/schema";
import type { Dimension, DriversResult, Filters, MetricName, RangePreset, SegmentsResult, StaffResult, SurveySummary, TrendResult } from "./analytics.schemas";
import { addPairSums, addStats, CellAccumulator, countCells, pairSums, parseCellSegment, RESPONSES_SERIES, type PairSums, type ScoreStats, type Segment } from "./rollup-cells";
import * as rollups from "./rollups.repo";
import * as read from "./rollups-query.repo";
import { currentWeights } from "./index-weights.service";

export type { SurveySummary };
export const DEFAULT_RANGE_DAYS = 90;

/**
 * Adds a recorded response to the rollups (score statistics, cross-products, the answered count of its
 * invitation's day) in the same unit of work as the response: figures and answers commit together or not at all.
 * The cells of every response in the unit of work are merged first, so an import of many writes few upserts.
 */
export function recordScores(work: UnitOfWork, event: Extract<DomainEvent, { type: "response.recorded" }>) {
  const cells = work.gather("analytics.rollups", () => new CellAccumulator(), (acc) => [
    ...rollups.addScoreCells([...acc.scores.values()], work.maxSqlParams),
    ...rollups.addPairCells([...acc.pairs.values()], work.maxSqlParams),
    ...rollups.addCountCells([...acc.counts.values()], work.maxSqlParams),
  ]);
  cells.addResponse({ orgId: event.orgId, surveyId: event.surveyId, timeZone: event.timeZone, at: event.at, context: event.context, scores: event.scores });
  if (event.invitationSentAt) cells.addAnswered({ orgId: event.orgId, surveyId: event.surveyId, timeZone: event.timeZone, at: event.invitationSentAt, context: event.context });
}

/**
 * The statement that adds a sent invitation to the response-rate rollups; it must follow, in the same batch,
 * the update marking the invitation sent, and counts only if that update changed the row.
 */
export function invitationSentStatement(sent: { orgId: string; surveyId: string; timeZone: string; at: Date; context: Segment }) {
  return rollups.addSentCellsAfterChange(countCells(sent));
}

type Ctx = Pick<OrgContext, "db" | "orgId" | "now">;
const dimensions: Dimension[] = ["unit", "channel", "agent", "type"];

/** What a query covers, resolved: the organisation's days [from, to), the survey, and segment filters as stored keys. */
export type Scope = {
  orgId: string;
  timeZone: string;
  surveyId?: string;
  /** The survey asked for, or every survey of the organisation (see surveysRead). */
  surveyIds: string[];
  from: string;
  to: string;
  fromAt: Date;
  toAt: Date;
  filters: Partial<Record<Dimension, string[]>>;
};

/** The first day of a preset period ending on `last`, in the organisation's calendar. */
function firstDayOf(range: RangePreset, last: string): string {
  if (range === "30d") return addDay(last, -29);
  if (range === "12m") return addDay(addMonth(last, -12), 1);
  if (range === "quarter") return startOfQuarterOf(last);
  return addDay(last, -(DEFAULT_RANGE_DAYS - 1));
}

/** Resolves filters for every analytics read (and for comments and responses lists): days, survey, units and staff by id or name. */
export async function resolveScope(ctx: Ctx, q: Filters): Promise<Scope> {
  // Units and staff are read only to resolve a filter that names them: most reads name none.
  const [org, unitRows, agentRows, surveyIds] = await Promise.all([
    read.organisationZone(ctx.db, ctx.orgId),
    q.unit?.length ? read.orgUnits(ctx.db, ctx.orgId) : [],
    q.agent?.length ? read.orgAgents(ctx.db, ctx.orgId) : [],
    read.orgSurveyIds(ctx.db, ctx.orgId, q.surveyId),
  ]);
  if (q.surveyId && !surveyIds.length) throw new NotFound("No such survey.");
  const timeZone = org?.timeZone ?? "UTC";
  const dayOf = (v: string, end: boolean) => (v.length === 10 ? v : localDay(new Date(Date.parse(v) - (end ? 1 : 0)), timeZone));
  const last = q.to ? dayOf(q.to, true) : localDay(ctx.now, timeZone);
  const from = q.from ? dayOf(q.from, false) : firstDayOf(q.range ?? "90d", last);
  const to = addDay(last, 1);
  const byIdOrName = (rows: { id: string; name: string }[], wanted: string[] | undefined) => {
    if (!wanted?.length) return undefined;
    const lower = new Set(wanted.map((w) => w.toLowerCase()));
    return rows.filter((r) => wanted.includes(r.id) || lower.has(r.name.toLowerCase())).map((r) => r.id);
  };
  const filters: Scope["filters"] = {};
  const unit = byIdOrName(unitRows, q.unit);
  const agent = byIdOrName(agentRows, q.agent);
  if (unit) filters.unit = unit;
  if (agent) filters.agent = agent;
  if (q.channel?.length) filters.channel = q.channel;
  if (q.type?.length) filters.type = q.type;
  return {
    orgId: ctx.orgId,
    timeZone,
    surveyId: q.surveyId,
    surveyIds,
    from,
    to,
    fromAt: startOfLocalDay(from, timeZone),
    toAt: startOfLocalDay(to, timeZone),
    filters,
  };
}

/** The names of an organisation's units or staff, for labelling rows keyed by id. */
async function namesOf(ctx: Ctx, dim: Dimension): Promise<Map<string, string>> {
  if (dim !== "unit" && dim !== "agent") return new Map();
  const rows = dim === "unit" ? await read.orgUnits(ctx.db, ctx.orgId) : await read.orgAgents(ctx.db, ctx.orgId);
  return new Map(rows.map((r) => [r.id, r.name]));
}

const periodFields = (s: Scope) => ({ from: s.fromAt.toISOString(), to: s.toAt.toISOString(), fromDay: s.from, toDay: addDay(s.to, -1), timeZone: s.timeZone });

/** Group by period (each day, or each month when `length` says so) and/or by one dimension. */
type Want = { day: boolean; dim: Dimension | null; length?: read.PeriodLength };
/** A day ("2026-10-14") or a month key ("2026-10") as the day a period fold can place. */
const asDay = (key: string) => (key.length === 7 ? `${key}-01` : key);
type Grouped = Map<string, Map<string, ScoreStats>>;
const SEP = "\u001f";
const groupKey = (day: string | null, dim: string | null) => [day ?? "", dim ?? ""].join(SEP);

/** Splits "day␟segment" at its first separator: a cell segment holds separators of its own. */
function splitKey(key: string): [string, string] {
  const at = key.indexOf(SEP);
  return at < 0 ? [key, ""] : [key.slice(0, at), key.slice(at + 1)];
}

function addInto(map: Grouped, key: string, series: string, s: ScoreStats) {
  let bySeries = map.get(key);
  if (!bySeries) {
    bySeries = new Map();
    map.set(key, bySeries);
  }
  addSeries(bySeries, series, s);
}

function addSeries(bySeries: Map<string, ScoreStats>, series: string, s: ScoreStats) {
  const found = bySeries.get(series);
  if (found) addStats(found, s);
  else bySeries.set(series, { n: s.n, sum: s.sum, sumSq: s.sumSq, hi: s.hi, lo: s.lo });
}

/** The dimensions kept by month too: whole months of a range are read from these (see monthCover). */
const monthGrains: Partial<Record<Dimension, RollupGrain>> = { unit: "unit/month", agent: "agent/month" };
/** Which cells a read takes, how the database groups them, and each group's key here (null: filtered out). */
type Plan = { pieces: read.Piece[]; segments?: string[]; group: read.GroupKey; length: read.PeriodLength; keyOf: (rowKey: string) => string | null; grain: string };

/**
 * The smallest grain covering a scope's filters and the grouping asked for: all/day with neither; one
 * dimension's grain when one is involved (units and staff, read without days or by month, take whole months from
 * their month grain and the edges from their day grain: see monthCover); the all-dimension cell grain when
 * several are, filtered and grouped here.
 */
function planReads(scope: Scope, want: Want): Plan {
  const length = want.length ?? "day";
  const range = { from: scope.from, to: scope.to };
  const involved = new Set<Dimension>(dimensions.filter((d) => scope.filters[d]?.length));
  if (want.dim) involved.add(want.dim);
  if (involved.size === 0) {
    return { pieces: [{ grain: "all/day", ...range, sign: 1 }], group: want.day ? "period" : "none", length, keyOf: (k) => groupKey(want.day ? k : null, null), grain: "all/day" };
  }
  if (involved.size === 1) {
    const [dim] = [...involved] as [Dimension];
    const segments = scope.filters[dim];
    const group: read.GroupKey = want.day && want.dim ? "cell" : want.day ? "period" : want.dim ? "segment" : "none";
    const keyOf = (k: string) => (group === "cell" ? groupKey(...splitKey(k)) : group === "period" ? groupKey(k, null) : group === "segment" ? groupKey(null, k) : groupKey(null, null));
    const monthGrain = monthGrains[dim];
    if (monthGrain && (!want.day || length === "month")) {
      const pieces = monthCover(scope.from, scope.to).map((p): read.Piece => ({ grain: p.length === "month" ? monthGrain : `${dim}/day`, from: p.from, to: p.to, sign: p.sign }));
      if (pieces.some((p) => p.grain === monthGrain)) return { pieces, segments, group, length, keyOf, grain: `${monthGrain}+${dim}/day` };
    }
    return { pieces: [{ grain: `${dim}/day`, ...range, sign: 1 }], segments, group, length, keyOf, grain: `${dim}/day` };
  }
  const keyOf = (k: string) => {
    const [day, segment] = splitKey(k);
    const cell = parseCellSegment(segment);
    const values: Record<Dimension, string> = { unit: cell.unitId, channel: cell.channel, agent: cell.agentId, type: cell.interactionType };
    if (dimensions.some((d) => scope.filters[d] && !scope.filters[d].includes(values[d]))) return null;
    return groupKey(want.day ? day : null, want.dim ? values[want.dim] : null);
  };
  return { pieces: [{ grain: "cell/day", ...range, sign: 1 }], group: "cell", length, keyOf, grain: "cell/day" };
}

const MAX_NAMED_SURVEYS = 20;

/**
 * The surveys a rollup read names: the one asked for, or all of the organisation's while few enough to name
 * within D1's 100 bound values a statement (past that, the read takes every survey the organisation's cells hold).
 */
const surveysRead = (scope: Scope) => (scope.surveyId || scope.surveyIds.length <= MAX_NAMED_SURVEYS ? scope.surveyIds : undefined);

/** Sums score statistics over the scope, grouped as asked (see planReads). */
export async function readStats(ctx: Ctx, scope: Scope, wanted: string[] | undefined, want: Want): Promise<{ groups: Grouped; grain: string }> {
  const stored = wanted
    ? [...wanted.filter((s) => !s.endsWith("@")), ...(await read.storedSeries(ctx.db, scope.orgId, wanted.filter((s) => s.endsWith("@"))))]
    : await read.storedSeries(ctx.db, scope.orgId);
  if (stored.length === 0) return { groups: new Map(), grain: "none" };
  const plan = planReads(scope, want);
  const surveyIds = surveysRead(scope);
  // Series are named even when all are wanted (see storedSeries), unless their bound values, beside the key's
  // others, would pass what one statement may carry: then the read takes every series of the grain.
  const room = read.MAX_BOUND_VALUES - read.KEY_BOUND_VALUES - (surveyIds?.length ?? 0) - (plan.segments?.length ?? 0);
  const series = wanted || stored.length <= room ? stored : undefined;
  const groups: Grouped = new Map();
  const rows = await read.readScoreStats(ctx.db, { orgId: scope.orgId, surveyIds, series, pieces: plan.pieces, segments: plan.segments }, plan.group, plan.length);
  for (const r of rows) {
    const key = plan.keyOf(r.key);
    if (key !== null) addInto(groups, key, r.series, r);
  }
  // SQLite drops the groups a month less its days outside the range leaves at n = 0; pieces split over several
  // statements can still cancel here. Such a cell was never read, as far as every figure is concerned.
  for (const [key, bySeries] of groups) {
    for (const [series, st] of bySeries) if (st.n === 0) bySeries.delete(series);
    if (bySeries.size === 0) groups.delete(key);
  }
  return { groups, grain: plan.grain };
}

/** The same for invitations sent and answered (the response rate), by the day they were sent. */
async function readRate(ctx: Ctx, scope: Scope, want: Want): Promise<Map<string, { sent: number; responded: number }>> {
  const plan = planReads(scope, want);
  const out = new Map<string, { sent: number; responded: number }>();
  const rows = await read.readCounts(ctx.db, { orgId: scope.orgId, surveyIds: surveysRead(scope), pieces: plan.pieces, segments: plan.segments }, plan.group, plan.length);
  for (const r of rows) {
    const key = plan.keyOf(r.key);
    if (key === null) continue;
    const f = out.get(key) ?? { sent: 0, responded: 0 };
    f.sent += r.sent;
    f.responded += r.responded;
    out.set(key, f);
  }
  for (const [key, f] of out) if (f.sent === 0 && f.responded === 0) out.delete(key);
  return out;
}

// ---- Metrics: what each name reads and how its value, interval and change come from the statistics core.

type Estimate = { value: number | null; n: number; ci95: Ci | null };
const none: ScoreStats = { n: 0, sum: 0, sumSq: 0, hi: 0, lo: 0 };

/** The series prefix a metric reads, or null for index and response-rate. */
function metricPrefix(metric: MetricName): string | null {
  if (metric === "index" || metric === "response-rate") return null;
  const role = metric === "csat-mean" ? "csat" : metric === "ces-agree" ? "ces" : metric;
  return `${role}@`;
}

/** Of several scales one metric was asked on, the one with the most answers in the scope. */
function pickSeries(groups: Grouped, prefix: string): string | null {
  const totals = new Map<string, number>();
  for (const bySeries of groups.values()) for (const [s, st] of bySeries) if (s.startsWith(prefix)) totals.set(s, (totals.get(s) ?? 0) + st.n);
  let best: string | null = null;
  for (const [s, n] of totals) if (best === null || n > totals.get(best)!) best = s;
  return best;
}

type Kind = "nps" | "mean" | "share";
const kindOf = (metric: MetricName): Kind => (metric === "nps" ? "nps" : metric === "csat" || metric === "ces-agree" || metric === "loyalty" || metric === "response-rate" ? "share" : "mean");

function estimate(kind: Kind, s: ScoreStats): Estimate {
  if (kind === "nps") {
    const r = nps({ promoters: s.hi, passives: s.n - s.hi - s.lo, detractors: s.lo });
    return { value: r.score, n: r.n, ci95: r.ci95 };
  }
  if (kind === "share") {
    const r = proportion(s.hi, s.n);
    return { value: r.pct, n: r.n, ci95: r.ci95 };
  }
  const r = mean({ n: s.n, sum: s.sum, sumSq: s.sumSq });
  return { value: r.mean, n: r.n, ci95: r.ci95 };
}

function significantChange(kind: Kind, a: ScoreStats, b: ScoreStats): "up" | "down" | "flat" | null {
  if (a.n === 0 || b.n === 0) return null;
  const c =
    kind === "nps"
      ? npsChange({ promoters: a.hi, passives: a.n - a.hi - a.lo, detractors: a.lo }, { promoters: b.hi, passives: b.n - b.hi - b.lo, detractors: b.lo })
      : kind === "share"
        ? proportionChange({ k: a.hi, n: a.n }, { k: b.hi, n: b.n })
        : meanChange({ n: a.n, sum: a.sum, sumSq: a.sumSq }, { n: b.n, sum: b.sum, sumSq: b.sumSq });
  if (c.diff === null) return null;
  return !c.significant ? "flat" : c.diff > 0 ? "up" : "down";
}

/** The index's items for a set of stats, under the weights in force. */
function indexItems(bySeries: Map<string, ScoreStats>, weights: Record<string, number>): { items: IndexItem[]; missing: string[] } {
  const items: IndexItem[] = [];
  const missing: string[] = [];
  const asGroups: Grouped = new Map([["", bySeries]]);
  for (const [role, weight] of Object.entries(weights)) {
    if (weight <= 0) continue;
    const series = pickSeries(asGroups, `${role}@`);
    const scale = series ? parseSeries(series) : null;
    const s = series ? bySeries.get(series)! : none;
    if (!series || !scale || s.n === 0) {
      missing.push(role);
      continue;
    }
    items.push({ moments: { n: s.n, sum: s.sum, sumSq: s.sumSq }, scaleMin: scale.min, scaleMax: scale.max, weight });
  }
  return { items, missing };
}

function indexEstimate(bySeries: Map<string, ScoreStats> | undefined, weights: Record<string, number>): Estimate & { missing: string[] } {
  const { items, missing } = indexItems(bySeries ?? new Map(), weights);
  if (missing.length || items.length === 0) return { value: null, n: items.length ? Math.min(...items.map((i) => i.moments.n)) : 0, ci95: null, missing };
  return { ...satisfactionIndexWithInterval(items), missing };
}

/** Equal weights on the fixed roles answered in the scope when an admin has set none. */
function defaultWeights(groups: Grouped): Record<string, number> {
  const roles = new Set<string>();
  for (const bySeries of groups.values()) for (const [s, st] of bySeries) if (st.n > 0 && /^(nps|csat|ces|loyalty)@/.test(s)) roles.add(s.split("@")[0]!);
  return Object.fromEntries([...roles].sort().map((r) => [r, 1]));
}

async function weightsFor(ctx: Ctx, groups: Grouped) {
  const current = await currentWeights(ctx);
  return current ? { version: current.version, weights: current.weights } : { version: 0, weights: defaultWeights(groups) };
}

// ---- Endpoints.

export async function surveySummary(ctx: Ctx, q: Filters): Promise<SurveySummary> {
  const scope = await resolveScope(ctx, q);
  const [{ groups }, rates] = await Promise.all([readStats(ctx, scope, undefined, { day: false, dim: null }), readRate(ctx, scope, { day: false, dim: null })]);
  const all = groups.get(groupKey(null, null)) ?? new Map<string, ScoreStats>();
  const inv = rates.get(groupKey(null, null)) ?? { sent: 0, responded: 0 };
  const statsOf = (prefix: string) => {
    const series = pickSeries(groups, prefix);
    return series ? { series, s: all.get(series)! } : null;
  };
  const meanOf = (s: ScoreStats) => mean({ n: s.n, sum: s.sum, sumSq: s.sumSq });
  const npsStats = statsOf("nps@");
  const n = npsStats ? nps({ promoters: npsStats.s.hi, passives: npsStats.s.n - npsStats.s.hi - npsStats.s.lo, detractors: npsStats.s.lo }) : null;
  const boxAndMean = (prefix: string) => {
    const found = statsOf(prefix);
    if (!found || found.s.n === 0) return null;
    const box = proportion(found.s.hi, found.s.n);
    const m = meanOf(found.s);
    return { top2box: box.pct, top2boxCi95: box.ci95, mean: m.mean, meanCi95: m.ci95, n: found.s.n };
  };
  const ces = statsOf("ces@");
  const cesMean = ces ? meanOf(ces.s) : null;
  const cesAgree = ces ? proportion(ces.s.hi, ces.s.n) : null;
  const rate = proportion(inv.responded, inv.sent);
  const responses = all.get(RESPONSES_SERIES)?.n ?? 0;
  const dimensionSeries = [...all.keys()].filter((s) => s.startsWith(DIMENSION_PREFIX) && all.get(s)!.n > 0).sort();
  const { version, weights } = await weightsFor(ctx, groups);
  const index = indexEstimate(all, weights);
  return {
    surveyId: q.surveyId ?? null,
    ...periodFields(scope),
    responses,
    invitations: { sent: inv.sent, responded: inv.responded, rate: rate.pct, rateCi95: rate.ci95 },
    note: countsNote(responses, inv),
    nps: n && n.n > 0 ? { score: n.score, promoters: n.promoters, passives: n.passives, detractors: n.detractors, n: n.n, ci95: n.ci95 } : null,
    csat: boxAndMean("csat@"),
    ces: ces && ces.s.n > 0 ? { mean: cesMean!.mean, meanCi95: cesMean!.ci95, agree: cesAgree!.pct, agreeCi95: cesAgree!.ci95, n: ces.s.n } : null,
    loyalty: boxAndMean("loyalty@"),
    dimensions: dimensionSeries.map((series) => {
      const s = all.get(series)!;
      const scale = parseSeries(series)!;
      const m = meanOf(s);
      return { metric: scale.metric, name: scale.metric.slice(DIMENSION_PREFIX.length), series, scale: { min: scale.min, max: scale.max }, mean: m.mean, meanCi95: m.ci95, top2box: proportion(s.hi, s.n).pct, n: s.n };
    }),
    index: { value: index.value, ci95: index.ci95, n: index.n, weightsVersion: version, missing: index.missing },
  };
}

function countsNote(responses: number, inv: { sent: number; responded: number }): string | null {
  if (responses > inv.sent && inv.sent > 0) {
    return `${responses} responses but ${inv.sent} invitations sent: responses count by the day they were given, invitations by the day they were sent, and imported responses had no invitation.`;
  }
  if (inv.sent === 0 && responses > 0) return "No invitations were sent in this period: these responses answer earlier invitations or were imported.";
  if (inv.responded > responses) return `${inv.responded} of the invitations sent in this period were answered, some of them after it ended, so the response count is lower.`;
  return null;
}

function foldPeriods(interval: Interval, from: string, to: string) {
  const periods = periodsOf(interval, from, to);
  return { periods, periodOf: (day: string) => periodOfDay(interval, day) };
}

export async function metricTrend(ctx: Ctx, q: Filters & { metric: MetricName; interval: Interval }): Promise<TrendResult> {
  const scope = await resolveScope(ctx, q);
  const { periods, periodOf } = foldPeriods(q.interval, scope.from, scope.to);
  // Months and quarters are whole months, so the rollups can sum each month before it leaves the database.
  const length: read.PeriodLength = q.interval === "month" || q.interval === "quarter" ? "month" : "day";
  const base = { metric: q.metric, interval: q.interval, ...periodFields(scope) };
  const point = (p: (typeof periods)[number], e: Estimate, change: "up" | "down" | "flat" | null) => ({ period: p.period, from: p.from, to: addDay(p.to, -1), value: e.value, n: e.n, ci95: e.ci95, change });

  if (q.metric === "response-rate") {
    const byDay = await readRate(ctx, scope, { day: true, dim: null, length });
    const per = new Map<string, ScoreStats>();
    for (const [key, r] of byDay) {
      const p = periodOf(asDay(splitKey(key)[0]));
      const f = per.get(p) ?? { ...none };
      f.n += r.sent;
      f.hi += r.responded;
      per.set(p, f);
    }
    return { ...base, series: null, points: chain(periods, (p) => per.get(p.period) ?? none, "share", point) };
  }
  const prefix = metricPrefix(q.metric);
  const { groups } = await readStats(ctx, scope, prefix ? [prefix] : undefined, { day: true, dim: null, length });
  const perPeriod = new Map<string, Map<string, ScoreStats>>();
  for (const [key, bySeries] of groups) {
    const p = periodOf(asDay(splitKey(key)[0]));
    for (const [s, st] of bySeries) addInto(perPeriod, p, s, st);
  }
  if (q.metric === "index") {
    const { weights } = await weightsFor(ctx, groups);
    let previous: (Estimate & { missing: string[] }) | null = null;
    const points = periods.map((p) => {
      const e = indexEstimate(perPeriod.get(p.period), weights);
      const change = indexChange(previous, e);
      previous = e;
      return point(p, e, change);
    });
    return { ...base, series: null, points };
  }
  const series = pickSeries(groups, prefix!);
  const kind = kindOf(q.metric);
  return { ...base, series, points: chain(periods, (p) => (series && perPeriod.get(p.period)?.get(series)) || none, kind, point) };
}

function chain<P, R>(periods: P[], stats: (p: P) => ScoreStats, kind: Kind, point: (p: P, e: Estimate, c: "up" | "down" | "flat" | null) => R): R[] {
  let previous: ScoreStats | null = null;
  return periods.map((p) => {
    const s = stats(p);
    const r = point(p, estimate(kind, s), previous ? significantChange(kind, previous, s) : null);
    previous = s;
    return r;
  });
}

function indexChange(a: Estimate | null, b: Estimate): "up" | "down" | "flat" | null {
  if (!a || a.value === null || b.value === null || !a.ci95 || !b.ci95) return null;
  const se = (ci: Ci) => (ci[1] - ci[0]) / (2 * 1.96);
  const c = waldChange(b.value - a.value, se(a.ci95) ** 2 + se(b.ci95) ** 2);
  return !c.significant ? "flat" : c.diff! > 0 ? "up" : "down";
}

const labelOf = (names: Map<string, string>, by: Dimension, key: string) => {
  if (key === "") return by === "unit" ? "No unit" : by === "agent" ? "No staff member" : by === "channel" ? "No channel" : "No type";
  return names.get(key) ?? key;
};

export async function segmentTable(ctx: Ctx, q: Filters & { metric: MetricName; by: Dimension; minN: number }): Promise<SegmentsResult> {
  const [scope, names] = await Promise.all([resolveScope(ctx, q), namesOf(ctx, q.by)]);
  const sparkInterval: Interval = daysBetween(scope.from, scope.to) <= 92 ? "week" : "month";
  const { periods, periodOf } = foldPeriods(sparkInterval, scope.from, scope.to);
  const length: read.PeriodLength = sparkInterval === "month" ? "month" : "day";
  const perSegment = new Map<string, Grouped>();
  const fold = (segment: string, day: string, series: string, s: ScoreStats) => {
    let g = perSegment.get(segment);
    if (!g) {
      g = new Map();
      perSegment.set(segment, g);
    }
    addInto(g, periodOf(asDay(day)), series, s);
  };
  let kind: Kind;
  let series: string | null;
  let weights: Record<string, number> = {};
  if (q.metric === "response-rate") {
    kind = "share";
    series = "rate";
    for (const [key, r] of await readRate(ctx, scope, { day: true, dim: q.by, length })) {
      const [day, seg] = splitKey(key);
      fold(seg, day, "rate", { n: r.sent, sum: 0, sumSq: 0, hi: r.responded, lo: 0 });
    }
  } else {
    const prefix = metricPrefix(q.metric);
    const { groups } = await readStats(ctx, scope, prefix ? [prefix] : undefined, { day: true, dim: q.by, length });
    for (const [key, bySeries] of groups) {
      const [day, seg] = splitKey(key);
      for (const [s, st] of bySeries) fold(seg, day, s, st);
    }
    kind = kindOf(q.metric);
    series = prefix ? pickSeries(groups, prefix) : null;
    if (q.metric === "index") weights = (await weightsFor(ctx, groups)).weights;
  }
  const estimateOf = (bySeries: Map<string, ScoreStats> | undefined): Estimate =>
    q.metric === "index" ? indexEstimate(bySeries, weights) : estimate(kind, (series && bySeries?.get(series)) || none);
  const rows = [...perSegment].map(([key, perPeriod]) => {
    const total = new Map<string, ScoreStats>();
    for (const bySeries of perPeriod.values()) for (const [s, st] of bySeries) addSeries(total, s, st);
    const e = estimateOf(total);
    return {
      key,
      label: labelOf(names, q.by, key),
      value: e.value,
      n: e.n,
      ci95: e.ci95,
      belowMinN: e.n < q.minN,
      spark: periods.map((p) => {
        const pe = estimateOf(perPeriod.get(p.period));
        return { period: p.period, value: pe.value, n: pe.n };
      }),
    };
  });
  rows.sort((a, b) => Number(a.belowMinN) - Number(b.belowMinN) || (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.label.localeCompare(b.label));
  return { metric: q.metric, by: q.by, minN: q.minN, ...periodFields(scope), sparkInterval, rows };
}

const basisOf: Record<string, string> = {
  nps: "promoters (9–10)",
  csat: "satisfied answers (4–5)",
  "csat-mean": "satisfied answers (4–5)",
  ces: "“easy” answers (5–7)",
  "ces-agree": "“easy” answers (5–7)",
  loyalty: "top-2-box answers",
};

export async function staffTable(ctx: Ctx, q: Filters & { metric: MetricName; minN: number; method: "wilson" | "bayes" }): Promise<StaffResult> {
  const [scope, names] = await Promise.all([resolveScope(ctx, q), namesOf(ctx, "agent")]);
  const prefix = metricPrefix(q.metric) ?? "nps@";
  const { groups } = await readStats(ctx, scope, [prefix], { day: false, dim: "agent" });
  const series = pickSeries(groups, prefix);
  const kind = q.metric === "index" || q.metric === "response-rate" ? "nps" : kindOf(q.metric);
  const rows = [...groups]
    .map(([key, bySeries]) => ({ id: splitKey(key)[1], s: (series && bySeries.get(series)) || none }))
    .filter((r) => r.id !== "" && r.s.n > 0)
    .map((r) => ({ id: r.id, k: r.s.hi, n: r.s.n, s: r.s }));
  const totalK = rows.reduce((a, r) => a + r.k, 0);
  const totalN = rows.reduce((a, r) => a + r.n, 0);
  const overall = totalN ? totalK / totalN : null;
  const ranking = rankStaff(rows, { minN: q.minN, method: q.method, priorMean: overall ?? 0.5, priorStrength: q.minN });
  const agent = (id: string) => ({ id, name: names.get(id) ?? id });
  return {
    metric: q.metric,
    method: q.method,
    minN: q.minN,
    ...periodFields(scope),
    basis: basisOf[q.metric] ?? "top-2-box answers",
    overallRate: overall === null ? null : overall * 100,
    ranked: ranking.ranked.map((r) => {
      const e = estimate(kind, r.s);
      return {
        rank: r.rank,
        agent: agent(r.id),
        value: e.value,
        n: r.n,
        ci95: e.ci95,
        rate: r.rate * 100,
        score: r.score * 100,
        chanceIfFair: overall !== null && r.rate < overall ? binomialCdf(r.k, r.n, overall) : null,
      };
    }),
    notEnoughAnswers: ranking.notEnoughAnswers.map((r) => ({ agent: agent(r.id), n: r.n })).sort((a, b) => b.n - a.n || a.agent.name.localeCompare(b.agent.name)),
  };
}

export async function keyDriverTable(ctx: Ctx, q: Filters & { outcome: string }): Promise<DriversResult> {
  const scope = await resolveScope(ctx, q);
  const filtered = dimensions.some((d) => scope.filters[d]?.length);
  const [{ groups }, pairs] = await Promise.all([
    readStats(ctx, scope, undefined, { day: false, dim: null }),
    filtered ? pairsFromResponses(ctx, scope) : pairsFromRollups(ctx, scope),
  ]);
  const all = groups.get(groupKey(null, null)) ?? new Map<string, ScoreStats>();
  const outcome = pickSeries(groups, `${q.outcome}@`);
  const drivers = [...all.keys()].filter((s) => s.startsWith(DIMENSION_PREFIX) && all.get(s)!.n > 0).sort();
  const means = Object.fromEntries([...all].map(([s, st]) => [s, { n: st.n, mean: st.n ? st.sum / st.n : null }]));
  const result = outcome ? keyDriversPairwise(pairs, means, outcome, drivers) : { drivers: [], r2: null };
  return {
    outcome: q.outcome,
    ...periodFields(scope),
    r2: result.r2,
    n: outcome ? (all.get(outcome)?.n ?? 0) : 0,
    drivers: result.drivers.map((d) => {
      const scale = parseSeries(d.name)!;
      return {
        metric: scale.metric,
        name: scale.metric.slice(DIMENSION_PREFIX.length),
        importance: d.importance,
        performance: d.performance,
        scale: { min: scale.min, max: scale.max },
        relativeWeight: d.relativeWeight,
        quadrant: d.quadrant,
        n: all.get(d.name)?.n ?? 0,
      };
    }),
  };
}

/** Cross-products over a scope's days: whole months from the month cells, the edges from the day cells. */
async function pairsFromRollups(ctx: Ctx, scope: Scope): Promise<PairSums[]> {
  const pieces = monthCover(scope.from, scope.to).map((p) => ({ grain: p.length, from: p.from, to: p.to, sign: p.sign }));
  return read.readPairs(ctx.db, { orgId: scope.orgId, surveyIds: surveysRead(scope), pieces });
}

/** Cross-products for a scope with segment filters, which the pair rollups do not split by: read from the responses. */
async function pairsFromResponses(ctx: Ctx, scope: Scope): Promise<PairSums[]> {
  const sums = new Map<string, PairSums>();
  for await (const page of read.scoredResponses(ctx.db, scope)) {
    for (const r of page) {
      for (const p of pairSums(r.scores)) {
        const key = `${p.a}${SEP}${p.b}`;
        const found = sums.get(key);
        if (found) addPairSums(found, p);
        else sums.set(key, p);
      }
    }
  }
  return [...sums.values()];
}

/** What the dashboard's filters can offer: units and staff on record, channels and types answers came with. */
export async function filterOptions(ctx: Pick<OrgContext, "db" | "orgId">) {
  const [unitRows, agentRows, channels, types] = await Promise.all([
    read.orgUnits(ctx.db, ctx.orgId),
    read.orgAgents(ctx.db, ctx.orgId),
    read.seenSegments(ctx.db, ctx.orgId, "channel/day"),
    read.seenSegments(ctx.db, ctx.orgId, "type/day"),
  ]);
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const values = (rows: { value: string }[]) => rows.map((r) => r.value).filter((v) => v !== "").sort();
  return { units: unitRows.sort(byName), agents: agentRows.sort(byName), channels: values(channels), types: values(types) };
}
