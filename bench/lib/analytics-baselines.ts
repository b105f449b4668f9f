// The two ways of answering the dashboard without rollups: SQL GROUP BY over the raw responses, and loading every
// response in pages of 5,000 to count in JavaScript (Formbricks' approach). Both end in the same figures from the
// same statistics core as Rapport's, so only the reading differs.
import type { Client } from "@libsql/client";
import { bandsOf } from "../../server/domain/metric-roles";
import { keyDriversPairwise, mean, nps, npsChange, proportion, rankStaff, type PairMoments } from "../../server/domain/stats";

/** One survey over [from, to) in milliseconds; the benchmark's organisation counts days in UTC. */
export type BaselineScope = { surveyId: string; from: number; to: number };

/** Sufficient statistics of one series or one group: n, Σx, Σx², and the answers at the top and bottom of its scale. */
export type Moments = { n: number; sum: number; sumSq: number; hi: number; lo: number };
const zero = (): Moments => ({ n: 0, sum: 0, sumSq: 0, hi: 0, lo: 0 });
function momentsIn<K>(map: Map<K, Moments>, key: K) {
  const found = map.get(key);
  if (found) return found;
  const m = zero();
  map.set(key, m);
  return m;
}
const npsCounts = (m: Moments | undefined) => ({ promoters: m?.hi ?? 0, passives: (m?.n ?? 0) - (m?.hi ?? 0) - (m?.lo ?? 0), detractors: m?.lo ?? 0 });

/** What both baselines gather: moments by series, NPS by month, unit and staff member, and cross-products. */
export type Gathered = {
  series: Map<string, Moments>;
  byMonth: Map<string, Moments>;
  byUnit: Map<string, Moments>;
  byAgent: Map<string, Moments>;
  pairs: PairMoments[];
};
export const emptyGathered = (): Gathered => ({ series: new Map(), byMonth: new Map(), byUnit: new Map(), byAgent: new Map(), pairs: [] });

/** The dashboard's figures from gathered sums, with the statistics core: summary, trend, segments, staff, drivers. */
export function figures(g: Gathered) {
  const summary = [...g.series].map(([series, m]) => (series.startsWith("nps@") ? { series, nps: nps(npsCounts(m)) } : { series, mean: mean(m), top2box: proportion(m.hi, m.n) }));
  const months = [...g.byMonth.keys()].sort();
  const trend = months.map((month, i) => ({
    month,
    nps: nps(npsCounts(g.byMonth.get(month))),
    change: i === 0 ? null : npsChange(npsCounts(g.byMonth.get(months[i - 1]!)), npsCounts(g.byMonth.get(month))),
  }));
  const segments = [...g.byUnit].map(([unit, m]) => ({ unit, nps: nps(npsCounts(m)) }));
  const staffRows = [...g.byAgent].map(([id, m]) => ({ id, k: m.hi, n: m.n }));
  const overall = staffRows.reduce((a, r) => a + r.k, 0) / Math.max(1, staffRows.reduce((a, r) => a + r.n, 0));
  const staff = rankStaff(staffRows, { minN: 30, method: "wilson", priorMean: overall, priorStrength: 30 });
  const means = Object.fromEntries([...g.series].map(([s, m]) => [s, { n: m.n, mean: m.n ? m.sum / m.n : null }]));
  const outcome = [...g.series.keys()].find((s) => s.startsWith("nps@"));
  const drivers = outcome ? keyDriversPairwise(g.pairs, means, outcome, [...g.series.keys()].filter((s) => s.startsWith("dimension:")).sort()) : null;
  return { summary, trend, segments, staff, drivers };
}

/** The survey's rated questions: the dashboard knows them from the survey's definition. */
export type Question = { question: string; series: string };

const where = "survey_id = ? and created_at >= ? and created_at < ?";
const args = (s: BaselineScope) => [s.surveyId, s.from, s.to];
const num = (v: unknown) => Number(v ?? 0);
// Each answer is read out of the JSON once per response; the aggregates then work on plain columns.
const answersCte = (questions: Question[]) =>
  `with v as materialized (select ${questions.map((q, i) => `data ->> '${q.question.replaceAll("'", "''")}' x${i}`).join(", ")} from responses where ${where})`;
const npsBands = "count(nps) n, sum(nps >= 9) hi, sum(nps <= 6) lo";
const npsRow = (r: Record<string, unknown>): Moments => ({ n: num(r.n), sum: 0, sumSq: 0, hi: num(r.hi), lo: num(r.lo) });

/** Baseline 1: each figure by one aggregate query over the raw responses, as a careful engineer would write it. */
export const groupByQueries = {
  async summary(client: Client, s: BaselineScope, g: Gathered, questions: Question[]) {
    const columns = questions.map((q, i) => {
      const x = `x${i}`;
      const b = bandsOf(q.series);
      return `count(${x}) n${i}, sum(${x}) s${i}, sum(${x} * ${x}) q${i}, sum(${x} >= ${b.hi}) h${i}, sum(${x} <= ${b.lo}) l${i}`;
    });
    const [r] = (await client.execute({ sql: `${answersCte(questions)} select ${columns.join(", ")} from v`, args: args(s) })).rows;
    for (const [i, q] of questions.entries()) g.series.set(q.series, { n: num(r![`n${i}`]), sum: num(r![`s${i}`]), sumSq: num(r![`q${i}`]), hi: num(r![`h${i}`]), lo: num(r![`l${i}`]) });
  },
  async trend(client: Client, s: BaselineScope, g: Gathered) {
    const rows = await client.execute({ sql: `select strftime('%Y-%m', created_at / 1000, 'unixepoch') month, ${npsBands} from responses where ${where} group by 1`, args: args(s) });
    for (const r of rows.rows) g.byMonth.set(r.month as string, npsRow(r));
  },
  async segments(client: Client, s: BaselineScope, g: Gathered) {
    const rows = await client.execute({ sql: `select unit_id key, ${npsBands} from responses where ${where} group by 1`, args: args(s) });
    for (const r of rows.rows) g.byUnit.set(r.key as string, npsRow(r));
  },
  async staff(client: Client, s: BaselineScope, g: Gathered) {
    const rows = await client.execute({ sql: `select agent_id key, ${npsBands} from responses where ${where} group by 1`, args: args(s) });
    for (const r of rows.rows) g.byAgent.set(r.key as string, npsRow(r));
  },
  /** Every pair's cross-products in one pass: the columns a correlation matrix needs. */
  async drivers(client: Client, s: BaselineScope, g: Gathered, questions: Question[]) {
    const sorted = [...questions].sort((a, b) => (a.series < b.series ? -1 : 1));
    const pairs: [Question, Question][] = [];
    for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) pairs.push([sorted[i]!, sorted[j]!]);
    const columns = pairs.map(([a, b], i) => {
      const [x, y] = [`x${sorted.indexOf(a)}`, `x${sorted.indexOf(b)}`];
      return `count(${x} * ${y}) n${i}, sum(${x} + 0 * ${y}) a${i}, sum(${y} + 0 * ${x}) b${i}, sum(${x} * ${x} + 0 * ${y}) aa${i}, sum(${y} * ${y} + 0 * ${x}) bb${i}, sum(${x} * ${y}) ab${i}`;
    });
    const [r] = (await client.execute({ sql: `${answersCte(sorted)} select ${columns.join(", ")} from v`, args: args(s) })).rows;
    g.pairs = pairs.map(([a, b], i) => ({ a: a.series, b: b.series, n: num(r![`n${i}`]), sumA: num(r![`a${i}`]), sumB: num(r![`b${i}`]), sumAa: num(r![`aa${i}`]), sumBb: num(r![`bb${i}`]), sumAb: num(r![`ab${i}`]) }));
  },
};

const PAGE = 5_000;
const bands = new Map<string, { hi: number; lo: number }>();
function addAnswer(m: Moments, series: string, value: number) {
  let b = bands.get(series);
  if (!b) {
    b = bandsOf(series);
    bands.set(series, b);
  }
  m.n += 1;
  m.sum += value;
  m.sumSq += value * value;
  if (value >= b.hi) m.hi += 1;
  if (value <= b.lo) m.lo += 1;
}

/** Baseline 2: every response of the period read in pages of 5,000 (keyset, the kindest paging) and counted here. */
export async function loadEveryResponse(client: Client, s: BaselineScope): Promise<{ gathered: Gathered; responses: number }> {
  const g = emptyGathered();
  const pairs = new Map<string, PairMoments>();
  let responses = 0;
  let after = { at: s.from - 1, id: "" };
  for (;;) {
    const page = await client.execute({
      sql: `select id, created_at, unit_id, agent_id, channel, interaction_type, data, scores from responses
        where ${where} and (created_at > ? or (created_at = ? and id > ?)) order by created_at, id limit ${PAGE}`,
      args: [...args(s), after.at, after.at, after.id],
    });
    for (const r of page.rows) {
      JSON.parse(r.data as string);
      const scores = JSON.parse(r.scores as string) as { series: string; value: number }[];
      const at = Number(r.created_at);
      for (const { series, value } of scores) {
        addAnswer(momentsIn(g.series, series), series, value);
        if (series.startsWith("nps@")) {
          addAnswer(momentsIn(g.byMonth, new Date(at).toISOString().slice(0, 7)), series, value);
          addAnswer(momentsIn(g.byUnit, r.unit_id as string), series, value);
          addAnswer(momentsIn(g.byAgent, r.agent_id as string), series, value);
        }
      }
      for (let i = 0; i < scores.length; i++) {
        for (let j = 0; j < scores.length; j++) {
          const a = scores[i]!;
          const b = scores[j]!;
          if (!(a.series < b.series)) continue;
          const key = `${a.series}\u0000${b.series}`;
          let p = pairs.get(key);
          if (!p) {
            p = { a: a.series, b: b.series, n: 0, sumA: 0, sumB: 0, sumAa: 0, sumBb: 0, sumAb: 0 };
            pairs.set(key, p);
          }
          p.n += 1;
          p.sumA += a.value;
          p.sumB += b.value;
          p.sumAa += a.value * a.value;
          p.sumBb += b.value * b.value;
          p.sumAb += a.value * b.value;
        }
      }
    }
    responses += page.rows.length;
    if (page.rows.length < PAGE) break;
    const last = page.rows[page.rows.length - 1]!;
    after = { at: Number(last.created_at), id: last.id as string };
  }
  g.pairs = [...pairs.values()];
  return { gathered: g, responses };
}
