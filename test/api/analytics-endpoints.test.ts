// Trend, segments, staff, drivers and the wider summary, seeded through the public flow and checked against
// figures worked out by hand from the same answers; and the rollups rebuilt from the responses equal the live ones.
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { invitationRollups, organisations, pairRollups, scoreRollups } from "../../db/schema";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { rebuildRollups } from "../../server/features/analytics/rollups.service";
import { createTestContext, type TestContext } from "../support/app";
import { mailTo } from "../support/factories";

const definition = {
  pages: [
    {
      name: "p1",
      elements: [
        { type: "rating", name: "recommend", title: "Recommend us?", rateMin: 0, rateMax: 10, metric: "nps" },
        { type: "rating", name: "satisfied", title: "Satisfied?", rateMin: 1, rateMax: 5, metric: "csat" },
        { type: "rating", name: "again", title: "Use us again?", rateMin: 1, rateMax: 5, metric: "loyalty" },
        { type: "rating", name: "speed", title: "Time taken", rateMin: 1, rateMax: 5, metric: "dimension:time-taken" },
        { type: "rating", name: "manner", title: "Staff attitude", rateMin: 1, rateMax: 5, metric: "dimension:staff-attitude" },
      ],
    },
  ],
};

type Answer = { at: string; unit: string; agent: string; channel: string; nps: number; csat: number; loyalty: number; speed: number; manner: number };
// Two months, two units with one agent each, two channels. Speed moves with NPS; manner barely does.
const answers: Answer[] = [
  { at: "2026-09-10T10:00:00Z", unit: "North", agent: "Ann", channel: "phone", nps: 10, csat: 5, loyalty: 5, speed: 5, manner: 4 },
  { at: "2026-09-11T10:00:00Z", unit: "North", agent: "Ann", channel: "phone", nps: 9, csat: 4, loyalty: 4, speed: 4, manner: 5 },
  { at: "2026-09-12T10:00:00Z", unit: "North", agent: "Ann", channel: "email", nps: 8, csat: 4, loyalty: 4, speed: 4, manner: 3 },
  { at: "2026-09-13T10:00:00Z", unit: "North", agent: "Ann", channel: "phone", nps: 3, csat: 2, loyalty: 2, speed: 1, manner: 4 },
  { at: "2026-09-14T10:00:00Z", unit: "South", agent: "Bob", channel: "email", nps: 9, csat: 5, loyalty: 4, speed: 5, manner: 3 },
  { at: "2026-09-15T10:00:00Z", unit: "South", agent: "Bob", channel: "email", nps: 6, csat: 3, loyalty: 3, speed: 2, manner: 4 },
  { at: "2026-10-10T10:00:00Z", unit: "North", agent: "Ann", channel: "phone", nps: 10, csat: 5, loyalty: 5, speed: 5, manner: 5 },
  { at: "2026-10-11T10:00:00Z", unit: "North", agent: "Ann", channel: "phone", nps: 10, csat: 4, loyalty: 5, speed: 4, manner: 4 },
  { at: "2026-10-12T10:00:00Z", unit: "South", agent: "Bob", channel: "email", nps: 2, csat: 1, loyalty: 1, speed: 1, manner: 4 },
  { at: "2026-10-13T10:00:00Z", unit: "South", agent: "Bob", channel: "phone", nps: 5, csat: 2, loyalty: 2, speed: 2, manner: 3 },
  { at: "2026-10-14T10:00:00Z", unit: "South", agent: "Bob", channel: "email", nps: 9, csat: 4, loyalty: 5, speed: 4, manner: 4 },
  { at: "2026-10-15T10:00:00Z", unit: "South", agent: "Bob", channel: "email", nps: 10, csat: 5, loyalty: 4, speed: 5, manner: 5 },
];

// ---- Figures by hand, from the answers alone.
const npsOf = (xs: number[]) => ((xs.filter((x) => x >= 9).length - xs.filter((x) => x <= 6).length) / xs.length) * 100;
const meanOf = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const shareOf = (xs: number[], ok: (x: number) => boolean) => (xs.filter(ok).length / xs.length) * 100;
function pearson(xs: number[], ys: number[]) {
  const mx = meanOf(xs);
  const my = meanOf(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}
function wilsonLower(k: number, n: number) {
  const z = 1.96;
  const p = k / n;
  return ((p + (z * z) / (2 * n) - z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n)) * 100;
}
const where = (f: (a: Answer) => boolean) => answers.filter(f);

let ctx: TestContext;
let surveyId: string;
let clock = new Date("2026-09-01T08:00:00Z");
const get = async (path: string) => {
  const res = await ctx.request(path, { as: "reviewer" });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
  return res.json;
};
const range = "from=2026-09-01&to=2026-10-31";

beforeAll(async () => {
  ctx = await createTestContext({ now: () => clock });
  const created = await ctx.request("/api/surveys", { as: "manager", body: { title: "Visit", definition } });
  surveyId = created.json.id;
  await ctx.request(`/api/surveys/${surveyId}/publish`, { as: "manager", body: {} });
  await ctx.request(`/api/surveys/${surveyId}/rules`, { as: "manager", body: { match: {}, delayMinutes: 0, expiresAfterDays: 60 } });
  for (const [i, a] of answers.entries()) {
    clock = new Date(Date.parse(a.at) - 3_600_000);
    const email = `c${i}@example.org`;
    const item = { externalId: `E${i}`, occurredAt: new Date(clock.getTime() - 60_000).toISOString(), type: "visit", channel: a.channel, unit: a.unit, agent: a.agent, customer: { email } };
    expect((await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [item] } })).status).toBe(202);
    await runDispatchTick({ ...ctx.deps, now: () => clock });
    // Read from the mailbox table: a signed-in session would lapse as the clock jumps a month.
    const token = /\/s\/([\w-]+)/.exec((await mailTo(ctx.db, email))[0]!.text)![1]!;
    clock = new Date(a.at);
    const data = { recommend: a.nps, satisfied: a.csat, again: a.loyalty, speed: a.speed, manner: a.manner };
    expect((await ctx.request(`/api/public/invitations/${token}/response`, { body: { data } })).status).toBe(201);
  }
  clock = new Date();
}, 60_000);

describe("analytics endpoints on answers worked out by hand", () => {
  it("summarises loyalty, each dimension and the index beside NPS and CSAT", async () => {
    const s = await get(`/api/analytics/summary?surveyId=${surveyId}&${range}`);
    expect(s).toMatchObject({ responses: 12, fromDay: "2026-09-01", toDay: "2026-10-31", invitations: { sent: 12, responded: 12, rate: 100 }, note: null });
    expect(s.nps.score).toBeCloseTo(npsOf(answers.map((a) => a.nps)), 9);
    expect(s.loyalty.top2box).toBeCloseTo(shareOf(answers.map((a) => a.loyalty), (x) => x >= 4), 9);
    expect(s.loyalty.mean).toBeCloseTo(meanOf(answers.map((a) => a.loyalty)), 9);
    expect(s.dimensions.map((d: { name: string }) => d.name)).toEqual(["staff-attitude", "time-taken"]);
    expect(s.dimensions[1].mean).toBeCloseTo(meanOf(answers.map((a) => a.speed)), 9);
    expect(s.dimensions[1].n).toBe(12);
    // Equal weights on NPS, CSAT and loyalty (the roles answered), each rescaled to 0-100.
    const rescaled = (xs: number[], min: number, max: number) => ((meanOf(xs) - min) / (max - min)) * 100;
    const index = (rescaled(answers.map((a) => a.nps), 0, 10) + rescaled(answers.map((a) => a.csat), 1, 5) + rescaled(answers.map((a) => a.loyalty), 1, 5)) / 3;
    expect(s.index.value).toBeCloseTo(index, 9);
    expect(s.index.weightsVersion).toBe(0);
    expect(s.index.ci95[0]).toBeLessThan(index);
    expect(s.index.ci95[1]).toBeGreaterThan(index);
  });

  it("trends NPS by month, with n, interval and the change against the month before", async () => {
    const t = await get(`/api/analytics/trend?surveyId=${surveyId}&${range}&metric=nps&interval=month`);
    expect(t.series).toBe("nps@0-10");
    expect(t.points.map((p: { period: string; from: string; to: string; n: number }) => [p.period, p.from, p.to, p.n])).toEqual([
      ["2026-09", "2026-09-01", "2026-09-30", 6],
      ["2026-10", "2026-10-01", "2026-10-31", 6],
    ]);
    expect(t.points[0].value).toBeCloseTo(npsOf(where((a) => a.at < "2026-10").map((a) => a.nps)), 9);
    expect(t.points[1].value).toBeCloseTo(npsOf(where((a) => a.at >= "2026-10").map((a) => a.nps)), 9);
    expect(t.points[0].change).toBeNull();
    // Six answers a month cannot show a significant move.
    expect(t.points[1].change).toBe("flat");
  });

  it("shows every period of the range, those without answers with n = 0", async () => {
    const t = await get(`/api/analytics/trend?surveyId=${surveyId}&from=2026-09-28&to=2026-10-19&metric=csat-mean&interval=week`);
    expect(t.points.map((p: { period: string }) => p.period)).toEqual(["2026-W40", "2026-W41", "2026-W42", "2026-W43"]);
    // ISO weeks start on Monday: 10-11 October fall in week 41, 12-15 October in week 42.
    expect(t.points.map((p: { n: number }) => p.n)).toEqual([0, 2, 4, 0]);
    expect(t.points[2].value).toBeCloseTo(meanOf(where((a) => a.at >= "2026-10-12").map((a) => a.csat)), 9);
  });

  it("breaks a metric down by unit and by channel, and marks segments below the minimum", async () => {
    const byUnit = await get(`/api/analytics/segments?surveyId=${surveyId}&${range}&metric=csat&by=unit&minN=7`);
    const north = byUnit.rows.find((r: { label: string }) => r.label === "North");
    const south = byUnit.rows.find((r: { label: string }) => r.label === "South");
    expect(north).toMatchObject({ n: 6, belowMinN: true });
    expect(north.value).toBeCloseTo(shareOf(where((a) => a.unit === "North").map((a) => a.csat), (x) => x >= 4), 9);
    expect(south.value).toBeCloseTo(shareOf(where((a) => a.unit === "South").map((a) => a.csat), (x) => x >= 4), 9);
    // A range of up to 92 days sparks by ISO week: weeks 36 to 44.
    expect(byUnit.sparkInterval).toBe("week");
    expect(north.spark.map((p: { n: number }) => p.n)).toEqual([0, 4, 0, 0, 0, 2, 0, 0, 0]);

    const byChannel = await get(`/api/analytics/segments?surveyId=${surveyId}&${range}&metric=dimension:time-taken&by=channel&minN=1`);
    const phone = byChannel.rows.find((r: { key: string }) => r.key === "phone");
    expect(phone.value).toBeCloseTo(meanOf(where((a) => a.channel === "phone").map((a) => a.speed)), 9);
  });

  it("filters by two dimensions at once from the cell grain, by name or id", async () => {
    const t = await get(`/api/analytics/summary?surveyId=${surveyId}&${range}&unit=South&channel=email`);
    const picked = where((a) => a.unit === "South" && a.channel === "email");
    expect(t.responses).toBe(picked.length);
    expect(t.nps.score).toBeCloseTo(npsOf(picked.map((a) => a.nps)), 9);
    const filters = await get("/api/analytics/filters");
    const southId = filters.units.find((u: { name: string }) => u.name === "South").id;
    const byId = await get(`/api/analytics/summary?surveyId=${surveyId}&${range}&unit=${southId}&channel=email`);
    expect(byId.nps).toEqual(t.nps);
    expect(filters.channels).toEqual(["email", "phone"]);
  });

  it("ranks staff by the Wilson lower bound of their promoters and lists small samples apart", async () => {
    const staff = await get(`/api/analytics/staff?surveyId=${surveyId}&${range}&metric=nps&minN=6`);
    const ann = where((a) => a.agent === "Ann").map((a) => a.nps);
    const bob = where((a) => a.agent === "Bob").map((a) => a.nps);
    const annLower = wilsonLower(ann.filter((x) => x >= 9).length, ann.length);
    const bobLower = wilsonLower(bob.filter((x) => x >= 9).length, bob.length);
    expect(staff.ranked.map((r: { agent: { name: string } }) => r.agent.name)).toEqual(annLower > bobLower ? ["Ann", "Bob"] : ["Bob", "Ann"]);
    const annRow = staff.ranked.find((r: { agent: { name: string } }) => r.agent.name === "Ann");
    expect(annRow.score).toBeCloseTo(annLower, 9);
    expect(annRow.value).toBeCloseTo(npsOf(ann), 9);
    const fewer = await get(`/api/analytics/staff?surveyId=${surveyId}&${range}&metric=nps&minN=7`);
    expect(fewer.ranked).toEqual([]);
    expect(fewer.notEnoughAnswers.map((r: { n: number }) => r.n)).toEqual([6, 6]);
  });

  it("finds the driver that moves NPS: importance is its correlation, performance its mean", async () => {
    const d = await get(`/api/analytics/drivers?surveyId=${surveyId}&${range}&outcome=nps`);
    const speed = d.drivers.find((x: { name: string }) => x.name === "time-taken");
    const manner = d.drivers.find((x: { name: string }) => x.name === "staff-attitude");
    const nps = answers.map((a) => a.nps);
    expect(speed.importance).toBeCloseTo(pearson(answers.map((a) => a.speed), nps), 9);
    expect(manner.importance).toBeCloseTo(pearson(answers.map((a) => a.manner), nps), 9);
    expect(speed.performance).toBeCloseTo(meanOf(answers.map((a) => a.speed)), 9);
    expect(speed.quadrant).toMatch(/keep up|concentrate here/);
    expect(d.r2).toBeGreaterThan(0);
    expect(d.r2).toBeLessThanOrEqual(1);
    // With a unit filter the pairs come from the responses themselves.
    const north = await get(`/api/analytics/drivers?surveyId=${surveyId}&${range}&outcome=nps&unit=North`);
    const northAnswers = where((a) => a.unit === "North");
    expect(north.drivers.find((x: { name: string }) => x.name === "time-taken").importance).toBeCloseTo(
      pearson(northAnswers.map((a) => a.speed), northAnswers.map((a) => a.nps)),
      9,
    );
  });

  it("keeps versions of the index weights and uses the one in force", async () => {
    const put = await ctx.request("/api/analytics/index-weights", { as: "admin", method: "PUT", body: { weights: { nps: 1, "dimension:time-taken": 3 } } });
    expect(put.status).toBe(200);
    expect(put.json.current).toMatchObject({ version: 1, until: null });
    const s = await get(`/api/analytics/summary?surveyId=${surveyId}&${range}`);
    const rescaled = (xs: number[], min: number, max: number) => ((meanOf(xs) - min) / (max - min)) * 100;
    expect(s.index.weightsVersion).toBe(1);
    expect(s.index.value).toBeCloseTo((rescaled(answers.map((a) => a.nps), 0, 10) + 3 * rescaled(answers.map((a) => a.speed), 1, 5)) / 4, 9);
    const bad = await ctx.request("/api/analytics/index-weights", { as: "admin", method: "PUT", body: { weights: { nps: 0 } } });
    expect(bad.status).toBe(422);
    expect((await ctx.request("/api/analytics/index-weights", { as: "reviewer", method: "PUT", body: { weights: { nps: 1 } } })).status).toBe(403);
  });

  it("rebuilds from the responses exactly the rollups kept answer by answer", async () => {
    const snapshot = async () => {
      const sort = (rows: object[]) => rows.map((r) => JSON.stringify(r)).sort();
      return {
        scores: sort(await ctx.db.select().from(scoreRollups).all()),
        pairs: sort(await ctx.db.select().from(pairRollups).all()),
        counts: sort(await ctx.db.select().from(invitationRollups).all()),
      };
    };
    const live = await snapshot();
    expect(live.scores.length).toBeGreaterThan(0);
    // A stale cell in a month without answers (say, left by a changed time zone) goes too.
    await ctx.db.insert(scoreRollups).values({ orgId: ctx.orgId, grain: "all/day", series: "nps@0-10", period: "2026-03-02", surveyId, segment: "", n: 5, sum: 40, sumSq: 330, hi: 2, lo: 1 }).run();
    const result = await rebuildRollups({ db: ctx.db, maxSqlParams: 100 });
    expect(result).toMatchObject({ responses: 12, invitations: 12, months: 3 });
    expect(await snapshot()).toEqual(live);
    await rebuildRollups({ db: ctx.db, maxSqlParams: 100 });
    expect(await snapshot()).toEqual(live);
  });

  it("answers plain words for a metric or grouping it does not know", async () => {
    const bad = await ctx.request(`/api/analytics/trend?metric=happiness`, { as: "reviewer" });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].message).toMatch(/Choose a metric/);
    expect((await ctx.request(`/api/analytics/segments?by=colour`, { as: "reviewer" })).status).toBe(422);
    expect((await ctx.request(`/api/analytics/trend?from=2026-02-30`, { as: "reviewer" })).status).toBe(422);
  });
});

describe("preset periods", () => {
  it("counts the last 30 days, 12 months or this quarter back from today in the organisation's calendar", async () => {
    // 05:30 on 1 October in UTC is 18:30 that day in Auckland, and still 22:30 on 30 September in Los Angeles.
    const now = new Date("2026-10-01T05:30:00Z");
    const days = async (timeZone: string, range: string) => {
      const c = await createTestContext({ now: () => now });
      await c.db.update(organisations).set({ timeZone }).where(eq(organisations.id, c.orgId)).run();
      const s = (await c.request(`/api/analytics/summary?range=${range}`, { as: "reviewer" })).json;
      return [s.fromDay, s.toDay];
    };
    expect(await days("Pacific/Auckland", "30d")).toEqual(["2026-09-02", "2026-10-01"]);
    expect(await days("America/Los_Angeles", "30d")).toEqual(["2026-09-01", "2026-09-30"]);
    expect(await days("Pacific/Auckland", "quarter")).toEqual(["2026-10-01", "2026-10-01"]);
    expect(await days("America/Los_Angeles", "quarter")).toEqual(["2026-07-01", "2026-09-30"]);
    expect(await days("America/Los_Angeles", "12m")).toEqual(["2025-10-01", "2026-09-30"]);
    expect(await days("UTC", "90d")).toEqual(["2026-07-04", "2026-10-01"]);
    // Explicit days win over a preset.
    const c = await createTestContext({ now: () => now });
    expect((await c.request(`/api/analytics/summary?range=12m&from=2026-09-10&to=2026-09-12`, { as: "reviewer" })).json).toMatchObject({ fromDay: "2026-09-10", toDay: "2026-09-12" });
    expect((await c.request(`/api/analytics/summary?range=week`, { as: "reviewer" })).status).toBe(422);
  });
});
