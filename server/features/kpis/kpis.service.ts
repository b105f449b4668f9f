// KPIs: targets on analytics and case figures, each read for its review period through the analytics service
// and judged with its interval, so a handful of answers reads amber rather than red.
import { addDay, addMonth, localDay, startOfLocalDay, startOfQuarterOf } from "../../domain/calendar";
import { goalProblem, kpiStatus, type KpiReading, type KpiStatus } from "../../domain/kpi-status";
import { meanChange, npsChange, proportionChange, waldChange, type Interval, type NpsCounts } from "../../domain/stats";
import { Conflict, Invalid, NotFound } from "../../errors";
import { unitOfWork, actingUserId, type OrgContext } from "../../lib/service-context";
import { readStats, resolveScope, surveySummary, type SurveySummary } from "../analytics/analytics.service";
import type { Filters } from "../analytics/analytics.schemas";
import { caseFigures } from "../cases/cases.service";
import { publishedVersions } from "../surveys/surveys.service";
import { caseMetrics, type KpiInput, type KpiView } from "./kpis.schemas";
import * as repo from "./kpis.repo";

type Reader = Pick<OrgContext, "db" | "orgId" | "now">;
type Period = "month" | "quarter";
export type DayRange = { fromDay: string; toDay: string };

const NO_KPI = "No KPI with that id in your organisation.";

// ---- Periods, in the organisation's calendar; days inclusive at both ends, as the analytics filters take them.

/** The whole review period `now` falls in: its first and last day. */
export function currentPeriodOf(period: Period, now: Date, timeZone: string): DayRange {
  const today = localDay(now, timeZone);
  const fromDay = period === "month" ? `${today.slice(0, 7)}-01` : startOfQuarterOf(today);
  return { fromDay, toDay: addDay(addMonth(fromDay, period === "month" ? 1 : 3), -1) };
}

/** The review period before the one starting on `fromDay`. */
export function previousPeriodOf(period: Period, fromDay: string): DayRange {
  return { fromDay: addMonth(fromDay, period === "month" ? -1 : -3), toDay: addDay(fromDay, -1) };
}

// ---- Readings: each metric's value, interval and n, and what its change test needs.

type Basis =
  | { kind: "nps"; counts: NpsCounts }
  | { kind: "share"; k: number; n: number }
  | { kind: "mean"; prefix: string }
  | { kind: "interval"; ci95: Interval | null }
  | { kind: "untested" };
type Figure = { reading: Required<KpiReading>; basis: Basis; note?: string };
type Where = DayRange & { surveyId: string | null; unitId: string | null; channel: string | null };

const emptyReading = (): Required<KpiReading> => ({ value: null, low: null, high: null, n: 0 });
const reading = (value: number | null | undefined, ci: Interval | null | undefined, n: number): Required<KpiReading> => ({
  value: value ?? null,
  low: ci?.[0] ?? null,
  high: ci?.[1] ?? null,
  n,
});
/** k of a top-2-box percentage over n, as the summary rounded it from whole counts. */
const countOf = (pct: number | null, n: number) => (pct === null ? 0 : Math.round((pct * n) / 100));

function filtersOf(w: Where): Filters {
  return {
    ...(w.surveyId && { surveyId: w.surveyId }),
    from: w.fromDay,
    to: w.toDay,
    ...(w.unitId && { unit: [w.unitId] }),
    ...(w.channel && { channel: [w.channel] }),
  };
}

function analyticsFigure(metric: string, s: SurveySummary): Figure {
  if (metric === "nps") {
    if (!s.nps) return { reading: emptyReading(), basis: { kind: "untested" } };
    const counts = { promoters: s.nps.promoters, passives: s.nps.passives, detractors: s.nps.detractors };
    return { reading: reading(s.nps.score, s.nps.ci95, s.nps.n), basis: { kind: "nps", counts } };
  }
  const share = (pct: number | null | undefined, ci: Interval | null | undefined, n: number): Figure => ({
    reading: reading(pct, ci, n),
    basis: { kind: "share", k: countOf(pct ?? null, n), n },
  });
  const mean = (value: number | null | undefined, ci: Interval | null | undefined, n: number, prefix: string): Figure => ({
    reading: reading(value, ci, n),
    basis: { kind: "mean", prefix },
  });
  if (metric === "csat") return share(s.csat?.top2box, s.csat?.top2boxCi95, s.csat?.n ?? 0);
  if (metric === "csat-mean") return mean(s.csat?.mean, s.csat?.meanCi95, s.csat?.n ?? 0, "csat@");
  if (metric === "ces") return mean(s.ces?.mean, s.ces?.meanCi95, s.ces?.n ?? 0, "ces@");
  if (metric === "ces-agree") return share(s.ces?.agree, s.ces?.agreeCi95, s.ces?.n ?? 0);
  if (metric === "loyalty") return share(s.loyalty?.top2box, s.loyalty?.top2boxCi95, s.loyalty?.n ?? 0);
  if (metric === "response-rate") {
    return { reading: reading(s.invitations.rate, s.invitations.rateCi95, s.invitations.sent), basis: { kind: "share", k: s.invitations.responded, n: s.invitations.sent } };
  }
  if (metric === "index") return { reading: reading(s.index.value, s.index.ci95, s.index.value === null ? 0 : s.index.n), basis: { kind: "interval", ci95: s.index.ci95 } };
  const dimension = s.dimensions.find((d) => d.metric === metric);
  return dimension ? mean(dimension.mean, dimension.meanCi95, dimension.n, `${dimension.series}`) : { reading: emptyReading(), basis: { kind: "untested" } };
}

/** A case KPI's figure: the share followed up on time (a proportion, tested as one), or hours to resolve (untested). */
async function caseFigure(ctx: Reader, metric: string, w: Where): Promise<Figure> {
  const org = await repo.organisationClock(ctx.db, ctx.orgId);
  const timeZone = org?.timeZone ?? "UTC";
  const figures = await caseFigures(ctx, {
    fromAt: startOfLocalDay(w.fromDay, timeZone),
    toAt: startOfLocalDay(addDay(w.toDay, 1), timeZone),
    unitId: w.unitId,
    channel: w.channel,
    now: ctx.now,
  });
  if (metric === "case-on-time") {
    const { count, of, rate, ci95 } = figures.onTime;
    return {
      reading: reading(rate === null ? null : rate * 100, ci95 && [ci95[0] * 100, ci95[1] * 100], of),
      basis: { kind: "share", k: count, n: of },
      ...(of === 0 && { note: "No case of the period has been followed up or come due yet." }),
    };
  }
  const { median, p90, n } = figures.resolveHours;
  return { reading: reading(metric === "case-resolve-median" ? median : p90, null, n), basis: { kind: "untested" }, ...(n === 0 && { note: "No case was resolved in the period." }) };
}

/** Reads each scope's summary once, however many KPIs share it. */
class Figures {
  readonly #summaries = new Map<string, Promise<SurveySummary>>();
  constructor(readonly ctx: Reader) {}

  summary(w: Where) {
    const filters = filtersOf(w);
    const key = JSON.stringify(filters);
    let found = this.#summaries.get(key);
    if (!found) {
      found = surveySummary(this.ctx, filters);
      this.#summaries.set(key, found);
    }
    return found;
  }

  async figure(metric: string, w: Where): Promise<Figure> {
    if ((caseMetrics as readonly string[]).includes(metric)) return caseFigure(this.ctx, metric, w);
    return analyticsFigure(metric, await this.summary(w));
  }

  /** Sums of a mean metric's answers, for Welch's test; the scale with the most answers, as the summary reads it. */
  async moments(prefix: string, w: Where) {
    const scope = await resolveScope(this.ctx, filtersOf(w));
    const { groups } = await readStats(this.ctx, scope, [prefix], { day: false, dim: null });
    const totals = new Map<string, { n: number; sum: number; sumSq: number }>();
    for (const bySeries of groups.values()) {
      for (const [series, s] of bySeries) {
        if (!series.startsWith(prefix)) continue;
        const t = totals.get(series) ?? { n: 0, sum: 0, sumSq: 0 };
        t.n += s.n;
        t.sum += s.sum;
        t.sumSq += s.sumSq;
        totals.set(series, t);
      }
    }
    return [...totals.values()].sort((a, b) => b.n - a.n)[0] ?? { n: 0, sum: 0, sumSq: 0 };
  }
}

export type KpiChange = { delta: number; p: number | null; significant: boolean };

/** The change from `before` to `now`, tested at 5 % as the analytics trend tests it; null when either has no figure. */
async function changeOf(figures: Figures, before: Figure, now: Figure, where: { before: Where; now: Where }): Promise<KpiChange | null> {
  if (before.reading.value === null || now.reading.value === null || before.reading.n === 0 || now.reading.n === 0) return null;
  const delta = now.reading.value - before.reading.value;
  const tested = (c: { p: number | null; significant: boolean }): KpiChange => ({ delta, p: c.p, significant: c.significant });
  const [a, b] = [before.basis, now.basis];
  if (a.kind === "nps" && b.kind === "nps") return tested(npsChange(a.counts, b.counts));
  if (a.kind === "share" && b.kind === "share") return tested(proportionChange({ k: a.k, n: a.n }, { k: b.k, n: b.n }));
  if (a.kind === "mean" && b.kind === "mean") {
    const [m1, m2] = await Promise.all([figures.moments(a.prefix, where.before), figures.moments(b.prefix, where.now)]);
    return tested(meanChange(m1, m2));
  }
  if (a.kind === "interval" && b.kind === "interval" && a.ci95 && b.ci95) {
    const se = (ci: Interval) => (ci[1] - ci[0]) / (2 * 1.96);
    return tested(waldChange(delta, se(a.ci95) ** 2 + se(b.ci95) ** 2));
  }
  return { delta, p: null, significant: false };
}

// ---- Evaluation.

export type KpiEvaluation = {
  id: string;
  name: string;
  metric: string;
  scope: { surveyId: string | null; unitId: string | null; unitName: string | null; channel: string | null };
  target: number;
  warning: number;
  direction: "higher" | "lower";
  period: Period;
  reading: Required<KpiReading>;
  status: KpiStatus;
  reason: string;
  previous?: { reading: Required<KpiReading>; change: KpiChange | null };
};

export type EvaluateQuery = DayRange & { previous?: DayRange; unitId?: string | null; channel?: string | null; kpiIds?: string[] };

function verdict(row: repo.KpiRow, f: Figure) {
  const v = kpiStatus(f.reading, { target: row.target, warning: row.warning, direction: row.direction });
  return v.status === "no-data" && f.note ? { status: v.status, reason: f.note } : v;
}

async function evaluateRows(ctx: Reader, rows: repo.KpiRow[], q: EvaluateQuery): Promise<KpiEvaluation[]> {
  const figures = new Figures(ctx);
  // A pack for one unit or channel reads organisation-wide KPIs within it, and leaves out KPIs of another.
  const kept = rows.filter((r) => !(q.unitId && r.unitId && r.unitId !== q.unitId) && !(q.channel && r.channel && r.channel !== q.channel));
  const packUnit = q.unitId ? await repo.findUnit(ctx.db, ctx.orgId, q.unitId) : undefined;
  return Promise.all(
    kept.map(async (row) => {
      const scope = {
        surveyId: row.surveyId,
        unitId: row.unitId ?? q.unitId ?? null,
        unitName: row.unitId ? row.unitName : (packUnit?.name ?? null),
        channel: row.channel ?? q.channel ?? null,
      };
      const now: Where = { ...scope, fromDay: q.fromDay, toDay: q.toDay };
      const figure = await figures.figure(row.metric, now);
      const out: KpiEvaluation = {
        id: row.id,
        name: row.name,
        metric: row.metric,
        scope,
        target: row.target,
        warning: row.warning,
        direction: row.direction,
        period: row.period,
        reading: figure.reading,
        ...verdict(row, figure),
      };
      if (q.previous) {
        const before: Where = { ...scope, ...q.previous };
        const earlier = await figures.figure(row.metric, before);
        out.previous = { reading: earlier.reading, change: await changeOf(figures, earlier, figure, { before, now }) };
      }
      return out;
    }),
  );
}

/**
 * Every live KPI (or those of `kpiIds`) for the days `fromDay` to `toDay`, both included, in the organisation's
 * calendar, with its status and, given `previous`, the change from that period with its significance at 5 %.
 */
export async function evaluateKpis(ctx: Reader, q: EvaluateQuery): Promise<KpiEvaluation[]> {
  // An organisation has tens of KPIs: narrowing here keeps any number of ids out of the statement's bound values.
  const wanted = q.kpiIds && new Set(q.kpiIds);
  const rows = (await repo.listKpis(ctx.db, ctx.orgId)).filter((r) => !wanted || wanted.has(r.id));
  return evaluateRows(ctx, rows, q);
}

// ---- The API.

const toView = (r: repo.KpiRow): KpiView => ({
  id: r.id,
  name: r.name,
  metric: r.metric,
  scope: { surveyId: r.surveyId, unitId: r.unitId, unitName: r.unitName, channel: r.channel },
  target: r.target,
  warning: r.warning,
  direction: r.direction,
  period: r.period,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt?.toISOString() ?? null,
});

type PeriodStatus = DayRange & { reading: Required<KpiReading>; status: KpiStatus; reason: string };

/** Live KPIs with their status for the current period so far and for the last complete one. */
export async function listKpis(ctx: Reader): Promise<{ items: (KpiView & { current: PeriodStatus; last: PeriodStatus })[] }> {
  const [rows, org] = await Promise.all([repo.listKpis(ctx.db, ctx.orgId), repo.organisationClock(ctx.db, ctx.orgId)]);
  const timeZone = org?.timeZone ?? "UTC";
  const today = localDay(ctx.now, timeZone);
  const statuses = new Map<string, { current: PeriodStatus; last: PeriodStatus }>();
  const status = (e: KpiEvaluation, range: DayRange): PeriodStatus => ({ ...range, reading: e.reading, status: e.status, reason: e.reason });
  for (const period of ["month", "quarter"] as const) {
    const mine = rows.filter((r) => r.period === period);
    if (!mine.length) continue;
    const current = { ...currentPeriodOf(period, ctx.now, timeZone), toDay: today };
    const last = previousPeriodOf(period, current.fromDay);
    const [now, before] = await Promise.all([evaluateRows(ctx, mine, current), evaluateRows(ctx, mine, last)]);
    for (const [i, row] of mine.entries()) statuses.set(row.id, { current: status(now[i]!, current), last: status(before[i]!, last) });
  }
  return { items: rows.map((r) => ({ ...toView(r), ...statuses.get(r.id)! })) };
}

export async function getKpi(ctx: Reader, id: string): Promise<KpiView> {
  const row = await repo.findKpi(ctx.db, ctx.orgId, id);
  if (!row) throw new NotFound(NO_KPI);
  return toView(row);
}

const invalid = (path: string, message: string) => new Invalid(message, [{ path, message }]);

/** Checks what the schema cannot: the ids belong to the organisation, and a dimension is one some survey asks about. */
async function checkScope(ctx: Reader, input: KpiInput) {
  const problem = goalProblem(input);
  if (problem) throw invalid("/warning", problem);
  if (input.surveyId && !(await repo.findSurvey(ctx.db, ctx.orgId, input.surveyId))) throw invalid("/surveyId", "No survey with that id in your organisation; choose one of your surveys, or none for all.");
  if (input.unitId && !(await repo.findUnit(ctx.db, ctx.orgId, input.unitId))) throw invalid("/unitId", "No unit with that id in your organisation; choose one of your units, or none for the whole organisation.");
  if ((caseMetrics as readonly string[]).includes(input.metric) && input.surveyId) {
    throw invalid("/surveyId", "Case figures count the cases of every survey; leave the survey out for this metric.");
  }
  if (input.metric.startsWith("dimension:")) {
    const versions = await publishedVersions(ctx, input.surveyId ?? undefined);
    const asked = versions.some((v) => JSON.stringify(v.definition).includes(`"${input.metric}"`));
    if (!asked) {
      const name = input.metric.slice("dimension:".length);
      throw invalid("/metric", `No published survey${input.surveyId ? " of those chosen" : ""} rates the dimension “${name}”; check its spelling, or publish a survey that asks about it first.`);
    }
  }
}

/** The statements that free a name an archived KPI still holds (names are unique, archived ones included). */
async function freeName(ctx: Reader, name: string, except?: string) {
  const holder = await repo.findKpiByName(ctx.db, ctx.orgId, name);
  if (!holder || holder.id === except) return [];
  if (!holder.archivedAt) throw new Conflict(`There is already a KPI called “${name}”; choose another name.`);
  return [repo.renameArchivedStatement(ctx.db, ctx.orgId, holder.id, `${name} (archived ${holder.id.slice(0, 8)})`)];
}

const valuesOf = (input: KpiInput) => ({
  name: input.name,
  metric: input.metric,
  surveyId: input.surveyId,
  unitId: input.unitId,
  channel: input.channel,
  target: input.target,
  warning: input.warning,
  direction: input.direction,
  period: input.period,
});

export async function createKpi(ctx: OrgContext, input: KpiInput): Promise<KpiView> {
  await checkScope(ctx, input);
  const id = crypto.randomUUID();
  const freeing = await freeName(ctx, input.name);
  await unitOfWork(ctx)
    .add(...freeing, repo.insertKpiStatement(ctx.db, ctx.orgId, id, { ...valuesOf(input), createdBy: actingUserId(ctx), createdAt: ctx.now }))
    .commit();
  return getKpi(ctx, id);
}

export async function updateKpi(ctx: OrgContext, id: string, input: KpiInput): Promise<KpiView> {
  await getKpi(ctx, id);
  await checkScope(ctx, input);
  const freeing = await freeName(ctx, input.name, id);
  await unitOfWork(ctx)
    .add(...freeing, repo.updateKpiStatement(ctx.db, ctx.orgId, id, { ...valuesOf(input), updatedAt: ctx.now }))
    .commit();
  return getKpi(ctx, id);
}

/** Archives: the KPI leaves every list and pack, while packs already frozen keep their copy of it. */
export async function archiveKpi(ctx: OrgContext, id: string): Promise<void> {
  await getKpi(ctx, id);
  await unitOfWork(ctx).add(repo.updateKpiStatement(ctx.db, ctx.orgId, id, { archivedAt: ctx.now, updatedAt: ctx.now })).commit();
}
