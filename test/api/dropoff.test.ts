import { describe, expect, it } from "vitest";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { createTestContext, type TestContext } from "../support/app";
import { interaction, tokenFromMailbox } from "../support/factories";

const definition = {
  pages: [
    { name: "first", elements: [{ type: "rating", name: "nps", title: "Recommend us?", rateMin: 0, rateMax: 10, metric: "nps", isRequired: true }] },
    {
      name: "second",
      elements: [
        { type: "rating", name: "csat", title: "Satisfied?", rateMin: 1, rateMax: 5, metric: "csat" },
        { type: "comment", name: "comment", title: "Anything else?" },
      ],
    },
  ],
};

async function twoPageSurvey(ctx: TestContext) {
  const id: string = (await ctx.request("/api/surveys", { as: "manager", body: { title: "Two pages", definition } })).json.id;
  await ctx.request(`/api/surveys/${id}/publish`, { as: "manager", body: {} });
  await ctx.request(`/api/surveys/${id}/rules`, { as: "manager", body: { match: {}, delayMinutes: 0, expiresAfterDays: 7 } });
  return id;
}

async function links(ctx: TestContext, count: number) {
  const emails = Array.from({ length: count }, (_, i) => `drop${i}-${Math.random().toString(36).slice(2, 8)}@example.org`);
  await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: emails.map((email) => interaction({ customer: { email } })) } });
  await runDispatchTick({ ...ctx.deps, now: () => new Date() });
  return Promise.all(emails.map((email) => tokenFromMailbox(ctx, email)));
}

describe("drop-off per question", () => {
  it("counts submitted responses as reaching every question and saved progress up to its furthest page", async () => {
    const ctx = await createTestContext();
    const surveyId = await twoPageSurvey(ctx);
    const [done, stoppedEarly, stoppedLate, justLooked] = await links(ctx, 4);
    const progress = (token: string, body: Record<string, unknown>) => ctx.request(`/api/public/invitations/${token}/progress`, { method: "PUT", body: { revision: 0, ...body } });

    expect((await ctx.request(`/api/public/invitations/${done}/response`, { body: { data: { nps: 9, csat: 4 } } })).status).toBe(201);
    expect((await progress(stoppedEarly!, { data: { nps: 5 }, currentPage: 0, furthestPage: 0 })).status).toBe(200);
    expect((await progress(stoppedLate!, { data: { nps: 7, csat: 3, comment: "" }, currentPage: 0, furthestPage: 1 })).status).toBe(200);
    expect((await ctx.request(`/api/public/invitations/${justLooked}`)).status).toBe(200);

    const res = await ctx.request(`/api/analytics/dropoff?surveyId=${surveyId}`, { as: "reviewer" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ started: 3, completed: 1 });
    expect(res.json.questions).toEqual([
      { name: "nps", title: "Recommend us?", page: 0, reached: 3, answered: 3 },
      { name: "csat", title: "Satisfied?", page: 1, reached: 2, answered: 2 },
      { name: "comment", title: "Anything else?", page: 1, reached: 2, answered: 0 },
    ]);

    const before = await ctx.request(`/api/analytics/dropoff?surveyId=${surveyId}&from=2000-01-01&to=2000-12-31`, { as: "reviewer" });
    expect(before.json.questions.map((q: { reached: number }) => q.reached)).toEqual([0, 0, 0]);
  });

  it("lists the questions with nothing reached before anyone answers, and asks for a survey when none is named", async () => {
    const ctx = await createTestContext();
    const surveyId = await twoPageSurvey(ctx);
    const res = await ctx.request(`/api/analytics/dropoff?surveyId=${surveyId}`, { as: "manager" });
    expect(res.json).toMatchObject({ started: 0, completed: 0 });
    expect(res.json.questions.map((q: { name: string; reached: number }) => [q.name, q.reached])).toEqual([["nps", 0], ["csat", 0], ["comment", 0]]);

    const missing = await ctx.request("/api/analytics/dropoff", { as: "manager" });
    expect(missing.status).toBe(422);
    expect(missing.json.errors[0].message).toMatch(/Choose a survey/);
  });
});
