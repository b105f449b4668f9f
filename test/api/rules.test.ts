// Distribution rules through the API: every field, edits that leave scheduled invitations alone, pause, soft delete,
// the values pickers offer, and the dry run's counts over the last 30 days.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { customers, distributionRules, invitations, ruleDecisions, suppressions } from "../../db/schema";
import { inSample } from "../../server/domain/distribution";
import { createTestContext, type TestContext } from "../support/app";
import { interaction, publishedSurvey, surveyDefinition } from "../support/factories";

const DAY = 86_400_000;
const daysAgo = (d: number, minutes = 0) => new Date(Date.now() - d * DAY - minutes * 60_000).toISOString();

async function ingest(ctx: TestContext, items: unknown[], apiKey = ctx.apiKey) {
  let invited = 0;
  for (let i = 0; i < items.length; i += 1000) {
    const res = await ctx.request("/api/interactions", { apiKey, body: { interactions: items.slice(i, i + 1000) } });
    if (res.status !== 202) throw new Error(`ingest: ${res.status} ${res.text}`);
    invited += res.json.invitations;
  }
  return invited;
}

/** A published survey with no rule yet, so interactions stored before a test's rule invite nobody. */
async function bareSurvey(ctx: TestContext) {
  const id: string = (await ctx.request("/api/surveys", { as: "manager", body: { title: "After-service", definition: surveyDefinition() } })).json.id;
  expect((await ctx.request(`/api/surveys/${id}/publish`, { as: "manager", body: {} })).status).toBe(201);
  return id;
}

const fullRule = {
  match: {
    types: ["complaint"],
    channels: ["phone"],
    units: ["North branch"],
    attributes: [
      { key: "tier", op: "is-one-of", value: ["gold", "silver"] },
      { key: "orderValue", op: "at-least", value: 100 },
    ],
  },
  delayMinutes: 60,
  expiresAfterDays: 7,
  samplePercent: 50,
  reminderDays: [3, 2],
  contactGapDays: 14,
  active: true,
};

describe("distribution rules", () => {
  it("saves a rule with every field and lists it as saved", async () => {
    const ctx = await createTestContext();
    const survey = await bareSurvey(ctx);
    const created = await ctx.request(`/api/surveys/${survey}/rules`, { as: "manager", body: fullRule });
    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({ ...fullRule, surveyId: survey, updatedAt: null });
    const listed = await ctx.request(`/api/surveys/${survey}/rules`, { as: "reviewer" });
    expect(listed.json.items).toEqual([created.json]);
  });

  it("fills in every customer, no reminders, the organisation's gap and running when only the timing is sent", async () => {
    const ctx = await createTestContext();
    const survey = await bareSurvey(ctx);
    const created = await ctx.request(`/api/surveys/${survey}/rules`, { as: "admin", body: { delayMinutes: 0, expiresAfterDays: 3 } });
    expect(created.json).toMatchObject({
      match: { types: [], channels: [], units: [], attributes: [] },
      samplePercent: 100,
      reminderDays: [],
      contactGapDays: null,
      active: true,
    });
  });

  it("changes only what a PATCH sends, and leaves the invitations already scheduled as they were", async () => {
    const ctx = await createTestContext();
    const survey = await bareSurvey(ctx);
    const rule = (await ctx.request(`/api/surveys/${survey}/rules`, { as: "manager", body: { delayMinutes: 0, expiresAfterDays: 7, reminderDays: [2] } })).json;
    const first = interaction({ occurredAt: daysAgo(0, 5) });
    await ingest(ctx, [first]);
    const before = await ctx.db.select().from(invitations).where(eq(invitations.surveyId, survey)).orderBy(invitations.sequence).all();
    expect(before.map((i) => i.sequence)).toEqual([0, 1]);

    const changed = await ctx.request(`/api/surveys/${survey}/rules/${rule.id}`, { as: "manager", method: "PATCH", body: { delayMinutes: 600, reminderDays: [] } });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json).toMatchObject({ delayMinutes: 600, reminderDays: [], expiresAfterDays: 7, samplePercent: 100, active: true });
    expect(changed.json.updatedAt).not.toBeNull();
    expect(await ctx.db.select().from(invitations).where(eq(invitations.surveyId, survey)).orderBy(invitations.sequence).all()).toEqual(before);

    const second = interaction({ occurredAt: daysAgo(0, 5) });
    await ingest(ctx, [second]);
    const later = await ctx.db.select().from(invitations).where(eq(invitations.surveyId, survey)).all();
    const added = later.filter((i) => !before.some((b) => b.id === i.id));
    expect(added).toHaveLength(1);
    expect(added[0]!.sendAt.getTime()).toBe(new Date(second.occurredAt).getTime() + 600 * 60_000);
  });

  it("invites nobody while paused, and again once resumed", async () => {
    const ctx = await createTestContext();
    const survey = await bareSurvey(ctx);
    const rule = (await ctx.request(`/api/surveys/${survey}/rules`, { as: "manager", body: { delayMinutes: 0, expiresAfterDays: 7 } })).json;
    const paused = await ctx.request(`/api/surveys/${survey}/rules/${rule.id}`, { as: "manager", method: "PATCH", body: { active: false } });
    expect(paused.json.active).toBe(false);
    expect(await ingest(ctx, [interaction()])).toBe(0);
    expect((await ctx.request(`/api/surveys/${survey}/rules`, { as: "manager" })).json.items[0].active).toBe(false);
    await ctx.request(`/api/surveys/${survey}/rules/${rule.id}`, { as: "manager", method: "PATCH", body: { active: true } });
    expect(await ingest(ctx, [interaction()])).toBe(1);
  });

  it("deletes a rule from the list and from the pass, but keeps its row for the invitations it made", async () => {
    const ctx = await createTestContext();
    const survey = await bareSurvey(ctx);
    const rule = (await ctx.request(`/api/surveys/${survey}/rules`, { as: "manager", body: { delayMinutes: 0, expiresAfterDays: 7 } })).json;
    expect(await ingest(ctx, [interaction()])).toBe(1);
    const removed = await ctx.request(`/api/surveys/${survey}/rules/${rule.id}`, { as: "manager", method: "DELETE" });
    expect(removed.status).toBe(204);
    expect((await ctx.request(`/api/surveys/${survey}/rules`, { as: "manager" })).json.items).toEqual([]);
    expect(await ingest(ctx, [interaction()])).toBe(0);
    const row = await ctx.db.select().from(distributionRules).where(eq(distributionRules.id, rule.id)).get();
    expect(row?.deletedAt).toBeInstanceOf(Date);
    expect(await ctx.db.select().from(invitations).where(eq(invitations.ruleId, rule.id)).all()).toHaveLength(1);
    // Gone is gone: neither a change nor a second delete finds it.
    expect((await ctx.request(`/api/surveys/${survey}/rules/${rule.id}`, { as: "manager", method: "PATCH", body: { active: true } })).status).toBe(404);
    expect((await ctx.request(`/api/surveys/${survey}/rules/${rule.id}`, { as: "manager", method: "DELETE" })).status).toBe(404);
  });

  it("refuses a reminder that would go when the link has closed, and says which and why", async () => {
    const ctx = await createTestContext();
    const survey = await bareSurvey(ctx);
    const late = await ctx.request(`/api/surveys/${survey}/rules`, { as: "manager", body: { delayMinutes: 0, expiresAfterDays: 7, reminderDays: [3, 4] } });
    expect(late.status).toBe(422);
    expect(late.json.errors).toEqual([
      {
        path: "/reminderDays/1",
        message: "The second reminder would go 7 days (3 + 4) after the invitation, when the link has closed (it stays open 7 days): remind sooner, or keep the link open longer.",
      },
    ]);
    // A change to the expiry alone is weighed against the reminders already saved.
    const rule = (await ctx.request(`/api/surveys/${survey}/rules`, { as: "manager", body: { delayMinutes: 0, expiresAfterDays: 7, reminderDays: [3, 3] } })).json;
    const shorter = await ctx.request(`/api/surveys/${survey}/rules/${rule.id}`, { as: "manager", method: "PATCH", body: { expiresAfterDays: 3 } });
    expect(shorter.status).toBe(422);
    expect(shorter.json.errors.map((e: { path: string }) => e.path)).toEqual(["/reminderDays/0", "/reminderDays/1"]);
    expect(shorter.json.detail).toMatch(/^Fix 2 things: The first reminder would go 3 days after the invitation, when the link has closed/);
  });

  it("names each wrong field of a rule in words a person can act on", async () => {
    const ctx = await createTestContext();
    const survey = await bareSurvey(ctx);
    const res = await ctx.request(`/api/surveys/${survey}/rules`, {
      as: "manager",
      body: {
        match: { units: [""], attributes: [{ key: "tier", op: "at-least", value: "gold" }, { key: "x", op: "about", value: 1 }] },
        delayMinutes: 0,
        expiresAfterDays: 7,
        samplePercent: 0,
        reminderDays: [1, 1, 1],
        contactGapDays: 400,
      },
    });
    expect(res.status).toBe(422);
    expect(Object.fromEntries(res.json.errors.map((e: { path: string; message: string }) => [e.path, e.message]))).toEqual({
      "/match/units/0": "Units: leave out empty entries between commas.",
      "/match/attributes/0/value": "Attribute “tier”: “is at least” compares numbers; enter a number.",
      "/match/attributes/1/op": "Attribute conditions: choose how to compare (is, is-not, at-least, at-most or is-one-of).",
      "/samplePercent": "Survey at least 1 percent of customers; pause the rule to survey none.",
      "/reminderDays": "Send at most 2 reminders.",
      "/contactGapDays": "Enter at most 365 days between surveys.",
    });
    const empty = await ctx.request(`/api/surveys/${survey}/rules/${crypto.randomUUID()}`, { as: "manager", method: "PATCH", body: {} });
    expect(empty.status).toBe(422);
    expect(empty.json.detail).toBe("Send at least one change, such as { \"active\": false } to pause the rule.");
  });

  it("answers 404 for a rule of another survey or another organisation, and changes neither", async () => {
    const ctx = await createTestContext();
    const other = await ctx.addOrganisation("Other org");
    const theirSurvey = await publishedSurvey(ctx, { delayMinutes: 0, expiresAfterDays: 7 }, other.admin);
    const theirRule = (await ctx.request(`/api/surveys/${theirSurvey}/rules`, { ...other.admin })).json.items[0];
    const ours = await publishedSurvey(ctx);
    const ourOther = await bareSurvey(ctx);
    const ourRule = (await ctx.request(`/api/surveys/${ours}/rules`, { as: "manager" })).json.items[0];
    for (const [survey, rule] of [
      [theirSurvey, theirRule.id],
      [ours, theirRule.id],
      [ourOther, ourRule.id],
    ]) {
      expect((await ctx.request(`/api/surveys/${survey}/rules/${rule}`, { as: "admin", method: "PATCH", body: { active: false } })).status).toBe(404);
      expect((await ctx.request(`/api/surveys/${survey}/rules/${rule}`, { as: "admin", method: "DELETE" })).status).toBe(404);
    }
    expect((await ctx.request(`/api/surveys/${theirSurvey}/rules`, { ...other.admin })).json.items).toEqual([theirRule]);
    expect((await ctx.request(`/api/surveys/${ours}/rules`, { as: "manager" })).json.items).toEqual([ourRule]);
  });
});

describe("values already seen", () => {
  it("counts the types, channels, units and attribute names of the organisation's interactions, and no one else's", async () => {
    const ctx = await createTestContext();
    const other = await ctx.addOrganisation("Other org");
    await ingest(ctx, [
      interaction({ type: "complaint", channel: "phone", unit: "North", attributes: { tier: "gold", orderValue: 120 } }),
      interaction({ type: "complaint", channel: "email", unit: "North", attributes: { tier: "silver" } }),
      interaction({ type: "enquiry", channel: "phone", unit: "South" }),
    ]);
    await ingest(ctx, [interaction({ type: "secret-type", channel: "pigeon", unit: "Their unit", attributes: { theirKey: 1 } })], other.apiKey);
    const res = await ctx.request("/api/rules/seen-values", { as: "reviewer" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      scanned: 3,
      types: [
        { value: "complaint", count: 2 },
        { value: "enquiry", count: 1 },
      ],
      channels: [
        { value: "phone", count: 2 },
        { value: "email", count: 1 },
      ],
      units: [
        { value: "North", count: 2 },
        { value: "South", count: 1 },
      ],
      attributeKeys: [
        { value: "tier", count: 2 },
        { value: "orderValue", count: 1 },
      ],
    });
  });

  it("answers empty lists before any interaction arrives", async () => {
    const ctx = await createTestContext();
    expect((await ctx.request("/api/rules/seen-values", { as: "manager" })).json).toEqual({ scanned: 0, types: [], channels: [], units: [], attributeKeys: [] });
  });
});

type DryRun = { interactions: number; surveyed: { count: number; reminders: number; examples: { externalId: string }[] }; notSurveyed: { reason: string; count: number; examples: { externalId: string }[] }[]; sampling: string };
const counts = (run: DryRun) => Object.fromEntries(run.notSurveyed.map((r) => [r.reason, r.count]));

describe("the dry run", () => {
  it("counts what a rule would have surveyed over the last 30 days and why each other interaction was not", async () => {
    const ctx = await createTestContext();
    const survey = await bareSurvey(ctx);
    const base = { type: "complaint", channel: "phone", unit: "North", attributes: { tier: "gold" } };
    const item = (email: string, over: Record<string, unknown>, days: number) =>
      interaction({ ...base, customer: { email }, occurredAt: daysAgo(days), externalId: `${email}-${days}`, ...over });
    const items = [
      item("a@x.example", {}, 20),
      item("a@x.example", {}, 10), // the same customer ten days later: held by the 30-day gap
      item("b@x.example", {}, 5),
      item("c@x.example", { type: "enquiry" }, 5),
      item("d@x.example", { channel: "email" }, 5),
      item("e@x.example", { unit: "South" }, 5),
      item("f@x.example", { attributes: { tier: "bronze" } }, 5),
      item("g@x.example", {}, 4), // suppressed below
      item("h@x.example", {}, 3), // surveyed by another survey two days ago: held
      item("old@x.example", {}, 40), // outside the window
    ];
    await ingest(ctx, items);
    const customer = async (email: string) => (await ctx.db.select().from(customers).where(and(eq(customers.orgId, ctx.orgId), eq(customers.email, email))).get())!;
    await ctx.db.insert(suppressions).values({ orgId: ctx.orgId, customerId: (await customer("g@x.example")).id, reason: "unsubscribed" }).run();
    // Another survey's rule, live when h's next interaction arrives, invites h at once.
    await publishedSurvey(ctx, { match: { types: ["follow-up"] }, delayMinutes: 0, expiresAfterDays: 7 });
    await ingest(ctx, [interaction({ type: "follow-up", customer: { email: "h@x.example" }, occurredAt: daysAgo(2) })]);
    const rulesBefore = (await ctx.db.select().from(distributionRules).all()).length;
    const invitationsBefore = (await ctx.db.select().from(invitations).all()).length;

    const res = await ctx.request(`/api/surveys/${survey}/rules/dry-run`, {
      as: "manager",
      body: { match: { types: ["Complaint"], channels: ["phone"], units: ["north"], attributes: [{ key: "tier", op: "is", value: "gold" }] }, delayMinutes: 60, expiresAfterDays: 7, reminderDays: [2, 2] },
    });
    expect(res.status, res.text).toBe(200);
    const run: DryRun = res.json;
    expect(run.interactions).toBe(10); // nine of the list, and h's follow-up
    expect(run.surveyed.count).toBe(2);
    expect(run.surveyed.examples.map((e) => e.externalId)).toEqual(["a@x.example-20", "b@x.example-5"]);
    expect(run.surveyed.reminders).toBe(4);
    expect(counts(run)).toEqual({ type: 2, channel: 1, unit: 1, attributes: 1, suppressed: 1, "sampled-out": 0, "held-contact": 2, "too-late": 0 });
    expect(run.notSurveyed.find((r) => r.reason === "held-contact")!.examples.map((e) => e.externalId)).toEqual(["a@x.example-10", "h@x.example-3"]);
    expect(run.sampling).toBe("estimate");
    // Nothing saved, nothing scheduled, nothing decided.
    expect(await ctx.db.select().from(distributionRules).all()).toHaveLength(rulesBefore);
    expect(await ctx.db.select().from(invitations).all()).toHaveLength(invitationsBefore);
    expect(await ctx.db.select().from(ruleDecisions).where(eq(ruleDecisions.surveyId, survey)).all()).toEqual([]);

    // With no gap of its own, every complaint of a customer not suppressed goes: a twice, b, d, e, f and h.
    const ownGap = await ctx.request(`/api/surveys/${survey}/rules/dry-run`, { as: "manager", body: { match: { types: ["complaint"] }, delayMinutes: 60, expiresAfterDays: 7, contactGapDays: 0 } });
    expect(ownGap.json.surveyed.count).toBe(7);
    expect(counts(ownGap.json)["held-contact"]).toBe(0);
  });

  it("samples as the saved rule does when trying changes to it, leaving out its own invitations", async () => {
    const ctx = await createTestContext();
    const survey = await bareSurvey(ctx);
    const rule = (await ctx.request(`/api/surveys/${survey}/rules`, { as: "manager", body: { delayMinutes: 0, expiresAfterDays: 7, samplePercent: 50 } })).json;
    const items = Array.from({ length: 60 }, (_, i) => interaction({ customer: { email: `s${i}@x.example` }, occurredAt: daysAgo(1) }));
    const invited = await ingest(ctx, items);
    const ids = (await ctx.db.select({ id: customers.id }).from(customers).where(eq(customers.orgId, ctx.orgId)).all()).map((c) => c.id);
    const expected = ids.filter((id) => inSample(rule.id, id, 50)).length;
    expect(invited).toBe(expected);
    const res = await ctx.request(`/api/surveys/${survey}/rules/dry-run?ruleId=${rule.id}`, { as: "manager", body: { delayMinutes: 0, expiresAfterDays: 7, samplePercent: 50 } });
    expect(res.json.sampling).toBe("as-saved");
    expect(res.json.surveyed.count).toBe(expected);
    expect(counts(res.json)["sampled-out"]).toBe(60 - expected);
    expect(counts(res.json)["held-contact"]).toBe(0);
    expect((await ctx.request(`/api/surveys/${survey}/rules/dry-run?ruleId=${crypto.randomUUID()}`, { as: "manager", body: { delayMinutes: 0, expiresAfterDays: 7 } })).status).toBe(404);
  });

  it("decides thousands of interactions page by page, keeping contact rules across pages", async () => {
    const ctx = await createTestContext();
    const survey = await bareSurvey(ctx);
    // 600 customers with five interactions each, a few days apart, interleaved so every page holds some of each.
    const items = Array.from({ length: 3000 }, (_, i) => interaction({ customer: { email: `p${i % 600}@x.example` }, occurredAt: daysAgo(25 - Math.floor(i / 600) * 5, i % 600) }));
    await ingest(ctx, items);
    const res = await ctx.request(`/api/surveys/${survey}/rules/dry-run`, { as: "manager", body: { delayMinutes: 0, expiresAfterDays: 7 } });
    expect(res.json.interactions).toBe(3000);
    expect(res.json.surveyed.count).toBe(600);
    expect(counts(res.json)["held-contact"]).toBe(2400);
  }, 60_000);

  it("checks the rule like a save does, and needs a survey of the organisation", async () => {
    const ctx = await createTestContext();
    const survey = await bareSurvey(ctx);
    const bad = await ctx.request(`/api/surveys/${survey}/rules/dry-run`, { as: "manager", body: { delayMinutes: 0, expiresAfterDays: 2, reminderDays: [2] } });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].path).toBe("/reminderDays/0");
    expect((await ctx.request(`/api/surveys/${crypto.randomUUID()}/rules/dry-run`, { as: "manager", body: { delayMinutes: 0, expiresAfterDays: 2 } })).status).toBe(404);
    expect((await ctx.request(`/api/surveys/${survey}/rules/dry-run`, { as: "reviewer", body: { delayMinutes: 0, expiresAfterDays: 2 } })).status).toBe(403);
  });
});
