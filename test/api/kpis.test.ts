// KPIs: set, changed and archived by managers; each read for its period with its interval, so a handful of answers
// reads amber; and the change from the period before tested for significance, as review packs show it.
import { beforeAll, describe, expect, it } from "vitest";
import { evaluateKpis, currentPeriodOf } from "../../server/features/kpis/kpis.service";
import { createTestContext, type TestContext } from "../support/app";
import { publishedSurvey } from "../support/factories";

const NOW = new Date("2026-11-15T12:00:00Z");

type Answer = { day: string; unit: string; nps: number; csat?: number; channel?: string };
const many = (n: number, a: Omit<Answer, "day">, day: string): Answer[] => Array.from({ length: n }, () => ({ ...a, day }));

// North: six answers a month, a real rise from September to October that six answers cannot show.
// South: forty a month, from NPS 0 to 100. East: forty detractors in October.
const answers: Answer[] = [
  ...[10, 10, 9, 7, 8, 3].map((nps, i) => ({ day: "2026-09-10", unit: "North", nps, csat: [5, 4, 4, 3, 3, 2][i]! })),
  ...[10, 10, 10, 9, 9, 7].map((nps, i) => ({ day: "2026-10-10", unit: "North", nps, csat: [5, 5, 4, 4, 4, 3][i]! })),
  ...many(20, { unit: "South", nps: 10, csat: 5 }, "2026-09-12"),
  ...many(20, { unit: "South", nps: 0, csat: 1 }, "2026-09-13"),
  ...many(40, { unit: "South", nps: 10, csat: 5 }, "2026-10-12"),
  ...many(40, { unit: "East", nps: 0, csat: 1, channel: "phone" }, "2026-10-14"),
];

let ctx: TestContext;
let surveyId: string;
const unit: Record<string, string> = {};

const kpi = (over: Record<string, unknown> = {}) => ({ name: `KPI ${Math.random().toString(36).slice(2, 8)}`, metric: "nps", target: 50, warning: 0, direction: "higher", period: "month", ...over });
async function create(body: Record<string, unknown>) {
  const res = await ctx.request("/api/kpis", { as: "manager", body });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; name: string };
}

beforeAll(async () => {
  ctx = await createTestContext({ now: () => NOW });
  surveyId = await publishedSurvey(ctx);
  const responses = answers.map((a, i) => ({
    externalId: `kpi-${i}`,
    respondedAt: `${a.day}T10:00:00Z`,
    answers: { nps: a.nps, ...(a.csat && { csat: a.csat }) },
    unit: a.unit,
    channel: a.channel ?? "email",
  }));
  const imported = await ctx.request("/api/responses/import", { as: "admin", body: { surveyId, responses } });
  expect(imported.status, imported.text).toBe(201);
  for (const u of (await ctx.request("/api/units?limit=200", { as: "admin" })).json.items as { id: string; name: string }[]) unit[u.name] = u.id;
}, 60_000);

describe("KPIs", () => {
  it("are set, read, changed and archived by a manager, and a new KPI may take an archived one's name", async () => {
    const made = await create(kpi({ name: "NPS North", unitId: unit.North, channel: "email", surveyId }));
    const shown = await ctx.request(`/api/kpis/${made.id}`, { as: "reviewer" });
    expect(shown.json).toMatchObject({ name: "NPS North", metric: "nps", scope: { surveyId, unitId: unit.North, unitName: "North", channel: "email" }, target: 50, warning: 0, direction: "higher", period: "month" });

    const changed = await ctx.request(`/api/kpis/${made.id}`, { as: "admin", method: "PUT", body: kpi({ name: "NPS North", metric: "csat", target: 80, warning: 60, period: "quarter" }) });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json).toMatchObject({ metric: "csat", target: 80, period: "quarter", scope: { unitId: null, surveyId: null, channel: null } });
    expect(changed.json.updatedAt).toBe(NOW.toISOString());

    expect((await ctx.request(`/api/kpis/${made.id}`, { as: "manager", method: "DELETE" })).status).toBe(204);
    expect((await ctx.request(`/api/kpis/${made.id}`, { as: "manager" })).status).toBe(404);
    const names = (await ctx.request("/api/kpis", { as: "manager" })).json.items.map((k: { name: string }) => k.name);
    expect(names).not.toContain("NPS North");
    await create(kpi({ name: "NPS North" }));
  });

  it("answers each wrong field with a 422 naming it in words", async () => {
    const other = await ctx.addOrganisation(`Other ${Math.random()}`);
    const theirSurvey = await publishedSurvey(ctx, undefined, other.admin);
    const cases: [Record<string, unknown>, string][] = [
      [kpi({ name: "" }), "/name"],
      [kpi({ metric: "happiness" }), "/metric"],
      [kpi({ metric: "dimension:no-such-thing" }), "/metric"],
      [kpi({ target: "high" }), "/target"],
      [kpi({ warning: 60 }), "/warning"],
      [kpi({ direction: "lower", target: 10, warning: 5 }), "/warning"],
      [kpi({ direction: "up" }), "/direction"],
      [kpi({ period: "week" }), "/period"],
      [kpi({ unitId: crypto.randomUUID() }), "/unitId"],
      [kpi({ surveyId: theirSurvey }), "/surveyId"],
      [kpi({ metric: "case-on-time", surveyId }), "/surveyId"],
    ];
    for (const [body, path] of cases) {
      const res = await ctx.request("/api/kpis", { as: "manager", body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.errors.map((e: { path: string }) => e.path), JSON.stringify(body)).toContain(path);
      expect(res.json.detail).toMatch(/[a-z]{3,} [a-z]{2,}/);
    }
    const warning = await ctx.request("/api/kpis", { as: "manager", body: kpi({ warning: 60 }) });
    expect(warning.json.errors[0].message).toBe("When higher is better, the warning level must be at or below the target.");
  });

  it("refuses a second KPI of the same name and another organisation's unit", async () => {
    await create(kpi({ name: "Only once" }));
    const again = await ctx.request("/api/kpis", { as: "admin", body: kpi({ name: "Only once" }) });
    expect(again.status).toBe(409);
    expect(again.json.detail).toContain("Only once");

    const other = await ctx.addOrganisation(`Theirs ${Math.random()}`);
    await ctx.request("/api/responses/import", { ...other.admin, body: { surveyId: await publishedSurvey(ctx, undefined, other.admin), responses: [{ externalId: "x", respondedAt: "2026-10-01T10:00:00Z", answers: { nps: 9 }, unit: "Their unit" }] } });
    const theirUnit = (await ctx.request("/api/units", { ...other.admin })).json.items[0].id;
    const res = await ctx.request("/api/kpis", { as: "manager", body: kpi({ unitId: theirUnit }) });
    expect(res.status).toBe(422);
    expect(res.json.errors[0]).toMatchObject({ path: "/unitId", message: expect.stringContaining("No unit with that id") });
    const theirKpi = await ctx.request("/api/kpis", { ...other.admin, body: kpi() });
    expect((await ctx.request(`/api/kpis/${theirKpi.json.id}`, { as: "admin" })).status).toBe(404);
    expect((await ctx.request(`/api/kpis/${theirKpi.json.id}`, { as: "admin", method: "PUT", body: kpi() })).status).toBe(404);
  });

  it("lets reviewers read but not write, and keeps agents out", async () => {
    expect((await ctx.request("/api/kpis", { as: "reviewer" })).status).toBe(200);
    expect((await ctx.request("/api/kpis", { as: "reviewer", body: kpi() })).status).toBe(403);
    expect((await ctx.request("/api/kpis", { as: "agent" })).status).toBe(403);
  });

  it("reads green, amber, red and no-data for last month, and no-data for this month's days without answers", async () => {
    const green = await create(kpi({ name: "South NPS", unitId: unit.South, target: 50, warning: 0 }));
    // 83 on six answers: short of 90, but its interval reaches past it.
    const amber = await create(kpi({ name: "North NPS", unitId: unit.North, target: 90, warning: 50 }));
    const red = await create(kpi({ name: "East NPS", unitId: unit.East, target: 50, warning: 0 }));
    const none = await create(kpi({ name: "NPS by text message", channel: "sms" }));
    const items: { id: string; current: { status: string; fromDay: string; toDay: string }; last: { status: string; reason: string; fromDay: string; toDay: string; reading: { value: number; low: number; high: number; n: number } } }[] = (
      await ctx.request("/api/kpis", { as: "reviewer" })
    ).json.items;
    const byId = new Map(items.map((k) => [k.id, k]));
    expect(byId.get(green.id)!.last).toMatchObject({ status: "green", fromDay: "2026-10-01", toDay: "2026-10-31", reading: { value: 100, n: 40 } });
    const a = byId.get(amber.id)!.last;
    expect(a.status).toBe("amber");
    expect(a.reading.n).toBe(6);
    expect(a.reading.value).toBeCloseTo(83.33, 1);
    expect(a.reading.value).toBeLessThan(90);
    expect(a.reading.high).toBeGreaterThan(90);
    expect(a.reason).toContain("6 answers");
    expect(byId.get(red.id)!.last.status).toBe("red");
    expect(byId.get(none.id)!.last).toMatchObject({ status: "no-data", reading: { value: null, n: 0 } });
    expect(byId.get(green.id)!.current).toMatchObject({ status: "no-data", fromDay: "2026-11-01", toDay: "2026-11-15" });
  });

  it("evaluates a period against the one before, with the change tested at 5 %", async () => {
    const nps = await create(kpi({ name: "Organisation NPS" }));
    const csatMean = await create(kpi({ name: "CSAT mean", metric: "csat-mean", target: 4, warning: 3 }));
    const csat = await create(kpi({ name: "CSAT top-2-box", metric: "csat", target: 80, warning: 60 }));
    const eastOnly = await create(kpi({ name: "East only", unitId: unit.East }));
    const reader = { db: ctx.db, orgId: ctx.orgId, now: NOW };
    const range = { fromDay: "2026-10-01", toDay: "2026-10-31", previous: { fromDay: "2026-09-01", toDay: "2026-09-30" } };

    const south = await evaluateKpis(reader, { ...range, unitId: unit.South, kpiIds: [nps.id, csatMean.id, csat.id, eastOnly.id] });
    // The pack for South reads organisation-wide KPIs within South and leaves out the one for East.
    expect(south.map((k) => k.name).sort()).toEqual(["CSAT mean", "CSAT top-2-box", "Organisation NPS"]);
    const southNps = south.find((k) => k.id === nps.id)!;
    expect(southNps.scope).toEqual({ surveyId: null, unitId: unit.South, unitName: "South", channel: null });
    expect(southNps.reading).toMatchObject({ value: 100, n: 40 });
    expect(southNps.previous!.reading).toMatchObject({ value: 0, n: 40 });
    expect(southNps.previous!.change).toMatchObject({ delta: 100, significant: true });
    expect(southNps.previous!.change!.p).toBeLessThan(0.001);
    const mean = south.find((k) => k.id === csatMean.id)!;
    expect(mean.reading.value).toBe(5);
    expect(mean.previous!.change!.delta).toBe(2);
    expect(mean.previous!.change!.p).toBeLessThan(0.05);
    expect(south.find((k) => k.id === csat.id)!.previous!.change).toMatchObject({ delta: 50, significant: true });

    const north = await evaluateKpis(reader, { ...range, unitId: unit.North, kpiIds: [nps.id] });
    expect(north[0]!.previous!.change!.delta).toBeCloseTo(50, 6);
    expect(north[0]!.previous!.change!.significant).toBe(false);
    expect(north[0]!.previous!.change!.p).toBeGreaterThan(0.05);

    const east = await evaluateKpis(reader, { ...range, kpiIds: [eastOnly.id] });
    expect(east[0]!.previous).toEqual({ reading: { value: null, low: null, high: null, n: 0 }, change: null });
  });

  it("reads a dimension some survey rates, and the index, from the analytics", async () => {
    const definition = {
      pages: [
        {
          name: "p1",
          elements: [
            { type: "rating", name: "nps", title: "Recommend us?", rateMin: 0, rateMax: 10, metric: "nps" },
            { type: "rating", name: "speed", title: "Time taken", rateMin: 1, rateMax: 5, metric: "dimension:time-taken" },
          ],
        },
      ],
    };
    const survey = (await ctx.request("/api/surveys", { as: "manager", body: { title: "Speed", definition } })).json.id;
    await ctx.request(`/api/surveys/${survey}/publish`, { as: "manager", body: {} });
    const responses = [5, 4, 4, 2].map((speed, i) => ({ externalId: `speed-${i}`, respondedAt: "2026-10-20T10:00:00Z", answers: { nps: 9, speed }, unit: "West" }));
    expect((await ctx.request("/api/responses/import", { as: "admin", body: { surveyId: survey, responses } })).status).toBe(201);
    const speed = await create(kpi({ name: "Time taken", metric: "dimension:time-taken", target: 4, warning: 3 }));
    const index = await create(kpi({ name: "Index", metric: "index", surveyId: survey, target: 70, warning: 50 }));
    const [dim, idx] = await evaluateKpis({ db: ctx.db, orgId: ctx.orgId, now: NOW }, { fromDay: "2026-10-01", toDay: "2026-10-31", kpiIds: [speed.id, index.id] }).then((all) =>
      [speed.id, index.id].map((id) => all.find((k) => k.id === id)!),
    );
    expect(dim!.reading).toMatchObject({ value: 3.75, n: 4 });
    expect(dim!.status).toBe("amber");
    expect(idx!.reading.value).toBeCloseTo(90, 6);
    expect(idx!.reading.n).toBe(4);
  });

  it("reads case KPIs as no-data, saying why, when no case has come due", async () => {
    const onTime = await create(kpi({ name: "Follow-up on time", metric: "case-on-time", target: 90, warning: 80 }));
    const [k] = await evaluateKpis({ db: ctx.db, orgId: ctx.orgId, now: NOW }, { fromDay: "2026-10-01", toDay: "2026-10-31", kpiIds: [onTime.id] });
    expect(k).toMatchObject({ status: "no-data", reason: "No case of the period has been followed up or come due yet.", reading: { value: null, n: 0 } });
  });

  it("names the review period that holds a moment in the organisation's time zone", () => {
    expect(currentPeriodOf("month", new Date("2026-10-31T23:30:00Z"), "UTC")).toEqual({ fromDay: "2026-10-01", toDay: "2026-10-31" });
    expect(currentPeriodOf("month", new Date("2026-10-31T23:30:00Z"), "Europe/Berlin")).toEqual({ fromDay: "2026-11-01", toDay: "2026-11-30" });
    expect(currentPeriodOf("quarter", new Date("2026-11-15T12:00:00Z"), "UTC")).toEqual({ fromDay: "2026-10-01", toDay: "2026-12-31" });
  });
});
