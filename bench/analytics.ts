// npm run bench:analytics: the dashboard's queries read from rollups, beside SQL GROUP BY over the raw responses and
// loading every response, on a generated year of responses; then the same dashboard on a larger database.
// Env: BENCH_RESPONSES (default 1,000,000), BENCH_RESPONSES_LARGE (default 2,000,000; 0 skips), BENCH_RUNS (100),
// BENCH_BASELINE_RUNS (5), BENCH_KEEP=1 keeps the databases. Prints figures and ratios, never asserts. A p50 over
// 100 dashboards (about 2 s) rides out the shared machine's bursts better than one over 20; the baselines take
// seconds a run, so 5 of them.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getHeapStatistics } from "node:v8";
import type { Client } from "@libsql/client";
import type { Db } from "../db/client";
import { openLibsql } from "../db/libsql";
import { migrateLibsql } from "../db/migrate";
import { addDay, localDay } from "../server/domain/calendar";
import { keyDriverTable, metricTrend, readStats, resolveScope, segmentTable, staffTable, surveySummary } from "../server/features/analytics/analytics.service";
import { rebuildRollups } from "../server/features/analytics/rollups.service";
import { emptyGathered, figures, groupByQueries, loadEveryResponse, type BaselineScope } from "./lib/analytics-baselines";
import { createDataset, type BenchDataset } from "./lib/analytics-data";

// The load-every-response baseline holds a year of responses in memory: re-run with a larger heap than Node's default.
if (getHeapStatistics().heap_size_limit < 8 * 1024 ** 3 && !process.env.BENCH_CHILD) {
  const child = spawnSync(process.execPath, ["--max-old-space-size=8192", "--expose-gc", "--import", "tsx", process.argv[1]!], { stdio: "inherit", env: { ...process.env, BENCH_CHILD: "1" } });
  process.exit(child.status ?? 1);
}

const SIZE = Number(process.env.BENCH_RESPONSES ?? 1_000_000);
const LARGE = Number(process.env.BENCH_RESPONSES_LARGE ?? 2_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? 5);
const now = new Date();

const log = (line: string) => console.log(line);
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};
const fmt = (n: number) => n.toLocaleString("en");

type Timings = Record<string, number[]>;
async function timed(into: Timings, name: string, fn: () => Promise<unknown>) {
  const t = performance.now();
  await fn();
  into[name] = [...(into[name] ?? []), performance.now() - t];
}

async function openDatabase(dir: string, name: string) {
  const file = join(dir, name);
  const db = await openLibsql(`file:${file}`);
  await migrateLibsql(db, "db/migrations");
  // The same generous page cache (1 GB) for every approach: the baselines are not made to read from disk.
  await client(db).execute("PRAGMA cache_size = -1048576");
  return { db, file };
}
const client = (db: Db) => (db as unknown as { $client: Client }).$client;

async function build(dir: string, name: string, count: number) {
  const { db, file } = await openDatabase(dir, name);
  log(`\nGenerating ${fmt(count)} responses over 12 months (20 units, 200 staff, 3 channels, 3 types, 3 surveys; NPS, CSAT, CES, loyalty, 6 dimensions) into ${file}`);
  let t = performance.now();
  const data = await createDataset(db, count, now, log);
  const generation = (performance.now() - t) / 1000;
  log(`Rebuilding rollups (npm run db:rollups does the same)…`);
  t = performance.now();
  let lastLog = 0;
  const result = await rebuildRollups(
    { db, maxSqlParams: 32_000 },
    {
      orgId: data.orgId,
      onProgress: (p) => {
        // One line about every half a million cells written: a month's cells are written at once.
        if (p.phase === "writing" && p.done - lastLog >= 500_000) {
          lastLog = p.done;
          log(`  ${fmt(p.done)} cells written, up to ${p.month} (${((performance.now() - t) / 1000).toFixed(0)} s)`);
        }
      },
    },
  );
  const rebuild = (performance.now() - t) / 1000;
  log(`Generated in ${generation.toFixed(0)} s; rollups rebuilt in ${rebuild.toFixed(1)} s (${fmt(result.cells)} cells).`);
  return { db, file, data, generation, rebuild };
}

async function rollupSizes(db: Db, file: string) {
  const c = client(db);
  const grains = await c.execute("select grain, count(*) n from score_rollups group by grain order by grain");
  const pairs = await c.execute("select count(*) n from pair_rollups");
  const counts = await c.execute("select count(*) n from invitation_rollups");
  await c.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  const size = statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
  log("Rollup rows by grain (score_rollups):");
  for (const r of grains.rows) log(`  ${String(r.grain).padEnd(12)} ${fmt(Number(r.n)).padStart(11)}`);
  log(`  pair_rollups ${fmt(Number(pairs.rows[0]!.n)).padStart(11)}   invitation_rollups ${fmt(Number(counts.rows[0]!.n))}`);
  log(`Database file: ${(size / 1024 ** 2).toFixed(0)} MB`);
}

/** The dashboard over the main survey's last 12 months: summary, monthly NPS trend, NPS by unit, staff, drivers. */
function dashboard(db: Db, data: BenchDataset) {
  const ctx = { db, orgId: data.orgId, now };
  const to = localDay(new Date(now.getTime() - 1), "UTC");
  const q = { surveyId: data.mainSurveyId, from: addDay(to, -364), to };
  return {
    ctx,
    q,
    queries: {
      summary: () => surveySummary(ctx, q),
      trend: () => metricTrend(ctx, { ...q, metric: "nps", interval: "month" }),
      segments: () => segmentTable(ctx, { ...q, metric: "nps", by: "unit", minN: 30 }),
      staff: () => staffTable(ctx, { ...q, metric: "nps", minN: 30, method: "wilson" }),
      drivers: () => keyDriverTable(ctx, { ...q, outcome: "nps" }),
    },
  };
}

/**
 * Collects the garbage a million generated rows left behind before anything is timed, so no approach pays for
 * the generator's heap: a server answering the dashboard would not carry it.
 */
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

async function rapportRuns(db: Db, data: BenchDataset, runs: number) {
  const { queries } = dashboard(db, data);
  const t: Timings = {};
  collectGarbage();
  for (const fn of Object.values(queries)) await fn();
  for (let i = 0; i < runs; i++) {
    await timed(t, "dashboard", async () => {
      for (const [name, fn] of Object.entries(queries)) await timed(t, name, fn);
    });
  }
  return t;
}

async function grainsUsed(db: Db, data: BenchDataset) {
  const { ctx, q } = dashboard(db, data);
  const scope = await resolveScope(ctx, q);
  const grainOf = async (series: string[] | undefined, want: Parameters<typeof readStats>[3]) => (await readStats(ctx, scope, series, want)).grain;
  return {
    summary: await grainOf(undefined, { day: false, dim: null }),
    trend: await grainOf(["nps@"], { day: true, dim: null }),
    // By unit with monthly sparklines, as segmentTable asks over a year.
    segments: await grainOf(["nps@"], { day: true, dim: "unit", length: "month" }),
    staff: await grainOf(["nps@"], { day: false, dim: "agent" }),
    drivers: `${await grainOf(undefined, { day: false, dim: null })} + pair_rollups`,
  };
}

async function baselineScope(db: Db, data: BenchDataset): Promise<BaselineScope> {
  const { ctx, q } = dashboard(db, data);
  const scope = await resolveScope(ctx, q);
  return { surveyId: data.mainSurveyId, from: scope.fromAt.getTime(), to: scope.toAt.getTime() };
}

async function groupByRuns(db: Db, data: BenchDataset, scope: BaselineScope, runs: number) {
  const t: Timings = {};
  collectGarbage();
  let result: ReturnType<typeof figures> | undefined;
  for (let i = 0; i < runs; i++) {
    await timed(t, "dashboard", async () => {
      const g = emptyGathered();
      for (const [name, fn] of Object.entries(groupByQueries)) await timed(t, name, () => fn(client(db), scope, g, data.mainQuestions));
      result = figures(g);
    });
    if (i === 0) log(`  GROUP BY run 1: ${ms(t.dashboard![0]!)} ms`);
  }
  return { t, result: result! };
}

async function loadAllRuns(db: Db, scope: BaselineScope, runs: number) {
  const t: Timings = {};
  collectGarbage();
  let result: ReturnType<typeof figures> | undefined;
  let responses = 0;
  for (let i = 0; i < runs; i++) {
    await timed(t, "dashboard", async () => {
      const loaded = await loadEveryResponse(client(db), scope);
      responses = loaded.responses;
      result = figures(loaded.gathered);
    });
    if (i === 0) log(`  load-all run 1: ${ms(t.dashboard![0]!)} ms over ${fmt(responses)} responses`);
  }
  return { t, result: result!, responses };
}

const line = (label: string, xs: number[] | undefined) => (xs ? `  ${label.padEnd(34)} p50 ${ms(quantile(xs, 0.5)).padStart(8)} ms   p95 ${ms(quantile(xs, 0.95)).padStart(8)} ms   (${xs.length} runs)` : "");

const dir = mkdtempSync(join(tmpdir(), "rapport-bench-analytics-"));
try {
  const main = await build(dir, "analytics-1.db", SIZE);
  await rollupSizes(main.db, main.file);
  const grains = await grainsUsed(main.db, main.data);
  log(`\nMeasuring the dashboard on the main survey (${Math.round(main.data.surveys[0]!.share * 100)} % of responses), last 12 months…`);
  const rapport = await rapportRuns(main.db, main.data, RUNS);
  const scope = await baselineScope(main.db, main.data);
  const p50 = (xs: number[]) => quantile(xs, 0.5);
  const p95 = (xs: number[]) => quantile(xs, 0.95);
  const showRapport = () => {
    log(`\nResults at ${fmt(SIZE)} responses:`);
    log("Rapport (rollups), per query and the whole dashboard:");
    for (const name of ["summary", "trend", "segments", "staff", "drivers"]) log(`${line(name, rapport[name])}   grain: ${grains[name as keyof typeof grains]}`);
    log(line("dashboard (5 queries)", rapport.dashboard));
  };
  if (BASELINE_RUNS > 0) {
    const groupBy = await groupByRuns(main.db, main.data, scope, BASELINE_RUNS);
    const loadAll = await loadAllRuns(main.db, scope, BASELINE_RUNS);
    // The three must agree before their times mean anything.
    const summary = await dashboard(main.db, main.data).queries.summary();
    const npsOf = (f: ReturnType<typeof figures>) => f.summary.find((s) => "nps" in s && s.nps)?.nps as { score: number | null; n: number } | undefined;
    const agree = [npsOf(groupBy.result), npsOf(loadAll.result)].every((n) => n?.n === summary.nps?.n && Math.abs((n?.score ?? NaN) - (summary.nps?.score ?? NaN)) < 1e-9);
    log(`Figures agree across the three approaches: ${agree ? "yes" : "NO"} (NPS ${summary.nps?.score?.toFixed(2)} over n = ${fmt(summary.nps?.n ?? 0)}; load-all read ${fmt(loadAll.responses)} responses)`);
    showRapport();
    log("Baseline 1, SQL GROUP BY over the raw responses:");
    for (const name of Object.keys(groupByQueries)) log(line(name, groupBy.t[name]));
    log(line("dashboard (5 queries)", groupBy.t.dashboard));
    log("Baseline 2, load every response in pages of 5,000 and count in JS:");
    log(line("dashboard (one load for all 5)", loadAll.t.dashboard));
    log("Ratios (baseline ÷ Rapport, whole dashboard):");
    log(`  GROUP BY / Rapport   p50 ${(p50(groupBy.t.dashboard!) / p50(rapport.dashboard!)).toFixed(0)}×   p95 ${(p95(groupBy.t.dashboard!) / p95(rapport.dashboard!)).toFixed(0)}×`);
    log(`  load-all / Rapport   p50 ${(p50(loadAll.t.dashboard!) / p50(rapport.dashboard!)).toFixed(0)}×   p95 ${(p95(loadAll.t.dashboard!) / p95(rapport.dashboard!)).toFixed(0)}×`);
  } else {
    showRapport();
    log("Baselines skipped (BENCH_BASELINE_RUNS=0).");
  }
  client(main.db).close();

  if (LARGE > 0) {
    const large = await build(dir, "analytics-large.db", LARGE);
    await rollupSizes(large.db, large.file);
    const rapportLarge = await rapportRuns(large.db, large.data, RUNS);
    log(`\nScale check: the same dashboard at ${fmt(LARGE)} responses:`);
    for (const name of ["summary", "trend", "segments", "staff", "drivers"]) log(line(name, rapportLarge[name]));
    log(line("dashboard (5 queries)", rapportLarge.dashboard));
    log(`  large / ${fmt(SIZE)}   p50 ${(p50(rapportLarge.dashboard!) / p50(rapport.dashboard!)).toFixed(2)}×   p95 ${(p95(rapportLarge.dashboard!) / p95(rapport.dashboard!)).toFixed(2)}×`);
    log(`  generation ${large.generation.toFixed(0)} s, rollup rebuild ${large.rebuild.toFixed(0)} s`);
    client(large.db).close();
  }
} finally {
  if (process.env.BENCH_KEEP) log(`\nDatabases kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
