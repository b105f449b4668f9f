// npm run bench:dispatch: (a) the rules pass: 10,000 interactions through the ingestion service with live rules
// (sampling, reminders, contact gaps, quiet hours), beside the same ingestion with the rules paused and beside the
// pass called once per interaction; (b) 10,000 invitations sent through the fake Resend server at its default limit
// by a dispatcher process, in emails a second against the ceiling; (c) the same with a tenth of requests failing
// at random and the dispatcher killed with SIGKILL mid-run, then restarted: lost and duplicated emails counted.
// Env: BENCH_INTERACTIONS (10000), BENCH_RUNS (5), BENCH_INVITATIONS (10000), BENCH_RATE (2 requests a second),
// BENCH_FAULT_RATE (0.1), BENCH_LEASE_MS (5000), BENCH_ONLY (any of rules,ceiling,faults), BENCH_KEEP=1 keeps the
// files. Prints figures and ratios, medians where repeated; never asserts.
import { rmSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { sql } from "drizzle-orm";
import { ingestInteractions } from "../server/features/interactions/interactions.service";
import { planOneByOne, storedInteractions } from "./lib/dispatch-baseline";
import { closeDatabase, generateInteractions, liveRules, openBenchDatabase, orgContext, seedOrganisation, setRulesActive } from "./lib/dispatch-data";
import { dispatchRun, type DispatchRunResult } from "./lib/dispatch-runs";

const INTERACTIONS = Number(process.env.BENCH_INTERACTIONS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const INVITATIONS = Number(process.env.BENCH_INVITATIONS ?? 10_000);
const RATE = Number(process.env.BENCH_RATE ?? 2);
const FAULT_RATE = Number(process.env.BENCH_FAULT_RATE ?? 0.1);
const LEASE_MS = Number(process.env.BENCH_LEASE_MS ?? 5_000);
const ONLY = new Set((process.env.BENCH_ONLY ?? "rules,ceiling,faults").split(",").map((s) => s.trim()));
const KEEP = process.env.BENCH_KEEP === "1";

const DAY = 86_400_000;
const log = (line: string) => console.log(line);
const fmt = (n: number) => n.toLocaleString("en");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await fn();
  return [out, performance.now() - t];
}

/**
 * A database as the timed ingestion finds it: the organisation with its rules live, and 3,000 interactions ten
 * days before (so customers, contact history and held decisions exist), from the same 6,000 customers.
 */
async function preparedDatabase(now: Date, seed: number) {
  const opened = await openBenchDatabase();
  const earlier = new Date(now.getTime() - 10 * DAY);
  const orgId = await seedOrganisation(opened.db, { rules: liveRules, quiet: true, timeZone: "Europe/Berlin", unitZones: true, createdAt: new Date(now.getTime() - 60 * DAY) });
  const warmUp = generateInteractions(3_000, { now: earlier, days: 5, customers: 6_000, seed: seed + 1000, prefix: "earlier" });
  for (let i = 0; i < warmUp.length; i += 1000) await ingestInteractions(orgContext(opened.db, orgId, earlier), warmUp.slice(i, i + 1000));
  const items = generateInteractions(INTERACTIONS, { now, days: 3, customers: 6_000, seed, prefix: "run" });
  return { ...opened, orgId, items };
}

async function rulesPass() {
  log(`\n(a) The rules pass: ${fmt(INTERACTIONS)} interactions (6,000 customers, 20 units, 3 live rules over 3 surveys: sampling, reminders, contact gaps, quiet hours) into a libSQL file; ${RUNS} runs`);
  const withRules: number[] = [];
  const inRequests: number[] = [];
  const paused: number[] = [];
  const oneByOne: number[] = [];
  let outcomes = "";
  for (let run = 0; run < RUNS; run++) {
    const now = new Date();
    // One call with every interaction, as the CSV import makes it.
    const a = await preparedDatabase(now, run + 1);
    const [result, t] = await timed(() => ingestInteractions(orgContext(a.db, a.orgId, now), a.items));
    withRules.push(t);
    if (run === 0) {
      const rows = await a.db.all<{ outcome: string; n: number }>(sql`select outcome, count(*) as n from rule_decisions where decided_at = ${now.getTime()} group by outcome order by n desc`);
      const outbox = await a.db.get<{ invitations: number; reminders: number }>(
        sql`select sum(sequence = 0) as invitations, sum(sequence > 0) as reminders from invitations where created_at = ${now.getTime()}`,
      );
      outcomes = `${fmt(result.accepted)} stored; decisions ${rows.map((r) => `${r.outcome} ${fmt(r.n)}`).join(", ")}; ${fmt(outbox?.invitations ?? 0)} invitations and ${fmt(outbox?.reminders ?? 0)} reminders scheduled`;
    }
    closeDatabase(a.db);
    if (!KEEP) rmSync(a.dir, { recursive: true, force: true });

    // The same, in requests of 1,000 as the API takes them.
    const r = await preparedDatabase(now, run + 1);
    const [, tr] = await timed(async () => {
      for (let i = 0; i < r.items.length; i += 1000) await ingestInteractions(orgContext(r.db, r.orgId, now), r.items.slice(i, i + 1000));
    });
    inRequests.push(tr);
    closeDatabase(r.db);
    if (!KEEP) rmSync(r.dir, { recursive: true, force: true });

    // Baselines: the same ingestion with the rules paused, then the pass called once per interaction over it.
    const b = await preparedDatabase(now, run + 1);
    await setRulesActive(b.db, b.orgId, false);
    const [, tb] = await timed(() => ingestInteractions(orgContext(b.db, b.orgId, now), b.items));
    paused.push(tb);
    await setRulesActive(b.db, b.orgId, true);
    const stored = await storedInteractions(b.db, b.orgId, "run");
    const [, tn] = await timed(() => planOneByOne(orgContext(b.db, b.orgId, now), stored));
    oneByOne.push(tn);
    closeDatabase(b.db);
    if (!KEEP) rmSync(b.dir, { recursive: true, force: true });
    log(`  run ${run + 1}: with rules ${ms(t)} ms (in requests of 1,000: ${ms(tr)} ms); rules paused ${ms(tb)} ms; the pass one interaction at a time ${ms(tn)} ms`);
  }
  const a = median(withRules);
  const b = median(paused);
  const pass = a - b;
  log(`  ${outcomes}`);
  log(`  Median: ${ms(a)} ms to ingest ${fmt(INTERACTIONS)} with the rules pass (goal: under 1,000 ms) · ${ms(median(inRequests))} ms in ten requests of 1,000`);
  log(`  Baseline, rules paused: ${ms(b)} ms, so the pass itself costs about ${ms(pass)} ms (${(a / b).toFixed(2)}× the ingestion without it)`);
  log(`  Baseline, the pass one interaction at a time: ${ms(median(oneByOne))} ms, ${(median(oneByOne) / Math.max(1, pass)).toFixed(1)}× the set-based pass`);
}

function printRun(title: string, r: DispatchRunResult) {
  log(`  ${title}`);
  log(`    ${fmt(r.emails)} emails in ${r.seconds.toFixed(1)} s; ${r.rate.toFixed(1)} emails/s between the first and last accepted request = ${pct(r.rate / r.ceiling)} of the ceiling (${r.ceiling} emails/s)`);
  log(`    ${fmt(r.requests)} batch requests, ${r.medianGapMs} ms apart at the median (10th–90th percentile ${r.gapsMs[0]}–${r.gapsMs[1]} ms, longest ${r.gapsMs[2]} ms; the pacer spaces them ${((1000 / RATE) * 1.02).toFixed(0)} ms): ${r.injected} answered 5xx at random, ${r.throttled} throttled (429), ${r.replayed} replayed under an earlier key`);
  log(`    lost: ${r.lost} · duplicates: ${r.duplicates} · marked sent in the database: ${fmt(r.markedSent)} of ${fmt(r.invitations)}${r.timedOut ? " · TIMED OUT before all were sent" : ""}`);
}

async function sending(faults: boolean) {
  const common = { invitations: INVITATIONS, rateLimit: RATE, leaseMs: LEASE_MS, intervalMs: 250, keep: KEEP, log };
  if (!faults) {
    log(`\n(b) Dispatch at the ceiling: ${fmt(INVITATIONS)} invitations due now, the fake Resend server at ${RATE} requests/s and 100 emails a batch, the dispatcher a separate process`);
    printRun("No faults:", await dispatchRun({ ...common, faultRate: 0, killAt: null }));
    return;
  }
  log(`\n(c) Fault run: the same with ${pct(FAULT_RATE)} of requests answered 500 at random and the dispatcher killed (SIGKILL) mid-run, then restarted (lease ${LEASE_MS / 1000} s)`);
  const r = await dispatchRun({ ...common, faultRate: FAULT_RATE, killAt: 0.4 });
  printRun(`Killed with a batch in flight: ${r.killedWithRequestInFlight ? "yes" : "no"}; failed requests use their slots, so ${pct(1 - FAULT_RATE)} of the ceiling is the most to expect`, r);
}

// The machine may be shared: say how busy it was, since every figure below is a wall-clock time.
const load = () => `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} CPUs`;
log(`Node ${process.version}, ${load()}`);
if (ONLY.has("rules")) await rulesPass();
if (ONLY.has("ceiling")) await sending(false);
if (ONLY.has("faults")) await sending(true);
log(`\nDone; ${load()}.`);
