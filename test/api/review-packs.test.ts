// Review packs: prepared for a period, frozen against late answers, discussed, concluded, closed; actions carried on.
import { describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/app";
import { publishedSurvey } from "../support/factories";

function clock(start: string) {
  let at = new Date(start).getTime();
  return {
    now: () => new Date(at),
    advance: (minutes: number) => {
      at += minutes * 60_000;
    },
  };
}

async function setUp() {
  const time = clock("2030-10-08T10:00:00Z");
  const ctx = await createTestContext({ now: time.now });
  const surveyId = await publishedSurvey(ctx);
  const answer = (n: number, nps: number, from = 0) =>
    ctx.request("/api/responses/import", {
      apiKey: ctx.apiKey,
      body: {
        surveyId,
        responses: Array.from({ length: n }, (_, i) => ({ externalId: `r-${nps}-${from + i}`, respondedAt: `2030-09-${String(10 + (i % 15)).padStart(2, "0")}T09:00:00Z`, answers: { nps, csat: nps >= 9 ? 5 : 2 }, unit: "North" })),
      },
    });
  return { ctx, time, surveyId, answer };
}

async function npsKpi(ctx: TestContext) {
  const res = await ctx.request("/api/kpis", { as: "manager", body: { name: "NPS", metric: "nps", target: 30, warning: 10, direction: "higher", period: "month" } });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

describe("review packs", () => {
  it("freezes the figures: answers that arrive later are counted in a note and change nothing else", async () => {
    const { ctx, time, answer } = await setUp();
    await npsKpi(ctx);
    expect((await answer(20, 10)).status).toBe(201);
    expect((await answer(10, 2)).status).toBe(201);
    time.advance(5);
    const made = await ctx.request("/api/review-packs", { as: "reviewer", body: { period: "month", day: "2030-09-15" } });
    expect(made.status, made.text).toBe(201);
    expect(made.json).toMatchObject({ title: "September 2030 service-quality review", status: "draft", fromDay: "2030-09-01", toDay: "2030-09-30", lateAnswers: 0 });
    const kpi = made.json.snapshot.kpis[0];
    expect(kpi).toMatchObject({ name: "NPS", reading: { n: 30 } });
    expect(kpi.reading.value).toBeCloseTo(((20 - 10) / 30) * 100, 5);
    expect(made.json.snapshot.responses).toBe(30);

    time.advance(60);
    expect((await answer(15, 0, 100)).status).toBe(201);
    const later = await ctx.request(`/api/review-packs/${made.json.id}`, { as: "manager" });
    expect(later.json.snapshot).toEqual(made.json.snapshot);
    expect(later.json.lateAnswers).toBe(15);
    // The live figures did move: the pack is what kept them.
    const live = await ctx.request("/api/analytics/summary?from=2030-09-01&to=2030-09-30", { as: "reviewer" });
    expect(live.json.nps.n).toBe(45);

    // A draft can be read again on purpose; then the late answers are in and the note is back to zero.
    const refreshed = await ctx.request(`/api/review-packs/${made.json.id}/refresh`, { as: "reviewer", body: {} });
    expect(refreshed.json.snapshot.kpis[0].reading.n).toBe(45);
    expect(refreshed.json.lateAnswers).toBe(0);
  });

  it("compares each KPI with the previous period and says whether the change is beyond chance", async () => {
    const { ctx, time, surveyId } = await setUp();
    await npsKpi(ctx);
    const rows = (month: string, promoters: number, detractors: number) =>
      Array.from({ length: promoters + detractors }, (_, i) => ({ externalId: `${month}-${i}`, respondedAt: `2030-${month}-12T09:00:00Z`, answers: { nps: i < promoters ? 10 : 1 } }));
    await ctx.request("/api/responses/import", { apiKey: ctx.apiKey, body: { surveyId, responses: [...rows("08", 20, 60), ...rows("09", 60, 20)] } });
    time.advance(1);
    const pack = (await ctx.request("/api/review-packs", { as: "reviewer", body: { period: "month", day: "2030-09-01" } })).json;
    const kpi = pack.snapshot.kpis[0];
    expect(kpi.previous.value).toBeCloseTo(-50, 5);
    expect(kpi.reading.value).toBeCloseTo(50, 5);
    expect(kpi.change).toMatchObject({ significant: true });
    expect(kpi.change.delta).toBeCloseTo(100, 5);
    expect(kpi.change.words).toMatch(/^up 100 points, beyond chance/);
    expect(pack.snapshot.previous).toEqual({ fromDay: "2030-08-01", toDay: "2030-08-31", label: "August 2030" });
  });

  it("goes from draft to in review to closed, takes comments and conclusions on the way, and is final once closed", async () => {
    const { ctx } = await setUp();
    const pack = (await ctx.request("/api/review-packs", { as: "reviewer", body: { period: "quarter", day: "2030-08-01" } })).json;
    expect(pack.title).toBe("Q3 2030 service-quality review");
    const early = await ctx.request(`/api/review-packs/${pack.id}`, { method: "PATCH", as: "reviewer", body: { status: "closed" } });
    expect(early.status).toBe(409);
    expect(early.json.detail).toBe("Put the pack in review before closing it, so people can read and comment on it first.");

    expect((await ctx.request(`/api/review-packs/${pack.id}`, { method: "PATCH", as: "reviewer", body: { status: "in-review" } })).json.status).toBe("in-review");
    const refused = await ctx.request(`/api/review-packs/${pack.id}/refresh`, { as: "reviewer", body: {} });
    expect(refused.status).toBe(409);
    const commented = await ctx.request(`/api/review-packs/${pack.id}/comments`, { as: "manager", body: { body: "Harbour's dip is the building work." } });
    expect(commented.status).toBe(201);
    expect(commented.json.comments).toEqual([expect.objectContaining({ body: "Harbour's dip is the building work.", author: expect.objectContaining({ name: "manager" }) })]);
    await ctx.request(`/api/review-packs/${pack.id}`, { method: "PATCH", as: "reviewer", body: { summary: "Hold the course; fix phone waiting times." } });
    const closed = await ctx.request(`/api/review-packs/${pack.id}`, { method: "PATCH", as: "reviewer", body: { status: "closed" } });
    expect(closed.json).toMatchObject({ status: "closed", summary: "Hold the course; fix phone waiting times.", closedAt: "2030-10-08T10:00:00.000Z" });

    for (const attempt of [
      ctx.request(`/api/review-packs/${pack.id}/comments`, { as: "manager", body: { body: "One more thing" } }),
      ctx.request(`/api/review-packs/${pack.id}`, { method: "PATCH", as: "reviewer", body: { summary: "Changed my mind" } }),
      ctx.request(`/api/review-packs/${pack.id}/actions`, { as: "reviewer", body: { title: "Too late" } }),
    ]) {
      const res = await attempt;
      expect(res.status).toBe(409);
      expect(res.json.detail).toMatch(/^This pack is closed/);
    }
  });

  it("carries open actions into every later pack until they are done", async () => {
    const { ctx, time } = await setUp();
    const people: { id: string; role: string }[] = (await ctx.request("/api/people", { as: "admin" })).json.items;
    const manager = people.find((p) => p.role === "manager")!;
    const first = (await ctx.request("/api/review-packs", { as: "reviewer", body: { period: "month", day: "2030-08-01" } })).json;
    const raised = await ctx.request(`/api/review-packs/${first.id}/actions`, { as: "reviewer", body: { title: "Add a second phone line at peak hours", ownerId: manager.id, dueOn: "2030-10-01" } });
    expect(raised.status, raised.text).toBe(201);
    const action = raised.json.actions[0];
    expect(action).toMatchObject({ title: "Add a second phone line at peak hours", owner: { id: manager.id, name: "manager" }, dueOn: "2030-10-01", status: "open", overdue: true });

    time.advance(1);
    const second = (await ctx.request("/api/review-packs", { as: "reviewer", body: { period: "month", day: "2030-09-01" } })).json;
    expect(second.carried.map((a: { id: string }) => a.id)).toEqual([action.id]);
    const done = await ctx.request(`/api/action-items/${action.id}`, { method: "PATCH", as: "manager", body: { status: "done" } });
    expect(done.json).toMatchObject({ status: "done", overdue: false });
    // The pack that carried it shows it done; a pack made after that carries nothing.
    expect((await ctx.request(`/api/review-packs/${second.id}`, { as: "reviewer" })).json.carried[0].status).toBe("done");
    time.advance(1);
    const third = (await ctx.request("/api/review-packs", { as: "reviewer", body: { period: "month", day: "2030-10-01" } })).json;
    expect(third.carried).toEqual([]);
  });

  it("checks what it is given, in words a person can act on", async () => {
    const { ctx } = await setUp();
    const bad = await ctx.request("/api/review-packs", { as: "reviewer", body: { period: "year", day: "2030-02-30" } });
    expect(bad.status).toBe(422);
    expect(bad.json.errors).toEqual([
      { path: "/period", message: "Choose a review period: month or quarter." },
      { path: "/day", message: "Enter a day of the period as a real date, like 2026-07-01." },
    ]);
    const unit = await ctx.request("/api/review-packs", { as: "reviewer", body: { period: "month", day: "2030-09-01", unitId: "nope" } });
    expect(unit.status).toBe(422);
    expect(unit.json.errors).toEqual([{ path: "/unitId", message: "Choose one of your organisation's units, or none for the whole organisation." }]);
    const pack = (await ctx.request("/api/review-packs", { as: "reviewer", body: { period: "month", day: "2030-09-01" } })).json;
    const owner = await ctx.request(`/api/review-packs/${pack.id}/actions`, { as: "reviewer", body: { title: "Do it", ownerId: "someone" } });
    expect(owner.json.errors).toEqual([{ path: "/ownerId", message: "Choose an active person of your organisation." }]);
  });

  it("names the review due next: the last complete period's, until its pack is closed", async () => {
    const { ctx } = await setUp();
    const due = await ctx.request("/api/review-packs/due", { as: "manager" });
    expect(due.json).toEqual({ period: { fromDay: "2030-07-01", toDay: "2030-09-30", label: "Q3 2030" }, state: "not-started", pack: null, dueBy: "2030-10-14" });
    const pack = (await ctx.request("/api/review-packs", { as: "reviewer", body: { period: "quarter", day: "2030-09-30" } })).json;
    expect((await ctx.request("/api/review-packs/due", { as: "manager" })).json).toMatchObject({ state: "open", pack: { id: pack.id } });
    await ctx.request(`/api/review-packs/${pack.id}`, { method: "PATCH", as: "reviewer", body: { status: "in-review" } });
    await ctx.request(`/api/review-packs/${pack.id}`, { method: "PATCH", as: "reviewer", body: { status: "closed" } });
    expect((await ctx.request("/api/review-packs/due", { as: "manager" })).json).toMatchObject({ state: "not-yet", period: { label: "Q4 2030" }, dueBy: "2031-01-14" });
  });
});
