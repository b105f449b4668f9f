// Units and staff as records, responses that carry their interaction's context, and every scored answer kept.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { agents, interactions, responses, scoreRollups, units } from "../../db/schema";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { createTestContext, type TestContext } from "../support/app";
import { interaction, tokenFromMailbox } from "../support/factories";

const post = (ctx: TestContext, items: unknown[], apiKey = ctx.apiKey) => ctx.request("/api/interactions", { apiKey, body: { interactions: items } });

async function surveyWith(ctx: TestContext, elements: Record<string, unknown>[]) {
  const created = await ctx.request("/api/surveys", { as: "manager", body: { title: "Visit", definition: { pages: [{ name: "p1", elements }] } } });
  expect(created.status).toBe(201);
  const id: string = created.json.id;
  expect((await ctx.request(`/api/surveys/${id}/publish`, { as: "manager", body: {} })).status).toBe(201);
  expect((await ctx.request(`/api/surveys/${id}/rules`, { as: "manager", body: { match: {}, delayMinutes: 0, expiresAfterDays: 7 } })).status).toBe(201);
  return id;
}

/** Posts one interaction, emails its invitation and returns the link's token. */
async function invited(ctx: TestContext, over: Record<string, unknown>) {
  const email = `r${Math.random().toString(36).slice(2)}@example.org`;
  expect((await post(ctx, [interaction({ customer: { email }, ...over })])).status).toBe(202);
  await runDispatchTick({ ...ctx.deps, now: () => new Date() });
  return tokenFromMailbox(ctx, email);
}

const answer = (ctx: TestContext, token: string, data: Record<string, unknown>) => ctx.request(`/api/public/invitations/${token}/response`, { body: { data } });

describe("units and staff as records", () => {
  it("creates each unit and staff member once, however many interactions and requests name them", async () => {
    const ctx = await createTestContext();
    await post(ctx, [interaction({ unit: "North", agent: "Sam" }), interaction({ unit: "North", agent: "Jo" }), interaction({ unit: "South" })]);
    await post(ctx, [interaction({ unit: "North", agent: "Sam" })]);

    const unitRows = await ctx.db.select().from(units).all();
    const agentRows = await ctx.db.select().from(agents).all();
    expect(unitRows.map((u) => u.name).sort()).toEqual(["North", "South"]);
    expect(agentRows.map((a) => a.name).sort()).toEqual(["Jo", "Sam"]);
    const north = unitRows.find((u) => u.name === "North")!;
    const sam = agentRows.find((a) => a.name === "Sam")!;
    const stored = await ctx.db.select().from(interactions).all();
    expect(stored.filter((i) => i.unit === "North").map((i) => i.unitId)).toEqual([north.id, north.id, north.id]);
    expect(stored.filter((i) => i.agent === "Sam").map((i) => i.agentId)).toEqual([sam.id, sam.id]);
    expect(stored.find((i) => i.unit === "South")!.agentId).toBeNull();
  });

  it("keeps one organisation's unit apart from another's of the same name", async () => {
    const ctx = await createTestContext();
    const other = await ctx.addOrganisation("Other Co");
    await post(ctx, [interaction({ unit: "North", agent: "Sam" })]);
    await post(ctx, [interaction({ unit: "North", agent: "Sam" })], other.apiKey);

    const unitRows = await ctx.db.select().from(units).all();
    expect(unitRows.map((u) => u.orgId).sort()).toEqual([ctx.orgId, other.orgId].sort());
    expect(await ctx.db.select().from(agents).all()).toHaveLength(2);
    for (const i of await ctx.db.select().from(interactions).all()) {
      expect(unitRows.find((u) => u.id === i.unitId)!.orgId).toBe(i.orgId);
    }
  });

  it("creates a name once when requests carrying it arrive at the same moment", async () => {
    const ctx = await createTestContext();
    const results = await Promise.all([1, 2, 3].map(() => post(ctx, [interaction({ unit: "North", agent: "Sam" })])));
    expect(results.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(await ctx.db.select().from(units).all()).toHaveLength(1);
    expect(await ctx.db.select().from(agents).all()).toHaveLength(1);
    expect(await ctx.db.select().from(interactions).all()).toHaveLength(3);
  });
});

describe("a response knows its context", () => {
  it("stores the interaction's unit, staff member, channel, type and time on the response and on each score", async () => {
    const ctx = await createTestContext();
    await surveyWith(ctx, [
      { type: "rating", name: "nps", title: "Recommend us?", rateMin: 0, rateMax: 10, metric: "nps" },
      { type: "rating", name: "csat", title: "Satisfied?", rateMin: 1, rateMax: 5, metric: "csat" },
    ]);
    const occurredAt = "2026-11-20T09:30:00.000Z";
    const token = await invited(ctx, { unit: "North", agent: "Sam", channel: "phone", type: "complaint", occurredAt });
    expect((await answer(ctx, token, { nps: 9, csat: 4 })).status).toBe(201);

    const unit = await ctx.db.select().from(units).get();
    const agent = await ctx.db.select().from(agents).get();
    const [response] = await ctx.db.select().from(responses).all();
    expect(response).toMatchObject({ unitId: unit!.id, agentId: agent!.id, channel: "phone", interactionType: "complaint", interactionAt: new Date(occurredAt) });
    expect([...response!.scores].sort((a, b) => a.metric.localeCompare(b.metric))).toEqual([
      { metric: "csat", series: "csat@1-5", question: "csat", value: 4 },
      { metric: "nps", series: "nps@0-10", question: "nps", value: 9 },
    ]);
    // The unit rollup counts the answer under its unit, the agent rollup under its agent.
    const cells = await ctx.db.select().from(scoreRollups).where(eq(scoreRollups.series, "nps@0-10")).all();
    expect(cells.find((c) => c.grain === "unit/day")).toMatchObject({ segment: unit!.id, n: 1, sum: 9, hi: 1, lo: 0 });
    expect(cells.find((c) => c.grain === "agent/month")).toMatchObject({ segment: agent!.id, n: 1 });
    expect(cells.find((c) => c.grain === "channel/day")).toMatchObject({ segment: "phone", n: 1 });
  });

  it("keeps every rated answer, so a survey with two CSAT questions counts both", async () => {
    const ctx = await createTestContext();
    await surveyWith(ctx, [
      { type: "rating", name: "staff", title: "Satisfied with our staff?", rateMin: 1, rateMax: 5, metric: "csat" },
      { type: "rating", name: "solution", title: "Satisfied with the solution?", rateMin: 1, rateMax: 5, metric: "csat" },
      { type: "comment", name: "comment", title: "Anything else?", metric: "comment" },
    ]);
    const token = await invited(ctx, {});
    expect((await answer(ctx, token, { staff: 5, solution: 2, comment: "Slow fix" })).status).toBe(201);

    const [response] = await ctx.db.select().from(responses).all();
    expect(response!.scores.map((s) => [s.question, s.metric, s.value]).sort()).toEqual([
      ["solution", "csat", 2],
      ["staff", "csat", 5],
    ]);
    const day = await ctx.db.select().from(scoreRollups).where(eq(scoreRollups.grain, "all/day")).all();
    expect(day.sort((a, b) => a.series.localeCompare(b.series))).toEqual([
      expect.objectContaining({ series: "*responses", n: 1 }),
      expect.objectContaining({ series: "csat@1-5", n: 2, sum: 7, sumSq: 29, hi: 1, lo: 1 }),
    ]);
  });

  it("stores no scores and counts only the response when nothing rated was answered", async () => {
    const ctx = await createTestContext();
    await surveyWith(ctx, [
      { type: "rating", name: "csat", title: "Satisfied?", rateMin: 1, rateMax: 5, metric: "csat" },
      { type: "comment", name: "comment", title: "Anything else?" },
    ]);
    const token = await invited(ctx, {});
    expect((await answer(ctx, token, { comment: "Just a note" })).status).toBe(201);
    expect(await ctx.db.select().from(responses).all()).toHaveLength(1);
    expect((await ctx.db.select().from(responses).get())!.scores).toEqual([]);
    // Only the response count: nothing under any metric.
    expect(new Set((await ctx.db.select().from(scoreRollups).all()).map((c) => c.series))).toEqual(new Set(["*responses"]));
  });
});
