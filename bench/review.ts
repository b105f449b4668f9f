// npm run bench:review: the review process on the demo's year (about 4,400 responses, 300 cases) in a libSQL file.
// Preparing a quarter's review pack and reading the KPIs page, each beside the one dashboard read they build on
// (the period's summary). Env: BENCH_RUNS (default 15). Prints medians and ratios measured in this run; never asserts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { openLibsql } from "../db/libsql";
import { migrateLibsql } from "../db/migrate";
import { organisations, users } from "../db/schema";
import { seedDemo } from "../db/seed/demo";
import type { AppSettings } from "../server/config";
import { addDay, localDay, startOfQuarterOf } from "../server/domain/calendar";
import { surveySummary } from "../server/features/analytics/analytics.service";
import { listKpis } from "../server/features/kpis/kpis.service";
import { createPack } from "../server/features/review-packs/review-packs.service";
import type { OrgContext } from "../server/lib/service-context";
import { createDevMailbox } from "../server/mail/dev-mailbox";
import { wireReactions } from "../server/reactions";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

async function timeRuns(fn: () => Promise<unknown>) {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

const dir = mkdtempSync(join(tmpdir(), "rapport-review-bench-"));
try {
  const db = await openLibsql(`file:${join(dir, "review.db")}`);
  await migrateLibsql(db, "db/migrations");
  const now = new Date();
  const started = performance.now();
  await seedDemo(db, { appSecret: "bench-secret-bench-secret-bench-secret", now, maxSqlParams: 999, passwordIterations: 1000 });
  const seeded = performance.now() - started;
  const org = (await db.select().from(organisations).get())!;
  const reviewer = (await db.select().from(users).where(eq(users.email, "reviewer@example.com")).get())!;
  const ctx: OrgContext = {
    db,
    orgId: org.id,
    now,
    mailer: createDevMailbox(db),
    reactions: wireReactions(),
    settings: { maxSqlParams: 999 } as AppSettings,
    requestId: "bench",
    actor: { kind: "user", id: reviewer.id, role: "reviewer" },
  };
  const lastQuarterDay = addDay(startOfQuarterOf(localDay(now, org.timeZone)), -1);
  const quarter = { from: startOfQuarterOf(lastQuarterDay), to: lastQuarterDay };

  const summary = await timeRuns(() => surveySummary(ctx, quarter));
  const pack = await timeRuns(() => createPack(ctx, { period: "quarter", day: lastQuarterDay }));
  const kpis = await timeRuns(() => listKpis(ctx));

  console.log(`Demo year seeded (answers recorded through the live reactions, case rules included): ${ms(seeded)} ms`);
  console.log(`Median of ${RUNS} runs each, same database, same process:`);
  console.log(`  the quarter's summary (one dashboard read, the baseline)   ${ms(summary)} ms`);
  console.log(`  preparing the quarter's review pack (freeze every figure)  ${ms(pack)} ms   ${(pack / summary).toFixed(1)}× the summary`);
  console.log(`  the KPIs page (7 KPIs, this period and the last)           ${ms(kpis)} ms   ${(kpis / summary).toFixed(1)}× the summary`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
