// The demo's review process: a year of follow-up cases worked (the recent ones still open, some overdue), KPIs
// that show every status, benchmark series, and last quarter's review pack, discussed and closed.
import { asc, eq } from "drizzle-orm";
import { runBatch, type Db, type Statement } from "../client";
import { benchmarkPoints, benchmarkSeries, caseEvents, cases, kpis, organisations } from "../schema";
import { randomSource } from "./random";
import type { AppSettings } from "../../server/config";
import { addDay, localDay, startOfQuarterOf } from "../../server/domain/calendar";
import type { OrgContext } from "../../server/lib/service-context";
import { createDevMailbox } from "../../server/mail/dev-mailbox";
import { wireReactions } from "../../server/reactions";
import { evaluateKpis, currentPeriodOf } from "../../server/features/kpis/kpis.service";
import { addAction, addComment, createPack, getPack, updateAction, updatePack } from "../../server/features/review-packs/review-packs.service";
import { chunk } from "../../server/lib/chunk";

const DAY = 86_400_000;
const HOUR = 3_600_000;

type DemoPeople = { managerId: string; reviewerId: string; timeZone: string };

const rootCauses: Record<string, [string, number][]> = {
  "nps-detractor": [["Waiting time", 4], ["Staff behaviour", 2], ["Process or policy", 2], ["Communication", 2], ["Customer expectation", 1]],
  "csat-low": [["Waiting time", 3], ["Product or service fault", 2], ["Communication", 2], ["Other", 1]],
  "dimension-low": [["Waiting time", 3], ["Process or policy", 1]],
  "complaint-theme": [["Staff behaviour", 5], ["Communication", 1]],
  manual: [["Other", 1]],
};

/** Works the cases the answers opened as a team would have: older ones followed up (mostly in time) and closed. */
async function workCases(db: Db, orgId: string, now: Date, maxSqlParams: number) {
  const rng = randomSource(20_261_123);
  const rows = await db.select().from(cases).where(eq(cases.orgId, orgId)).orderBy(asc(cases.number)).all();
  const statements: Statement[] = [];
  for (const c of rows) {
    const age = now.getTime() - c.createdAt.getTime();
    const window = c.dueAt.getTime() - c.createdAt.getTime();
    // Most follow-ups land before the due time; a few slip past it, as they do.
    const contactedAt = new Date(c.createdAt.getTime() + window * (rng.next() < 0.86 ? 0.2 + rng.next() * 0.75 : 1.05 + rng.next() * 1.5));
    if (age > 12 * DAY || (age > 3 * DAY && rng.next() < 0.5)) {
      const reached = rng.next() < 0.88;
      const closedAt = new Date(Math.min(now.getTime() - HOUR, contactedAt.getTime() + rng.next() * 3 * DAY));
      const rootCause = rng.weighted(rootCauses[c.trigger] ?? rootCauses.manual!);
      statements.push(
        db.update(cases).set({ status: reached ? "resolved" : "unreachable", contactedAt, closedAt, rootCause, updatedAt: closedAt }).where(eq(cases.id, c.id)),
        db.insert(caseEvents).values([
          { caseId: c.id, orgId, kind: "status", authorId: c.ownerId, data: { from: "open", to: "contacted" }, createdAt: contactedAt },
          { caseId: c.id, orgId, kind: "root-cause", authorId: c.ownerId, body: rootCause, createdAt: closedAt },
          { caseId: c.id, orgId, kind: "status", authorId: c.ownerId, data: { from: "contacted", to: reached ? "resolved" : "unreachable" }, createdAt: closedAt },
        ]),
      );
    } else if (contactedAt < now && rng.next() < 0.4) {
      statements.push(
        db.update(cases).set({ status: "contacted", contactedAt, updatedAt: contactedAt }).where(eq(cases.id, c.id)),
        db.insert(caseEvents).values({ caseId: c.id, orgId, kind: "status", authorId: c.ownerId, data: { from: "open", to: "contacted" }, createdAt: contactedAt }),
      );
    }
  }
  for (const part of chunk(statements, Math.max(50, Math.floor(maxSqlParams / 2)))) await runBatch(db, part);
}

type KpiPlan = { name: string; metric: string; period: "month" | "quarter"; direction: "higher" | "lower"; unitId?: string; channel?: string; want: "green" | "amber" | "red" | "fixed"; target?: number; warning?: number };

/** Targets set around this quarter's figures so the demo shows each status: met, uncertain, missed. */
async function seedKpis(ctx: OrgContext, plans: KpiPlan[]) {
  const ids = plans.map(() => crypto.randomUUID());
  await ctx.db.insert(kpis).values(
    plans.map((p, i) => ({
      id: ids[i]!,
      orgId: ctx.orgId,
      name: p.name,
      metric: p.metric,
      unitId: p.unitId ?? null,
      channel: p.channel ?? null,
      target: p.target ?? 0,
      warning: p.warning ?? 0,
      direction: p.direction,
      period: p.period,
      createdAt: new Date(ctx.now.getTime() - 200 * DAY),
    })),
  );
  const tz = (await ctx.db.select({ timeZone: organisations.timeZone }).from(organisations).where(eq(organisations.id, ctx.orgId)).get())!.timeZone;
  const statements: Statement[] = [];
  for (const [i, p] of plans.entries()) {
    if (p.want === "fixed") continue;
    const { fromDay, toDay } = currentPeriodOf(p.period, ctx.now, tz);
    const [k] = await evaluateKpis(ctx, { fromDay, toDay, kpiIds: [ids[i]!] });
    const { value, low, high } = k!.reading;
    if (value === null || low === null || high === null) continue;
    // Round numbers, as people set targets: fives for scores and shares, halves for means on a scale.
    const grain = high - low > 3 ? 5 : 0.5;
    const down = (x: number) => Math.floor(x / grain) * grain;
    const up = (x: number) => Math.ceil(x / grain) * grain;
    const near = (x: number) => Math.round(x / grain) * grain;
    const higher = p.direction === "higher";
    const gap = Math.max(grain, up((high - low) / 2));
    let target: number;
    let warning: number;
    if (p.want === "green") {
      target = higher ? down(low) : up(high);
      warning = higher ? target - 2 * gap : target + 2 * gap;
    } else if (p.want === "red") {
      warning = higher ? up(high) + grain : down(low) - grain;
      target = higher ? warning + gap : warning - gap;
    } else {
      target = near(value);
      warning = higher ? target - 2 * gap : target + 2 * gap;
    }
    statements.push(ctx.db.update(kpis).set({ target, warning }).where(eq(kpis.id, ids[i]!)));
  }
  if (statements.length) await runBatch(ctx.db, statements);
}

async function seedBenchmarks(db: Db, orgId: string, now: Date, timeZone: string) {
  // The ends of the last four complete quarters, oldest first.
  const quarterEnds: string[] = [];
  for (let start = startOfQuarterOf(localDay(now, timeZone)); quarterEnds.length < 4; start = startOfQuarterOf(addDay(start, -1))) quarterEnds.unshift(addDay(start, -1));
  const series = [
    { id: crypto.randomUUID(), name: "Service sector average (illustrative)", kind: "industry" as const, metric: "nps", values: [18, 19, 21, 20], source: "Illustrative demo figures, not a published survey" },
    { id: crypto.randomUUID(), name: "Northside Services (illustrative)", kind: "competitor" as const, metric: "nps", values: [24, 22, 27, 29], source: "Illustrative demo figures, not a published survey" },
  ];
  await db.insert(benchmarkSeries).values(series.map((s) => ({ id: s.id, orgId, name: s.name, kind: s.kind, metric: s.metric, createdAt: now })));
  await db.insert(benchmarkPoints).values(series.flatMap((s) => quarterEnds.map((asOf, i) => ({ seriesId: s.id, asOf, value: s.values[i]!, source: s.source, createdAt: now }))));
}

export async function seedReviewProcess(db: Db, opts: { orgId: string; now: Date; maxSqlParams: number; people: DemoPeople; unitIds: Map<string, string> }) {
  const { orgId, now, people } = opts;
  await workCases(db, orgId, now, opts.maxSqlParams);
  const ctx: OrgContext = {
    db,
    orgId,
    now,
    mailer: createDevMailbox(db),
    reactions: wireReactions(),
    // Only the batch size matters to the services the seed calls.
    settings: { maxSqlParams: opts.maxSqlParams } as AppSettings,
    requestId: "demo-seed",
    actor: { kind: "user", id: people.reviewerId, role: "reviewer" },
  };
  await seedBenchmarks(db, orgId, now, people.timeZone);
  await seedKpis(ctx, [
    { name: "Net Promoter Score", metric: "nps", period: "quarter", direction: "higher", want: "green" },
    { name: "Harbour branch NPS", metric: "nps", period: "month", direction: "higher", unitId: opts.unitIds.get("Harbour branch"), want: "amber" },
    { name: "Time taken, phone", metric: "dimension:time-taken", period: "quarter", direction: "higher", channel: "phone", want: "red" },
    { name: "Follow-ups on time", metric: "case-on-time", period: "quarter", direction: "higher", want: "fixed", target: 90, warning: 75 },
    { name: "Median time to resolve a case", metric: "case-resolve-median", period: "quarter", direction: "lower", want: "fixed", target: 48, warning: 96 },
    { name: "Response rate", metric: "response-rate", period: "quarter", direction: "higher", want: "fixed", target: 40, warning: 30 },
    { name: "Kiosk satisfaction", metric: "csat", period: "month", direction: "higher", channel: "kiosk", want: "fixed", target: 85, warning: 70 },
  ]);

  // Last quarter's review, prepared a week after the quarter ended, discussed and closed.
  const today = localDay(now, people.timeZone);
  const lastQuarterDay = addDay(startOfQuarterOf(today), -1);
  const pack = await createPack(ctx, { period: "quarter", day: lastQuarterDay });
  const manager = { ...ctx, actor: { kind: "user" as const, id: people.managerId, role: "manager" as const } };
  const dueSoon = addDay(today, 10);
  const withPhone = await addAction(ctx, pack.id, { title: "Add a second phone line in the morning peak to cut hold times", ownerId: people.managerId, dueOn: dueSoon });
  await addAction(ctx, pack.id, { title: "Pair Tom I. with Noor F. for two weeks of coaching on greeting and explaining next steps", ownerId: people.managerId, dueOn: addDay(today, -20) });
  const coaching = (await getPack(ctx, pack.id)).actions.find((a) => a.title.startsWith("Pair Tom I."))!;
  await updateAction(manager, coaching.id, { status: "done" });
  await addComment(manager, pack.id, "Harbour branch recovered once the counters reopened; the dip matches the building work.");
  await addComment(ctx, pack.id, "Phone is still the slowest channel on time taken, and time taken drives NPS most. That is where to concentrate.");
  await updatePack(ctx, pack.id, { status: "in-review", summary: "Good quarter overall. Priority for the next one: phone waiting times (a second line at peak). Recognise Noor F.; coaching for Tom I. is done." });
  await updatePack(ctx, pack.id, { status: "closed" });
  return { packId: pack.id, openActionId: withPhone.actions[0]!.id };
}
