import { afterEach, describe, expect, it } from "vitest";
import { invitations, organisations } from "../../db/schema";
import { LEASE_MS, runDispatchTick, type DispatchDeps } from "../../server/features/dispatch/dispatch.service";
import { createResendMailer } from "../../server/mail/resend-mailer";
import type { Mailer } from "../../server/mail/mailer";
import { createTestContext } from "../support/app";
import { interaction, publishedSurvey } from "../support/factories";
import { startFakeResend, type FakeResend } from "../support/fake-resend";

let fake: FakeResend | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A test world on one clock: the app, the outbox and the fake provider all read `clock.t`. */
async function world(count: number, opts: { ratePerSecond?: number; wrap?: (m: Mailer) => Mailer } = {}) {
  const clock = { t: Date.now() };
  fake = await startFakeResend({ now: () => clock.t });
  const provider = fake;
  const resend = createResendMailer(provider.apiKey, provider.url);
  const ctx = await createTestContext({ mailer: () => (opts.wrap ? opts.wrap(resend) : resend), now: () => new Date(clock.t) });
  await publishedSurvey(ctx);
  for (let i = 0; i < count; i += 1000) {
    const part = Array.from({ length: Math.min(1000, count - i) }, () => interaction({ occurredAt: new Date(clock.t - 3_600_000).toISOString() }));
    const res = await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: part } });
    expect(res.status).toBe(202);
  }
  const deps: DispatchDeps = {
    db: ctx.db,
    mailer: ctx.mailer,
    settings: { ...ctx.settings, mailRatePerSecond: opts.ratePerSecond ?? 2 },
    now: () => new Date(clock.t),
    sleep: async (ms) => {
      clock.t += ms;
    },
  };
  const statuses = async () => (await ctx.db.select({ status: invitations.status }).from(invitations).all()).map((r) => r.status);
  return { ctx, clock, deps, fake: provider, statuses };
}

const batchRequests = (f: FakeResend) => f.requests.filter((r) => r.path === "/emails/batch");

describe("the dispatcher", () => {
  it("sends in batches of at most 100 and paces itself to 2 requests a second", async () => {
    const w = await world(250);
    const report = await runDispatchTick(w.deps);
    expect(report).toMatchObject({ batches: 3, sent: 250, deferred: 0, failed: 0 });
    expect(batchRequests(w.fake).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(w.fake.sent).toHaveLength(250);
    expect(new Set(w.fake.sent.map((m) => m.to[0])).size).toBe(250);
    const rows = await w.ctx.db.select().from(invitations).all();
    expect(rows.every((r) => r.status === "sent" && r.providerId)).toBe(true);
    expect(new Set(rows.map((r) => r.providerId))).toEqual(new Set(w.fake.sent.map((m) => m.id)));
  });

  it("follows the rate the provider's RateLimit headers give, whatever the setting says", async () => {
    const w = await world(300, { ratePerSecond: 1000 });
    const started = w.clock.t;
    expect(await runDispatchTick(w.deps)).toMatchObject({ batches: 3, sent: 300, deferred: 0 });
    expect(batchRequests(w.fake).map((r) => r.status)).toEqual([200, 200, 200]);
    // The provider allows 2 a second: the third request waits about a second after the first.
    expect(w.clock.t - started).toBeGreaterThanOrEqual(1000);
  });

  it("waits as long as retry-after says after a 429, then sends the same batch within the same tick", async () => {
    const w = await world(150);
    w.fake.failNext(1, { status: 429, name: "rate_limit_exceeded", retryAfter: 3 });
    const started = w.clock.t;
    expect(await runDispatchTick(w.deps)).toMatchObject({ sent: 150, deferred: 100 });
    expect(batchRequests(w.fake).map((r) => r.status)).toEqual([429, 200, 200]);
    expect(w.clock.t - started).toBeGreaterThanOrEqual(3000);
    expect(w.fake.sent).toHaveLength(150);
    expect((await w.statuses()).every((s) => s === "sent")).toBe(true);
  });

  it("retries a batch that met a server error on its first try", async () => {
    const w = await world(40);
    w.fake.failNext(1, { status: 500 });
    expect(await runDispatchTick(w.deps)).toMatchObject({ sent: 0, deferred: 40 });
    expect(w.fake.sent).toHaveLength(0);
    w.clock.t += 60_000;
    expect(await runDispatchTick(w.deps)).toMatchObject({ sent: 40 });
    expect(w.fake.sent).toHaveLength(40);
  });

  it("sends no second email when the response is lost and the retry replays the same key and bytes", async () => {
    const w = await world(30);
    w.fake.dropResponseNext();
    expect(await runDispatchTick(w.deps)).toMatchObject({ deferred: 30 });
    expect(w.fake.sent).toHaveLength(30);
    w.clock.t += 60_000;
    expect(await runDispatchTick(w.deps)).toMatchObject({ sent: 30 });
    const [lost, retry] = batchRequests(w.fake);
    expect(retry!.idempotencyKey).toBe(lost!.idempotencyKey);
    expect(retry!.replayed).toBe(true);
    expect(w.fake.sent).toHaveLength(30);
  });

  it("sends no second email when a tick dies between sending and recording", async () => {
    let crash = true;
    const w = await world(20, {
      wrap: (inner) => ({
        kind: inner.kind,
        async sendBatch(emails, key) {
          const result = await inner.sendBatch(emails, key);
          if (crash) {
            crash = false;
            throw new Error("process died before recording");
          }
          return result;
        },
      }),
    });
    await expect(runDispatchTick(w.deps)).rejects.toThrow("process died");
    expect(w.fake.sent).toHaveLength(20);
    expect((await runDispatchTick(w.deps)).batches).toBe(0);
    w.clock.t += LEASE_MS + 1;
    expect(await runDispatchTick(w.deps)).toMatchObject({ sent: 20 });
    expect(w.fake.sent).toHaveLength(20);
    expect(batchRequests(w.fake).at(-1)!.replayed).toBe(true);
  });

  it("never lets two simultaneous ticks send the same invitation", async () => {
    const w = await world(150, { ratePerSecond: 1000 });
    const reports = await Promise.all([runDispatchTick(w.deps), runDispatchTick(w.deps)]);
    expect(reports[0]!.sent + reports[1]!.sent).toBe(150);
    expect(w.fake.sent).toHaveLength(150);
    expect(new Set(w.fake.sent.map((m) => m.to[0])).size).toBe(150);
  });

  it("puts back an email that would reach a customer in quiet hours, and sends it when the night ends", async () => {
    const w = await world(3);
    // The organisation's night turns out to cover this very minute (scheduling knew no quiet hours).
    const minute = Math.floor((w.clock.t % 86_400_000) / 60_000);
    await w.ctx.db.update(organisations).set({ quietStartMinute: (minute + 1380) % 1440, quietEndMinute: (minute + 60) % 1440 }).run();
    expect(await runDispatchTick(w.deps)).toMatchObject({ sent: 0, deferred: 3 });
    expect(w.fake.sent).toHaveLength(0);
    const rows = await w.ctx.db.select().from(invitations).all();
    expect(rows.every((r) => r.status === "pending" && r.batchId === null && r.sendAt.getTime() > w.clock.t)).toBe(true);
    w.clock.t = Math.max(...rows.map((r) => r.sendAt.getTime()));
    expect(await runDispatchTick(w.deps)).toMatchObject({ sent: 3 });
  });

  it("gives up on a batch the provider refuses outright and says why", async () => {
    const w = await world(5);
    w.fake.failNext(1, { status: 422, name: "validation_error", message: "Invalid `from` field." });
    expect(await runDispatchTick(w.deps)).toMatchObject({ failed: 5 });
    const rows = await w.ctx.db.select().from(invitations).all();
    expect(rows.every((r) => r.status === "failed" && r.lastError?.includes("Invalid `from` field."))).toBe(true);
  });
});
