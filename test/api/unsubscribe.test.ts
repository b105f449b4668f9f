// One-click unsubscribe (RFC 8058) at /u/<token>: a POST with no cookie is honoured at once for every survey and
// reminder of the organisation; a GET or HEAD (what link scanners send) only shows a page and changes nothing.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { distributionRules, invitations, organisations, suppressions } from "../../db/schema";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { createTestContext, ORIGIN, type TestContext } from "../support/app";
import { interaction, mailTo, publishedSurvey, tokenFromMailbox } from "../support/factories";

const DAY = 86_400_000;

/**
 * A customer who was sent survey A's invitation and still has A's reminder and survey B's invitation (due
 * tomorrow) waiting in the outbox, on a clock the test moves.
 */
async function invitedCustomer(opts: Parameters<typeof createTestContext>[0] = {}) {
  const clock = { t: Date.now() };
  const ctx = await createTestContext({ now: () => new Date(clock.t), ...opts });
  // Two surveys for one interaction: this organisation allows that (no gap between surveys to one customer).
  await ctx.db.update(organisations).set({ contactGapDays: 0 }).where(eq(organisations.id, ctx.orgId)).run();
  const surveyA = await publishedSurvey(ctx, { match: {}, delayMinutes: 0, expiresAfterDays: 14 });
  await ctx.db.update(distributionRules).set({ reminderDays: [3] }).where(eq(distributionRules.surveyId, surveyA)).run();
  const surveyB = await publishedSurvey(ctx, { match: {}, delayMinutes: 24 * 60, expiresAfterDays: 14 });
  const item = interaction();
  const email = item.customer.email;
  expect((await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [item] } })).status).toBe(202);
  const tick = () => runDispatchTick({ ...ctx.deps, now: () => new Date(clock.t) });
  expect(await tick()).toMatchObject({ sent: 1 });
  const token = await tokenFromMailbox(ctx, email);
  const outbox = () => ctx.db.select().from(invitations).where(eq(invitations.orgId, ctx.orgId)).all();
  const suppressed = () => ctx.db.select().from(suppressions).where(eq(suppressions.orgId, ctx.orgId)).all();
  return { ctx, clock, tick, token, email, surveyA, surveyB, outbox, suppressed };
}

/** What a mail client sends: no cookie, no Origin, only the one-click body in either encoding. */
function oneClick(ctx: TestContext, token: string, encoding: "urlencoded" | "multipart") {
  const body =
    encoding === "urlencoded"
      ? new URLSearchParams({ "List-Unsubscribe": "One-Click" })
      : (() => {
          const form = new FormData();
          form.set("List-Unsubscribe", "One-Click");
          return form;
        })();
  return ctx.app.request(`${ORIGIN}/u/${token}`, { method: "POST", body });
}

describe("one-click unsubscribe", () => {
  it("shows a page with the organisation's name and a button on GET, and changes nothing", async () => {
    const w = await invitedCustomer();
    const before = await w.outbox();
    const res = await w.ctx.app.request(`${ORIGIN}/u/${w.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain("Stop survey emails from Test org?");
    expect(page).toContain(w.email);
    expect(page).toMatch(/<form method="post">[\s\S]*name="List-Unsubscribe" value="One-Click"[\s\S]*<button type="submit">Unsubscribe<\/button>/);
    expect(page).not.toContain("<script");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await w.suppressed()).toEqual([]);
    expect(await w.outbox()).toEqual(before);
  });

  it("changes nothing on HEAD either", async () => {
    const w = await invitedCustomer();
    const before = await w.outbox();
    const res = await w.ctx.app.request(`${ORIGIN}/u/${w.token}`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    expect(await w.suppressed()).toEqual([]);
    expect(await w.outbox()).toEqual(before);
  });

  for (const encoding of ["urlencoded", "multipart"] as const) {
    it(`honours a ${encoding} POST with no cookie at once, answering 200 with a confirmation and no redirect`, async () => {
      const w = await invitedCustomer();
      const res = await oneClick(w.ctx, w.token, encoding);
      expect(res.status).toBe(200);
      expect(res.headers.get("location")).toBeNull();
      const page = await res.text();
      expect(page).toContain("You are unsubscribed");
      expect(page).toContain("no more surveys from Test org");
      const [entry, ...more] = await w.suppressed();
      expect(more).toEqual([]);
      const invitation = (await w.outbox()).find((r) => r.surveyId === w.surveyA && r.sequence === 0)!;
      expect(entry).toMatchObject({ reason: "unsubscribed", invitationId: invitation.id, liftedAt: null });
    });
  }

  it("cancels the customer's pending reminder and the pending invitation of another survey, and the dispatcher sends them nothing", async () => {
    const w = await invitedCustomer();
    const pending = (await w.outbox()).filter((r) => r.status === "pending");
    expect(pending.map((r) => [r.surveyId, r.sequence]).sort()).toEqual([[w.surveyA, 1], [w.surveyB, 0]].sort());

    expect((await oneClick(w.ctx, w.token, "urlencoded")).status).toBe(200);
    const rows = await w.outbox();
    for (const r of pending) expect(rows.find((x) => x.id === r.id)).toMatchObject({ status: "cancelled", cancelReason: "unsubscribed" });
    expect(rows.find((r) => r.surveyId === w.surveyA && r.sequence === 0)).toMatchObject({ status: "sent" });

    w.clock.t += 5 * DAY;
    expect(await w.tick()).toMatchObject({ sent: 0, batches: 0 });
    expect(await mailTo(w.ctx.db, w.email)).toHaveLength(1);
  });

  it("changes nothing when the POST comes again, and shows the confirmation on a later GET", async () => {
    const w = await invitedCustomer();
    expect((await oneClick(w.ctx, w.token, "urlencoded")).status).toBe(200);
    const suppressedOnce = await w.suppressed();
    const outboxOnce = await w.outbox();
    w.clock.t += 60_000;
    const again = await oneClick(w.ctx, w.token, "multipart");
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("You are unsubscribed");
    expect(await w.suppressed()).toEqual(suppressedOnce);
    expect(await w.outbox()).toEqual(outboxOnce);
    const page = await (await w.ctx.app.request(`${ORIGIN}/u/${w.token}`)).text();
    expect(page).toContain("You are unsubscribed");
    expect(page).not.toContain("<form");
  });

  it("schedules nothing for the customer's later interactions", async () => {
    const w = await invitedCustomer();
    await oneClick(w.ctx, w.token, "urlencoded");
    const later = interaction({ customer: { email: w.email, name: "Pat" } });
    const res = await w.ctx.request("/api/interactions", { apiKey: w.ctx.apiKey, body: { interactions: [later] } });
    expect(res.status).toBe(202);
    const pending = await w.ctx.db.select().from(invitations).where(and(eq(invitations.orgId, w.ctx.orgId), eq(invitations.status, "pending"))).all();
    expect(pending).toEqual([]);
  });

  it("answers a link that names nothing with a polite 404 page, on GET and POST alike", async () => {
    const ctx = await createTestContext();
    for (const method of ["GET", "POST"]) {
      const res = await ctx.app.request(`${ORIGIN}/u/${"A".repeat(43)}`, { method, ...(method === "POST" && { body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) }) });
      expect(res.status, method).toBe(404);
      expect(res.headers.get("content-type"), method).toMatch(/^text\/html/);
      expect(await res.text(), method).toContain("We do not recognise this link");
    }
  });

  it("throttles page views per network address with a page that says when to try again, but never the one-click POST", async () => {
    const w = await invitedCustomer({ clientAddress: () => "203.0.113.7" });
    let last: Response | undefined;
    for (let i = 0; i < 61; i++) last = await w.ctx.app.request(`${ORIGIN}/u/${w.token}`);
    expect(last!.status).toBe(429);
    expect(last!.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(last!.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await last!.text()).toContain("Too many requests from your network");
    expect((await oneClick(w.ctx, w.token, "urlencoded")).status).toBe(200);
    expect(await w.suppressed()).toHaveLength(1);
  });
});
