// Property: for random sets of responses, every figure read from the rollups equals the figure computed from
// the raw responses, whatever the filters, grouping and time zone.
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { organisations, surveyVersions } from "../../db/schema";
import { mean, nps, proportion } from "../../server/domain/stats";
import { submitResponse } from "../../server/features/respond/respond.service";
import { insertResponseStatement } from "../../server/features/respond/respond.repo";
import { unitOfWork } from "../../server/lib/service-context";
import { wireReactions } from "../../server/reactions";
import { createTestContext, type TestContext } from "../support/app";
import { publishedSurvey } from "../support/factories";

const ZONE = "America/New_York";
const localDay = (at: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);

type Raw = { at: Date; unit: number | null; agent: number | null; channel: string | null; nps?: number; csat?: number; ces?: number };

const response = fc.record({
  // 40 days either side of a month end, in minutes, so answers land near local midnights and month edges.
  minute: fc.integer({ min: 0, max: 80 * 24 * 60 }),
  unit: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
  agent: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
  channel: fc.option(fc.constantFrom("phone", "email"), { nil: null }),
  nps: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  csat: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  ces: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
});

async function prepare() {
  const ctx = await createTestContext();
  const surveyId = await publishedSurvey(ctx);
  await ctx.db.update(organisations).set({ timeZone: ZONE }).where(eq(organisations.id, ctx.orgId)).run();
  // Units and staff are records: ingest names them once.
  const names = { unit: ["North", "South", "East"], agent: ["Ann", "Bob", "Cy", "Di"] };
  await ctx.request("/api/interactions", {
    apiKey: ctx.apiKey,
    body: { interactions: names.agent.map((agent, i) => ({ externalId: `seed-${i}`, occurredAt: new Date().toISOString(), type: "visit", channel: "phone", unit: names.unit[i % 3], agent, customer: { email: `seed${i}@example.org` } })) },
  });
  const filters = (await ctx.request("/api/analytics/filters", { as: "reviewer" })).json;
  const id = (list: { id: string; name: string }[], name: string) => list.find((x) => x.name === name)!.id;
  return { ctx, surveyId, unitIds: names.unit.map((n) => id(filters.units, n)), agentIds: names.agent.map((n) => id(filters.agents, n)) };
}

/** Writes responses through the same reactions as a live answer, without invitations. */
async function record(ctx: TestContext, surveyId: string, version: string, unitIds: string[], agentIds: string[], rows: Raw[]) {
  const work = unitOfWork({ db: ctx.db, reactions: wireReactions(), settings: ctx.deps.settings });
  for (const r of rows) {
    const id = crypto.randomUUID();
    const scores = (["nps", "csat", "ces"] as const)
      .filter((m) => r[m] !== undefined)
      .map((m) => ({ question: m, metric: m, series: m === "nps" ? "nps@0-10" : m === "csat" ? "csat@1-5" : "ces@1-7", value: r[m]! }));
    const context = { unitId: r.unit === null ? null : unitIds[r.unit]!, agentId: r.agent === null ? null : agentIds[r.agent]!, channel: r.channel, interactionType: "visit", interactionAt: r.at };
    work.add(insertResponseStatement({ id, orgId: ctx.orgId, surveyId, surveyVersionId: version, data: {}, scores, ...context, createdAt: r.at }));
    await work.raise({ type: "response.recorded", orgId: ctx.orgId, timeZone: ZONE, invitationId: null, invitationSentAt: null, responseId: id, surveyId, surveyVersionId: version, metrics: {}, scores, comments: [], context, at: r.at });
  }
  await work.commit();
}

function expected(rows: Raw[], pick: (r: Raw) => boolean) {
  const chosen = rows.filter(pick);
  const values = (m: "nps" | "csat" | "ces") => chosen.map((r) => r[m]).filter((v): v is number => v !== undefined);
  const n = values("nps");
  const c = values("csat");
  const e = values("ces");
  const moments = (xs: number[]) => ({ n: xs.length, sum: xs.reduce((s, x) => s + x, 0), sumSq: xs.reduce((s, x) => s + x * x, 0) });
  return {
    responses: chosen.length,
    nps: n.length ? nps({ promoters: n.filter((x) => x >= 9).length, passives: n.filter((x) => x === 7 || x === 8).length, detractors: n.filter((x) => x <= 6).length }).score : null,
    csatTop2: c.length ? proportion(c.filter((x) => x >= 4).length, c.length).pct : null,
    csatMean: c.length ? mean(moments(c)).mean : null,
    cesAgree: e.length ? proportion(e.filter((x) => x >= 5).length, e.length).pct : null,
  };
}

describe("rollups against the raw responses", () => {
  it("give every figure the raw responses give, for random answers, filters and groupings", async () => {
    const { ctx, surveyId, unitIds, agentIds } = await prepare();
    const version = (await ctx.db.select({ id: surveyVersions.id }).from(surveyVersions).where(eq(surveyVersions.surveyId, surveyId)).get())!.id;
    const start = Date.parse("2026-07-12T00:00:00Z");
    const all: Raw[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.array(response, { minLength: 0, maxLength: 25 }),
        fc.record({ from: fc.integer({ min: 0, max: 70 }), days: fc.integer({ min: 1, max: 80 }) }),
        // Each filter left out half the time, so one dimension alone (read from its month and day grains) comes up often.
        fc.record({
          unit: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null, freq: 2 }),
          channel: fc.option(fc.constantFrom("phone", "email"), { nil: null, freq: 2 }),
          agent: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null, freq: 2 }),
        }),
        async (batch, span, filter) => {
          const rows = batch.map((b): Raw => ({ at: new Date(start + b.minute * 60_000), unit: b.unit, agent: b.agent, channel: b.channel, nps: b.nps, csat: b.csat, ces: b.ces }));
          await record(ctx, surveyId, version, unitIds, agentIds, rows);
          all.push(...rows);
          const from = localDay(new Date(start + span.from * 86_400_000));
          const to = localDay(new Date(start + (span.from + span.days) * 86_400_000));
          const inRange = (r: Raw) => localDay(r.at) >= from && localDay(r.at) <= to;
          const matches = (r: Raw) =>
            inRange(r) && (filter.unit === null || r.unit === filter.unit) && (filter.channel === null || r.channel === filter.channel) && (filter.agent === null || r.agent === filter.agent);
          const q = [
            `surveyId=${surveyId}&from=${from}&to=${to}`,
            filter.unit === null ? "" : `&unit=${unitIds[filter.unit]}`,
            filter.channel === null ? "" : `&channel=${filter.channel}`,
            filter.agent === null ? "" : `&agent=${agentIds[filter.agent]}`,
          ].join("");
          const s = (await ctx.request(`/api/analytics/summary?${q}`, { as: "reviewer" })).json;
          const want = expected(all, matches);
          expect(s.responses).toBe(want.responses);
          expect(s.nps?.score ?? null).toEqual(want.nps === null ? null : expect.closeTo(want.nps, 9));
          expect(s.csat?.top2box ?? null).toEqual(want.csatTop2 === null ? null : expect.closeTo(want.csatTop2, 9));
          expect(s.csat?.mean ?? null).toEqual(want.csatMean === null ? null : expect.closeTo(want.csatMean, 9));
          expect(s.ces?.agree ?? null).toEqual(want.cesAgree === null ? null : expect.closeTo(want.cesAgree, 9));

          // By agent: each segment as the raw answers of that agent (or of none).
          const seg = (await ctx.request(`/api/analytics/segments?${q}&metric=csat-mean&by=agent&minN=1`, { as: "reviewer" })).json;
          for (const row of seg.rows as { key: string; value: number | null; n: number }[]) {
            const agent = row.key === "" ? null : agentIds.indexOf(row.key);
            const w = expected(all, (r) => matches(r) && r.agent === agent);
            expect(row.value).toEqual(w.csatMean === null ? null : expect.closeTo(w.csatMean, 9));
          }
          const answered = new Set(all.filter((r) => matches(r) && r.csat !== undefined).map((r) => (r.agent === null ? "" : agentIds[r.agent]!)));
          expect(new Set((seg.rows as { key: string; n: number }[]).filter((r) => r.n > 0).map((r) => r.key))).toEqual(answered);

          // By unit (whole months from unit/month, the edges from unit/day): the same.
          const byUnit = (await ctx.request(`/api/analytics/segments?${q}&metric=nps&by=unit&minN=1`, { as: "reviewer" })).json;
          for (const row of byUnit.rows as { key: string; value: number | null; n: number }[]) {
            const unit = row.key === "" ? null : unitIds.indexOf(row.key);
            const w = expected(all, (r) => matches(r) && r.unit === unit);
            expect(row.value).toEqual(w.nps === null ? null : expect.closeTo(w.nps, 9));
          }

          // Monthly NPS trend: each month as the raw answers of its local days.
          const trend = (await ctx.request(`/api/analytics/trend?${q}&metric=nps&interval=month`, { as: "reviewer" })).json;
          for (const p of trend.points as { from: string; to: string; value: number | null; n: number }[]) {
            const w = expected(all, (r) => matches(r) && localDay(r.at) >= p.from && localDay(r.at) <= p.to);
            expect(p.value).toEqual(w.nps === null ? null : expect.closeTo(w.nps, 9));
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  it("records nothing to rollups when the response cannot be stored", async () => {
    const { ctx } = await prepare();
    await expect(submitResponse({ db: ctx.db, now: new Date(), reactions: wireReactions(), settings: ctx.deps.settings }, "not-a-token", { nps: 9 })).rejects.toThrow();
    const s = (await ctx.request("/api/analytics/summary", { as: "reviewer" })).json;
    expect(s.responses).toBe(0);
  });
});
