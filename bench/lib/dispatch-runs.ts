// The dispatch benchmark's sending runs: invitations due now, the fake Resend server in this process (so its
// idempotency memory outlives the dispatcher), the dispatcher a child process that a fault run kills with SIGKILL.
import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createInterface } from "node:readline";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { randomSource } from "../../db/seed/random";
import type { TickReport } from "../../server/features/dispatch/dispatch.service";
import { ingestInteractions } from "../../server/features/interactions/interactions.service";
import { startFakeResend, type FakeResend } from "../../test/support/fake-resend";
import { closeDatabase, distinctInteractions, everyInteraction, openBenchDatabase, orgContext, seedOrganisation } from "./dispatch-data";

export type DispatchRunOptions = {
  invitations: number;
  /** The provider's limit, requests a second (Resend's default is 2); 100 emails a request. */
  rateLimit: number;
  leaseMs: number;
  intervalMs: number;
  faultRate: number;
  /** Kill the dispatcher with SIGKILL once this share of the invitations has been sent, then start another. */
  killAt: number | null;
  keep: boolean;
  log: (line: string) => void;
};

export type DispatchRunResult = {
  invitations: number;
  ceiling: number;
  /** Emails a second between the first and the last accepted request. */
  rate: number;
  /** The median time between two batch requests. */
  medianGapMs: number;
  /** The 10th and 90th percentiles and the longest time between two batch requests. */
  gapsMs: number[];
  seconds: number;
  emails: number;
  lost: number;
  duplicates: number;
  markedSent: number;
  requests: number;
  injected: number;
  throttled: number;
  replayed: number;
  killedWithRequestInFlight: boolean;
  reports: TickReport[];
  timedOut: boolean;
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function startDispatcherProcess(file: string, fake: FakeResend, opts: DispatchRunOptions, reports: TickReport[]) {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/lib/dispatch-worker.ts"], {
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      BENCH_DB: file,
      BENCH_RESEND_URL: fake.url,
      BENCH_RESEND_KEY: fake.apiKey,
      BENCH_RATE: String(opts.rateLimit),
      BENCH_LEASE_MS: String(opts.leaseMs),
      BENCH_INTERVAL_MS: String(opts.intervalMs),
    },
  });
  const lines = createInterface({ input: child.stdout! });
  lines.on("line", (line) => {
    if (line.startsWith("{")) reports.push(JSON.parse(line) as TickReport);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, exited };
}

const unsent = async (db: Db) => (await db.get<{ n: number }>(sql`select count(*) as n from invitations where status not in ('sent', 'failed', 'cancelled', 'expired')`)).n;

/** Sends `invitations` through a dispatcher process, killing and restarting it if asked; counts what arrived. */
export async function dispatchRun(opts: DispatchRunOptions): Promise<DispatchRunResult> {
  const { db, file, dir } = await openBenchDatabase();
  const fake = await startFakeResend({ rateLimitPerSecond: opts.rateLimit, faultRate: opts.faultRate, random: randomSource(20_260_310).next });
  const children: ChildProcess[] = [];
  const killAll = () => {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  };
  process.once("exit", killAll);
  try {
    const now = new Date();
    const orgId = await seedOrganisation(db, { rules: everyInteraction, quiet: false, createdAt: new Date(now.getTime() - 86_400_000) });
    const items = distinctInteractions(opts.invitations, now, "send");
    for (let i = 0; i < items.length; i += 1000) await ingestInteractions(orgContext(db, orgId, now), items.slice(i, i + 1000));
    opts.log(`  ${opts.invitations.toLocaleString("en")} invitations due; starting the dispatcher process`);

    const reports: TickReport[] = [];
    let running = startDispatcherProcess(file, fake, opts, reports);
    children.push(running.child);
    const started = performance.now();
    const deadline = started + ((opts.invitations / (opts.rateLimit * 100)) * 3 + 90) * 1000;
    let killed = opts.killAt === null;
    let killedWithRequestInFlight = false;
    let timedOut = false;
    while ((await unsent(db)) > 0) {
      if (performance.now() > deadline) {
        timedOut = true;
        break;
      }
      if (!killed && fake.sent.length >= opts.invitations * opts.killAt!) {
        killed = true;
        // Hold the next request inside the provider after it has taken its key, kill the dispatcher while it
        // waits for the answer, then let the provider finish: a batch sent whose sending was never recorded.
        const held = fake.holdNext();
        const giveUp = new Promise<boolean>((r) => setTimeout(() => r(false), 10_000).unref());
        const reached = await Promise.race([held.reached.then(() => true), giveUp]);
        running.child.kill("SIGKILL");
        await running.exited;
        held.release();
        killedWithRequestInFlight = reached;
        opts.log(`  killed the dispatcher (SIGKILL) after ${fake.sent.length.toLocaleString("en")} emails${reached ? ", with a batch in flight" : ""}; starting another`);
        running = startDispatcherProcess(file, fake, opts, reports);
        children.push(running.child);
      }
      await sleep(200);
    }
    const seconds = (performance.now() - started) / 1000;
    running.child.kill("SIGTERM");
    await running.exited;

    const perAddress = new Map<string, number>();
    for (const m of fake.sent) for (const to of m.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    const expected = items.map((i) => i.customer.email);
    const lost = expected.filter((e) => !perAddress.has(e)).length;
    const duplicates = [...perAddress.values()].reduce((s, n) => s + n - 1, 0);
    const markedSent = (await db.get<{ n: number }>(sql`select count(*) as n from invitations where status = 'sent'`)).n;

    const sent = fake.sent;
    const first = sent[0]?.receivedAt ?? 0;
    const lastEmail = sent.at(-1);
    // The last request closes the span, so its emails are not counted in it: at the ceiling this gives exactly it.
    const inLast = lastEmail ? sent.filter((m) => m.receivedAt === lastEmail.receivedAt && m.idempotencyKey === lastEmail.idempotencyKey).length : 0;
    const span = (lastEmail?.receivedAt ?? first) - first;
    const batches = fake.requests.filter((r) => r.path === "/emails/batch");
    const gaps = batches.slice(1).map((r, i) => r.receivedAt - batches[i]!.receivedAt).sort((x, y) => x - y);
    return {
      invitations: opts.invitations,
      ceiling: opts.rateLimit * 100,
      rate: span > 0 ? ((sent.length - inLast) * 1000) / span : Number.NaN,
      medianGapMs: gaps[Math.floor(gaps.length / 2)] ?? Number.NaN,
      gapsMs: [0.1, 0.9, 1].map((q) => gaps[Math.min(gaps.length - 1, Math.ceil(q * gaps.length) - 1)] ?? Number.NaN),
      seconds,
      emails: sent.length,
      lost,
      duplicates,
      markedSent,
      requests: batches.length,
      injected: batches.filter((r) => r.injected).length,
      throttled: batches.filter((r) => r.status === 429).length,
      replayed: batches.filter((r) => r.replayed).length,
      killedWithRequestInFlight,
      reports,
      timedOut,
    };
  } finally {
    killAll();
    process.off("exit", killAll);
    await fake.close();
    closeDatabase(db);
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
}
