import { describe, expect, it } from "vitest";
import vectors from "../fixtures/metrics-vectors.json";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { createTestContext } from "../support/app";
import { interaction, publishedSurvey } from "../support/factories";

describe("the analytics summary", () => {
  it("matches the shared metric vectors once respondents answer through the API", async () => {
    const ctx = await createTestContext();
    const surveyId = await publishedSurvey(ctx);
    const people = Array.from({ length: 25 }, (_, i) => `person${i}@example.org`);
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: people.map((email) => interaction({ customer: { email } })) } });
    await runDispatchTick({ ...ctx.deps, now: () => new Date() });
    const mail: { to: string; text: string }[] = (await ctx.request("/api/dev/mailbox?limit=200", { as: "admin" })).json.items;
    const tokenOf = (email: string) => /\/s\/([\w-]+)/.exec(mail.find((m) => m.to === email)!.text)![1]!;

    const npsScores = vectors.TV1_nps_basic.input.scores_0_10;
    const csatScores = vectors.TV4_csat_5pt.input.scores_1_5;
    const cesScores = vectors.TV5_ces_7pt.input.scores_1_7;
    for (const [i, nps] of npsScores.entries()) {
      const data = { nps, ...(i < csatScores.length && { csat: csatScores[i] }), ...(i < cesScores.length && { ces: cesScores[i] }) };
      const res = await ctx.request(`/api/public/invitations/${tokenOf(people[i]!)}/response`, { body: { data } });
      expect(res.status).toBe(201);
    }

    const summary = await ctx.request(`/api/analytics/summary?surveyId=${surveyId}`, { as: "reviewer" });
    expect(summary.status).toBe(200);
    const s = summary.json;
    const tv1 = vectors.TV1_nps_basic.expected;
    expect(s.responses).toBe(20);
    expect(s.invitations).toMatchObject({ sent: 25, responded: 20, rate: 80 });
    expect(s.nps).toMatchObject({ promoters: tv1.promoters, passives: tv1.passives, detractors: tv1.detractors, n: tv1.n });
    expect(s.nps.score).toBeCloseTo(tv1.nps, 2);
    expect(s.nps.ci95[0]).toBeCloseTo(tv1.adjusted_wald.ci95[0]!, 1);
    expect(s.nps.ci95[1]).toBeCloseTo(tv1.adjusted_wald.ci95[1]!, 1);
    expect(s.csat.n).toBe(vectors.TV4_csat_5pt.expected.n);
    expect(s.csat.top2box).toBeCloseTo(vectors.TV4_csat_5pt.expected.csat_top2box_pct, 3);
    expect(s.csat.mean).toBeCloseTo(vectors.TV4_csat_5pt.expected.mean_1_5, 3);
    expect(s.ces.mean).toBeCloseTo(vectors.TV5_ces_7pt.expected.mean_1_7, 3);
    expect(s.ces.agree).toBeCloseTo(vectors.TV5_ces_7pt.expected.pct_agree_5_7, 3);
  });

  it("reports an empty period as nulls with zero counts, not as NaN", async () => {
    const ctx = await createTestContext();
    const surveyId = await publishedSurvey(ctx);
    const res = await ctx.request(`/api/analytics/summary?surveyId=${surveyId}&from=2020-01-01&to=2020-01-31`, { as: "reviewer" });
    expect(res.json).toMatchObject({ responses: 0, invitations: { sent: 0, responded: 0, rate: null }, nps: null, csat: null, ces: null });
    expect(res.text).not.toContain("NaN");
  });

  it("explains a bad date range and an unknown survey", async () => {
    const ctx = await createTestContext();
    const surveyId = await publishedSurvey(ctx);
    const backwards = await ctx.request(`/api/analytics/summary?surveyId=${surveyId}&from=2026-02-01&to=2026-01-01`, { as: "reviewer" });
    expect(backwards.status).toBe(422);
    expect(backwards.json.errors[0].path).toBe("/from");
    const garbage = await ctx.request(`/api/analytics/summary?surveyId=${surveyId}&from=last-week`, { as: "reviewer" });
    expect(garbage.status).toBe(422);
    expect((await ctx.request(`/api/analytics/summary?surveyId=nope`, { as: "reviewer" })).status).toBe(404);
    expect((await ctx.request(`/api/analytics/summary?surveyId=${surveyId}`)).status).toBe(401);
  });
});
