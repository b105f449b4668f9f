// The funnel on a scenario built to reach every step: sampling, contact rules, a suppressed address, an interaction
// too old to invite, sends through the dispatcher, a delivery, a bounce, a visit, an answer and an unsubscribe.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { customers, invitations, suppressions } from "../../db/schema";
import { inSample } from "../../server/domain/distribution";
import { proportion } from "../../server/domain/stats";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { createTestContext, type TestContext } from "../support/app";
import { interaction, publishedSurvey, tokenFromMailbox } from "../support/factories";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function ingest(ctx: TestContext, items: ReturnType<typeof interaction>[], apiKey = ctx.apiKey) {
  const res = await ctx.request("/api/interactions", { apiKey, body: { interactions: items } });
  expect(res.status, res.text).toBe(202);
}

const visit = (email: string, unit: string, over: Record<string, unknown> = {}) =>
  interaction({ customer: { email, name: email.split("@")[0] }, unit, occurredAt: new Date(Date.now() - 2 * HOUR).toISOString(), ...over });

const customerId = async (ctx: TestContext, email: string) => (await ctx.db.select().from(customers).where(eq(customers.email, email)).get())!.id;
const invitationTo = async (ctx: TestContext, email: string) => (await ctx.db.select().from(invitations).where(eq(invitations.email, email)).all()).find((i) => i.sequence === 0)!;

type Step = { step: string; count: number; of: string | null; pct: number | null };
const countsOf = (steps: Step[]) => Object.fromEntries(steps.map((s) => [s.step, s.count]));

async function scenario() {
  const ctx = await createTestContext();
  const surveyId = await publishedSurvey(ctx, { match: { types: ["enquiry"] }, delayMinutes: 0, expiresAfterDays: 7 });
  const sampled = await ctx.request(`/api/surveys/${surveyId}/rules`, { as: "manager", body: { match: { types: ["complaint"] }, delayMinutes: 0, expiresAfterDays: 7, samplePercent: 50 } });
  expect(sampled.status, sampled.text).toBe(201);
  const rules: { id: string; samplePercent: number }[] = (await ctx.request(`/api/surveys/${surveyId}/rules`, { as: "manager" })).json.items;
  const enquiries = rules.find((r) => r.samplePercent === 100)!.id;
  const complaints = sampled.json.id as string;
  // Another survey's interactions count among the organisation's, but none of them is matched by this one.
  await publishedSurvey(ctx, { match: { types: ["delivery"] }, delayMinutes: 0, expiresAfterDays: 7 });

  // An address already suppressed before its enquiry arrives: first known from an interaction no rule wants.
  await ingest(ctx, [visit("held-back@example.org", "South", { type: "reception" })]);
  await ctx.db.insert(suppressions).values({ orgId: ctx.orgId, customerId: await customerId(ctx, "held-back@example.org"), reason: "bounced", detail: "550 No such user" }).run();

  const complainers = ["c1@example.org", "c2@example.org", "c3@example.org", "c4@example.org"];
  await ingest(ctx, [
    visit("answers@example.org", "North"),
    // The same customer again, an hour later: one survey every 30 days, so this one is held.
    visit("answers@example.org", "North", { occurredAt: new Date(Date.now() - HOUR).toISOString() }),
    visit("bounces@example.org", "North"),
    visit("unsubscribes@example.org", "South"),
    visit("silent@example.org", "South"),
    visit("held-back@example.org", "South"),
    // Three weeks old: its link would have closed already, so no one is invited for it.
    visit("late@example.org", "North", { occurredAt: new Date(Date.now() - 21 * DAY).toISOString() }),
    visit("parcel@example.org", "South", { type: "delivery" }),
    ...complainers.map((email) => visit(email, "North", { type: "complaint" })),
  ]);
  // Another organisation's interactions never reach these counts.
  const other = await ctx.addOrganisation("Other org");
  await ingest(ctx, [visit("elsewhere@example.org", "North")], other.apiKey);

  await runDispatchTick({ ...ctx.deps, now: () => new Date() });
  const at = new Date();
  const mark = async (email: string, patch: Partial<typeof invitations.$inferInsert>) =>
    ctx.db.update(invitations).set(patch).where(eq(invitations.id, (await invitationTo(ctx, email)).id)).run();
  await mark("answers@example.org", { delivery: "delivered", deliveredAt: at });
  await mark("unsubscribes@example.org", { delivery: "delivered", deliveredAt: at });
  await mark("bounces@example.org", { delivery: "bounced", deliveryDetail: "550 5.1.1 User unknown" });
  const token = await tokenFromMailbox(ctx, "answers@example.org");
  expect((await ctx.request(`/api/public/invitations/${token}`)).status).toBe(200);
  expect((await ctx.request(`/api/public/invitations/${token}/response`, { body: { data: { nps: 10 } } })).status).toBe(201);
  const unsubscribed = await invitationTo(ctx, "unsubscribes@example.org");
  await ctx.db.insert(suppressions).values({ orgId: ctx.orgId, customerId: unsubscribed.customerId!, reason: "unsubscribed", invitationId: unsubscribed.id }).run();

  // Sampling is a hash of the rule and the customer: work out who the complaints rule picked.
  const picked = (await Promise.all(complainers.map(async (email) => inSample(complaints, await customerId(ctx, email), 50)))).filter(Boolean).length;
  const units: { id: string; name: string }[] = (await ctx.request("/api/analytics/filters", { as: "reviewer" })).json.units;
  return { ctx, surveyId, enquiries, complaints, picked, north: units.find((u) => u.name === "North")!.id, other };
}

describe("the funnel", () => {
  it("follows a survey's interactions of the period from matched to unsubscribed, each step with its share", async () => {
    const { ctx, surveyId, picked } = await scenario();
    const res = await ctx.request(`/api/analytics/funnel?surveyId=${surveyId}&range=30d`, { as: "reviewer" });
    expect(res.status, res.text).toBe(200);
    const sent = 4 + picked;
    expect(countsOf(res.json.steps)).toEqual({
      interactions: 13,
      matched: 11,
      sampledOut: 4 - picked,
      heldContact: 1,
      suppressed: 1,
      tooLate: 1,
      scheduled: sent,
      sent,
      // Reported by the provider; the answered one would count even without a report.
      delivered: 2,
      bounced: 1,
      opened: 1,
      completed: 1,
      unsubscribed: 1,
    });
    const step = (name: string) => (res.json.steps as Step[]).find((s) => s.step === name)!;
    expect(step("matched")).toEqual({ step: "matched", count: 11, of: "interactions", pct: (11 / 13) * 100 });
    expect(step("heldContact")).toMatchObject({ of: "matched", pct: (1 / 11) * 100 });
    expect(step("bounced")).toMatchObject({ of: "sent", pct: (1 / sent) * 100 });
    expect(step("interactions")).toMatchObject({ of: null, pct: null });
    const rate = proportion(1, sent);
    expect(res.json.responseRate).toEqual({ completed: 1, sent, pct: rate.pct, ci95: rate.ci95 });
    expect(res.json.responseRate.ci95[0]).toBeGreaterThan(0);
  });

  it("narrows to one rule and one unit", async () => {
    const { ctx, surveyId, complaints, enquiries, picked, north } = await scenario();
    const byRule = (await ctx.request(`/api/analytics/funnel?surveyId=${surveyId}&ruleId=${complaints}`, { as: "reviewer" })).json;
    expect(countsOf(byRule.steps)).toMatchObject({ interactions: 13, matched: 4, sampledOut: 4 - picked, scheduled: picked, sent: picked, completed: 0 });
    expect(byRule.ruleId).toBe(complaints);

    const atNorth = (await ctx.request(`/api/analytics/funnel?surveyId=${surveyId}&ruleId=${enquiries}&unitId=${north}`, { as: "reviewer" })).json;
    expect(countsOf(atNorth.steps)).toMatchObject({ interactions: 8, matched: 4, heldContact: 1, tooLate: 1, scheduled: 2, sent: 2, delivered: 1, bounced: 1, completed: 1, unsubscribed: 0 });
    expect(atNorth.responseRate).toMatchObject({ completed: 1, sent: 2, pct: 50 });
  });

  it("counts interactions by when they happened, so a period can leave the old one out", async () => {
    const { ctx, surveyId } = await scenario();
    const day = (ms: number) => new Date(Date.now() + ms).toISOString().slice(0, 10);
    const res = await ctx.request(`/api/analytics/funnel?surveyId=${surveyId}&from=${day(-7 * DAY)}&to=${day(DAY)}`, { as: "reviewer" });
    expect(countsOf(res.json.steps)).toMatchObject({ interactions: 12, matched: 10, tooLate: 0 });
    expect(res.json).toMatchObject({ fromDay: day(-7 * DAY), toDay: day(DAY), timeZone: "UTC" });
  });

  it("shows nothing sent as no response rate rather than zero", async () => {
    const ctx = await createTestContext();
    const surveyId = await publishedSurvey(ctx);
    const res = await ctx.request(`/api/analytics/funnel?surveyId=${surveyId}`, { as: "reviewer" });
    expect(res.status).toBe(200);
    expect(res.json.responseRate).toEqual({ completed: 0, sent: 0, pct: null, ci95: null });
    expect((res.json.steps as Step[]).every((s) => s.count === 0)).toBe(true);
  });

  it("answers another organisation's rule or unit as one that does not exist, and a period back to front in words", async () => {
    const { ctx, surveyId, other } = await scenario();
    const theirSurvey = await publishedSurvey(ctx, { match: {}, delayMinutes: 0, expiresAfterDays: 7 }, other.admin);
    const theirRule = (await ctx.request(`/api/surveys/${theirSurvey}/rules`, { ...other.admin })).json.items[0].id;
    const theirUnit = (await ctx.request("/api/analytics/filters", { ...other.admin })).json.units[0].id;
    const rule = await ctx.request(`/api/analytics/funnel?surveyId=${surveyId}&ruleId=${theirRule}`, { as: "reviewer" });
    expect(rule.status).toBe(404);
    expect(rule.json.detail).toBe("This survey has no rule with that id.");
    const unit = await ctx.request(`/api/analytics/funnel?surveyId=${surveyId}&unitId=${theirUnit}`, { as: "reviewer" });
    expect(unit.status).toBe(404);
    expect((await ctx.request(`/api/analytics/funnel?surveyId=${theirSurvey}`, { as: "reviewer" })).status).toBe(404);
    const backwards = await ctx.request(`/api/analytics/funnel?surveyId=${surveyId}&from=2026-03-01&to=2026-02-01`, { as: "reviewer" });
    expect(backwards.status).toBe(422);
    expect(backwards.json.errors).toEqual([{ path: "/from", message: "Choose a “From” date before the “To” date." }]);
  });
});
