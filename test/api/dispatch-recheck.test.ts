// The dispatcher's re-checks: reminders after their days and until an answer, every change of mind honoured up to
// the moment a batch goes out, crash safety over a late change of mind, and pacing to the provider's headers.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { distributionRules, interactions, invitations, suppressions } from "../../db/schema";
import { randomSource } from "../../db/seed/random";
import { Pacer, runDispatchTick, type DispatchDeps } from "../../server/features/dispatch/dispatch.service";
import { createResendMailer } from "../../server/mail/resend-mailer";
import { createTestContext } from "../support/app";
import { interaction, publishedSurvey } from "../support/factories";
import { startFakeResend, type FakeResend, type FakeResendOptions } from "../support/fake-resend";

const DAY = 86_400_000;
// A Tuesday morning in the organisation's zone (UTC): nothing here waits for quiet hours unless a test sets them.
const START = Date.UTC(2026, 2, 10, 10, 0);

let fake: FakeResend | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

type WorldOptions = { customers?: number; reminderDays?: number[]; ratePerSecond?: number; fake?: FakeResendOptions };

/**
 * A test world on one clock: the app, the outbox and the fake provider read `clock.t`, and the dispatcher's sleeps
 * advance it. `whileWaiting` runs inside the dispatcher's wait for the provider's rate: after it claims a batch,
 * before its last look.
 */
async function world(opts: WorldOptions = {}) {
  const clock = { t: START };
  fake = await startFakeResend({ now: () => clock.t, ...opts.fake });
  const provider = fake;
  const resend = createResendMailer(provider.apiKey, provider.url);
  const ctx = await createTestContext({ mailer: () => resend, now: () => new Date(clock.t) });
  const surveyId = await publishedSurvey(ctx);
  // A fortnight's link leaves room for both reminders.
  if (opts.reminderDays) await ctx.db.update(distributionRules).set({ reminderDays: opts.reminderDays, expiresAfterDays: 14 }).where(eq(distributionRules.surveyId, surveyId)).run();
  const emails = Array.from({ length: opts.customers ?? 1 }, (_, i) => `customer-${i}@example.org`);
  for (let i = 0; i < emails.length; i += 1000) {
    const part = emails.slice(i, i + 1000).map((email) => interaction({ occurredAt: new Date(clock.t - 3_600_000).toISOString(), customer: { email, name: "Pat" } }));
    expect((await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: part } })).status).toBe(202);
  }
  const hooks: { whileWaiting?: () => Promise<void> } = {};
  const deps: DispatchDeps = {
    db: ctx.db,
    mailer: ctx.mailer,
    settings: { ...ctx.settings, mailRatePerSecond: opts.ratePerSecond ?? 2 },
    now: () => new Date(clock.t),
    sleep: async (ms) => {
      clock.t += ms;
      const hook = hooks.whileWaiting;
      hooks.whileWaiting = undefined;
      await hook?.();
    },
  };
  const rows = () => ctx.db.select().from(invitations).all();
  const rowsOf = async (email: string) => (await rows()).filter((r) => r.email === email).sort((a, b) => a.sequence - b.sequence);
  /** A tick that waits for the provider's rate before its first batch, so `whileWaiting` has a moment to run in. */
  const tickAfterWait = () => {
    const pacer = new Pacer(deps.settings.mailRatePerSecond);
    pacer.sent(clock.t);
    return runDispatchTick(deps, {}, pacer);
  };
  const tokenIn = (mail: { html: string | null }) => /\/s\/([A-Za-z0-9_-]+)/.exec(mail.html ?? "")![1]!;
  const answer = async (token: string) => {
    const res = await ctx.request(`/api/public/invitations/${token}/response`, { body: { data: { nps: 9 } } });
    expect(res.status).toBe(201);
  };
  const summary = async () => (await ctx.request(`/api/analytics/summary?surveyId=${surveyId}&range=30d`, { as: "reviewer" })).json;
  return { ctx, clock, deps, hooks, fake: provider, surveyId, emails, rows, rowsOf, tickAfterWait, tokenIn, answer, summary };
}

const batchRequests = (f: FakeResend) => f.requests.filter((r) => r.path === "/emails/batch");

describe("reminders", () => {
  it("reminds a customer who has not answered after each reminder's days, then counts the invitation once in the response rate", async () => {
    const w = await world({ reminderDays: [3, 4] });
    expect(await runDispatchTick(w.deps)).toMatchObject({ sent: 1 });
    w.clock.t += 3 * DAY - 60_000;
    expect(await runDispatchTick(w.deps)).toMatchObject({ sent: 0 });
    w.clock.t += 60_000;
    expect(await runDispatchTick(w.deps)).toMatchObject({ sent: 1 });
    w.clock.t += 4 * DAY;
    expect(await runDispatchTick(w.deps)).toMatchObject({ sent: 1 });

    const [invitation, first, second] = w.fake.sent;
    expect(w.fake.sent).toHaveLength(3);
    expect(invitation!.subject).not.toMatch(/^Reminder/);
    expect([first!.subject, second!.subject]).toEqual([expect.stringMatching(/^Reminder: /), expect.stringMatching(/^Reminder: /)]);
    // Reminders link to the invitation's survey and unsubscribe through it.
    expect(new Set(w.fake.sent.map(w.tokenIn)).size).toBe(1);
    expect(new Set(w.fake.sent.map((m) => m.headers["List-Unsubscribe"])).size).toBe(1);
    expect((await w.rowsOf(w.emails[0]!)).map((r) => [r.sequence, r.status])).toEqual([
      [0, "sent"],
      [1, "sent"],
      [2, "sent"],
    ]);

    expect((await w.summary()).invitations).toMatchObject({ sent: 1, responded: 0 });
    await w.answer(w.tokenIn(second!));
    expect((await w.summary()).invitations).toMatchObject({ sent: 1, responded: 1 });
    w.clock.t += 10 * DAY;
    expect(await runDispatchTick(w.deps)).toMatchObject({ sent: 0 });
  });

  it("stops reminding once the customer answers", async () => {
    const w = await world({ reminderDays: [3, 4] });
    await runDispatchTick(w.deps);
    w.clock.t += DAY;
    await w.answer(w.tokenIn(w.fake.sent[0]!));
    w.clock.t += 20 * DAY;
    expect(await runDispatchTick(w.deps)).toMatchObject({ sent: 0 });
    expect(w.fake.sent).toHaveLength(1);
    expect((await w.rowsOf(w.emails[0]!)).map((r) => [r.sequence, r.status, r.cancelReason])).toEqual([
      [0, "responded", null],
      [1, "cancelled", "answered"],
      [2, "cancelled", "answered"],
    ]);
  });

  it("stops the second reminder when the answer comes after the first", async () => {
    const w = await world({ reminderDays: [2, 2] });
    await runDispatchTick(w.deps);
    w.clock.t += 2 * DAY;
    expect(await runDispatchTick(w.deps)).toMatchObject({ sent: 1 });
    await w.answer(w.tokenIn(w.fake.sent[1]!));
    w.clock.t += 5 * DAY;
    expect(await runDispatchTick(w.deps)).toMatchObject({ sent: 0 });
    expect((await w.rowsOf(w.emails[0]!)).map((r) => [r.sequence, r.status])).toEqual([
      [0, "responded"],
      [1, "sent"],
      [2, "cancelled"],
    ]);
  });
});

describe("a change of mind between claim and send", () => {
  it("does not send a reminder whose invitation is answered after the dispatcher claimed it", async () => {
    const w = await world({ reminderDays: [3] });
    await runDispatchTick(w.deps);
    w.clock.t += 3 * DAY;
    let claimed: (typeof invitations.$inferSelect)[] = [];
    w.hooks.whileWaiting = async () => {
      claimed = (await w.rowsOf(w.emails[0]!)).filter((r) => r.status === "pending" && r.batchId !== null);
      await w.answer(w.tokenIn(w.fake.sent[0]!));
    };
    expect(await w.tickAfterWait()).toMatchObject({ sent: 0, batches: 0 });
    expect(claimed.map((r) => r.sequence)).toEqual([1]);
    expect(w.fake.sent).toHaveLength(1);
    expect(batchRequests(w.fake)).toHaveLength(1);
    const reminder = (await w.rowsOf(w.emails[0]!))[1]!;
    expect(reminder).toMatchObject({ status: "cancelled", cancelReason: "answered", batchId: null, handedAt: null });
  });

  it.each([
    ["unsubscribes", "unsubscribed" as const, "unsubscribed"],
    ["is suppressed after a bounce", "bounced" as const, "suppressed"],
  ])("does not send a claimed email to a customer who %s meanwhile, and records why", async (_what, reason, cancelReason) => {
    const w = await world({ customers: 3 });
    const target = (await w.rowsOf(w.emails[1]!))[0]!;
    w.hooks.whileWaiting = async () => {
      expect((await w.rowsOf(w.emails[1]!))[0]!.batchId).not.toBeNull();
      await w.ctx.db.insert(suppressions).values({ orgId: target.orgId, customerId: target.customerId!, reason, createdAt: new Date(w.clock.t) }).run();
    };
    expect(await w.tickAfterWait()).toMatchObject({ sent: 2 });
    expect(w.fake.sent.map((m) => m.to[0]).sort()).toEqual([w.emails[0], w.emails[2]]);
    // The next pass records why it never went.
    await runDispatchTick(w.deps);
    expect((await w.rowsOf(w.emails[1]!))[0]).toMatchObject({ status: "cancelled", cancelReason, batchId: null });
  });
});

describe("a change of mind before the claim", () => {
  it("never sends to a suppressed customer or for a cancelled interaction, its reminders included, and says why", async () => {
    const w = await world({ customers: 3, reminderDays: [3, 4] });
    const [suppressed, cancelled] = [(await w.rowsOf(w.emails[0]!))[0]!, (await w.rowsOf(w.emails[1]!))[0]!];
    await w.ctx.db.insert(suppressions).values({ orgId: suppressed.orgId, customerId: suppressed.customerId!, reason: "complained", createdAt: new Date(w.clock.t) }).run();
    await w.ctx.db.update(interactions).set({ status: "cancelled" }).where(eq(interactions.id, cancelled.interactionId)).run();

    for (let day = 0; day < 10; day++, w.clock.t += DAY) await runDispatchTick(w.deps);

    expect(new Set(w.fake.sent.map((m) => m.to[0]))).toEqual(new Set([w.emails[2]]));
    expect(w.fake.sent).toHaveLength(3);
    expect((await w.rowsOf(w.emails[0]!)).map((r) => [r.status, r.cancelReason])).toEqual(Array(3).fill(["cancelled", "suppressed"]));
    expect((await w.rowsOf(w.emails[1]!)).map((r) => [r.status, r.cancelReason])).toEqual(Array(3).fill(["cancelled", "interaction"]));
  });

  it("sends nothing for an interaction reopened after its invitation went, and stops its reminders", async () => {
    const w = await world({ reminderDays: [3] });
    await runDispatchTick(w.deps);
    const [invitation] = await w.rowsOf(w.emails[0]!);
    await w.ctx.db.update(interactions).set({ status: "reopened" }).where(eq(interactions.id, invitation!.interactionId)).run();
    w.clock.t += 5 * DAY;
    expect(await runDispatchTick(w.deps)).toMatchObject({ sent: 0 });
    expect((await w.rowsOf(w.emails[0]!)).map((r) => [r.status, r.cancelReason])).toEqual([
      ["sent", null],
      ["cancelled", "interaction"],
    ]);
  });
});

describe("crash safety over a late change of mind", () => {
  it("resends a batch handed over with no answer with the same key and members, even one cancelled meanwhile, because the first may have gone out", async () => {
    const w = await world({ customers: 3 });
    w.fake.dropResponseNext();
    expect(await runDispatchTick(w.deps)).toMatchObject({ deferred: 3, sent: 0 });
    expect(w.fake.sent).toHaveLength(3);
    const [member] = await w.rowsOf(w.emails[1]!);
    await w.ctx.db.update(interactions).set({ status: "cancelled" }).where(eq(interactions.id, member!.interactionId)).run();
    await w.ctx.db.insert(suppressions).values({ orgId: member!.orgId, customerId: (await w.rowsOf(w.emails[2]!))[0]!.customerId!, reason: "unsubscribed", createdAt: new Date(w.clock.t) }).run();

    w.clock.t += 60_000;
    expect(await runDispatchTick(w.deps)).toMatchObject({ sent: 3 });
    const [lost, retry] = batchRequests(w.fake);
    expect(retry!.idempotencyKey).toBe(lost!.idempotencyKey);
    expect(retry!.replayed).toBe(true);
    expect(w.fake.sent).toHaveLength(3);
    expect((await w.rows()).map((r) => r.status)).toEqual(["sent", "sent", "sent"]);
  });

  it("re-forms a batch the provider refused with a server error, leaving out a member cancelled meanwhile", async () => {
    const w = await world({ customers: 3 });
    w.fake.failNext(1, { status: 500 });
    expect(await runDispatchTick(w.deps)).toMatchObject({ deferred: 3 });
    const [member] = await w.rowsOf(w.emails[1]!);
    await w.ctx.db.update(interactions).set({ status: "cancelled" }).where(eq(interactions.id, member!.interactionId)).run();
    w.clock.t += 60_000;
    expect(await runDispatchTick(w.deps)).toMatchObject({ sent: 2 });
    await runDispatchTick(w.deps);
    expect(w.fake.sent.map((m) => m.to[0]).sort()).toEqual([w.emails[0], w.emails[2]]);
    expect((await w.rowsOf(w.emails[1]!))[0]).toMatchObject({ status: "cancelled", cancelReason: "interaction" });
  });

  it("sends every invitation exactly once when a tenth of requests fail at random", async () => {
    // A seed whose first draws fail three requests of the first dozen.
    const random = randomSource(3);
    const w = await world({ customers: 1500, fake: { faultRate: 0.1, random: random.next } });
    for (let pass = 0; pass < 50 && (await w.rows()).some((r) => r.status === "pending"); pass++) {
      await runDispatchTick(w.deps);
      w.clock.t += 60_000;
    }
    expect(batchRequests(w.fake).filter((r) => r.injected).length).toBeGreaterThan(0);
    const perAddress = new Map<string, number>();
    for (const m of w.fake.sent) perAddress.set(m.to[0]!, (perAddress.get(m.to[0]!) ?? 0) + 1);
    expect(perAddress.size).toBe(1500);
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
    expect((await w.rows()).every((r) => r.status === "sent")).toBe(true);
  });
});

describe("pacing", () => {
  it("speeds up to the rate the provider's headers allow when the setting is slower", async () => {
    const w = await world({ customers: 500, ratePerSecond: 1, fake: { rateLimitPerSecond: 5 } });
    const started = w.clock.t;
    expect(await runDispatchTick(w.deps)).toMatchObject({ batches: 5, sent: 500 });
    expect(batchRequests(w.fake).every((r) => r.status === 200)).toBe(true);
    // At the setting's 1 a second the last of five would go 4 s after the first; at 5 a second, under 1 s.
    expect(w.clock.t - started).toBeLessThan(1000);
  });

  it("keeps to the provider's 2 a second without waiting out whole-second resets its own requests caused", async () => {
    const w = await world({ customers: 1000 });
    const started = w.clock.t;
    expect(await runDispatchTick(w.deps)).toMatchObject({ batches: 10, sent: 1000, deferred: 0 });
    expect(batchRequests(w.fake).every((r) => r.status === 200)).toBe(true);
    // Nine gaps of 510 ms; waiting for each "nothing left, resets in 1 s" would take about seven seconds.
    expect(w.clock.t - started).toBeLessThan(5000);
  });

  it("waits for the reset when nothing is left and its own requests do not account for it", () => {
    const shared = new Pacer(2);
    shared.sent(0);
    shared.learn(5, { limit: 2, remaining: 0, resetMs: 1000 });
    expect(shared.waitMs(5)).toBe(1000);
    const alone = new Pacer(2);
    alone.sent(0);
    alone.learn(5, { limit: 2, remaining: 1, resetMs: 1000 });
    alone.sent(510);
    alone.learn(515, { limit: 2, remaining: 0, resetMs: 1000 });
    expect(alone.waitMs(515)).toBeCloseTo(505);
  });

  it("spaces requests by the limit over its window, waits for the reset when none are left, and for retry-after", () => {
    const pacer = new Pacer(2);
    expect(pacer.spacingMs).toBeCloseTo(510);
    pacer.sent(0);
    expect(pacer.waitMs(0)).toBeCloseTo(510);
    pacer.learn(0, { limit: 10, windowMs: 2000, remaining: 3 });
    expect(pacer.spacingMs).toBeCloseTo(204);
    expect(pacer.waitMs(0)).toBeCloseTo(204);
    pacer.learn(100, { limit: 10, remaining: 0, resetMs: 3000 });
    expect(pacer.spacingMs).toBeCloseTo(102);
    expect(pacer.waitMs(100)).toBe(3000);
    pacer.learn(200, undefined, 5000);
    expect(pacer.waitMs(200)).toBe(5000);
    expect(pacer.waitMs(5200)).toBe(0);
  });
});

