import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invitations, responses } from "../../db/schema";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { createTestContext, type TestContext } from "../support/app";
import { interaction, publishedSurvey, tokenFromMailbox } from "../support/factories";

async function invited(ctx: TestContext, email = `r${Math.random().toString(36).slice(2)}@example.org`) {
  const surveyId = await publishedSurvey(ctx);
  await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ customer: { email } })] } });
  const report = await runDispatchTick({ ...ctx.deps, now: () => new Date() });
  expect(report.sent).toBe(1);
  return { surveyId, email, token: await tokenFromMailbox(ctx, email) };
}

describe("the respondent flow", () => {
  it("refuses a dimension rating outside the question's own scale and records one on it", async () => {
    const ctx = await createTestContext();
    const elements = [
      { type: "rating", name: "nps", rateMin: 0, rateMax: 10, metric: "nps" },
      { type: "rating", name: "time", title: "Time taken?", rateMin: 1, rateMax: 7, metric: "dimension:time-taken" },
    ];
    const id = (await ctx.request("/api/surveys", { as: "manager", body: { title: "Dimensions", definition: { pages: [{ name: "p", elements }] } } })).json.id;
    expect((await ctx.request(`/api/surveys/${id}/publish`, { as: "manager", body: {} })).status).toBe(201);
    expect((await ctx.request(`/api/surveys/${id}/rules`, { as: "manager", body: { match: {}, delayMinutes: 0, expiresAfterDays: 7 } })).status).toBe(201);
    const email = "dimensions@example.org";
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ customer: { email } })] } });
    await runDispatchTick({ ...ctx.deps, now: () => new Date() });
    const token = await tokenFromMailbox(ctx, email);

    const outside = await ctx.request(`/api/public/invitations/${token}/response`, { body: { data: { nps: 9, time: 8 } } });
    expect(outside.status).toBe(422);
    expect(outside.json.errors).toEqual([{ path: "/data/time", message: "Question “Time taken?” (time): choose one of 1, 2, 3, 4, 5, 6, 7." }]);
    const inside = await ctx.request(`/api/public/invitations/${token}/response`, { body: { data: { nps: 9, time: 7 } } });
    expect(inside.status).toBe(201);
    const stored = await ctx.db.select().from(responses).where(eq(responses.surveyId, id)).get();
    expect(stored).toMatchObject({ nps: 9, data: { nps: 9, time: 7 } });
  });

  it("emails an absolute link, shows the published version and records one response", async () => {
    const ctx = await createTestContext();
    const { token, email, surveyId } = await invited(ctx);
    const [mail] = (await ctx.request(`/api/dev/mailbox?to=${email}`, { as: "admin" })).json.items;
    expect(mail.html).toContain(`http://rapport.test/s/${token}`);
    expect(mail.subject).toContain("After-service");
    expect(token.length).toBeGreaterThanOrEqual(22);

    const opened = await ctx.request(`/api/public/invitations/${token}`);
    expect(opened.status).toBe(200);
    expect(opened.json.title).toBe("After-service");
    expect(opened.json.definition.pages[0].elements).toHaveLength(4);

    const answered = await ctx.request(`/api/public/invitations/${token}/response`, { body: { data: { nps: 9, csat: 4, ces: 6, comment: "Quick", injected: "x" } } });
    expect(answered.status).toBe(201);
    const stored = await ctx.db.select().from(responses).where(eq(responses.surveyId, surveyId)).get();
    expect(stored).toMatchObject({ nps: 9, csat: 4, ces: 6, data: { nps: 9, csat: 4, ces: 6, comment: "Quick" } });
    expect(stored!.data).not.toHaveProperty("injected");

    const twice = await ctx.request(`/api/public/invitations/${token}/response`, { body: { data: { nps: 1 } } });
    expect(twice.status).toBe(409);
    expect((await ctx.request(`/api/public/invitations/${token}`)).status).toBe(409);
  });

  it.each([
    ["a rating above the scale", { nps: 11 }],
    ["a fractional rating", { nps: 4.5 }],
    ["a rating sent as text", { nps: "9" }],
    ["a missing required answer", { csat: 4 }],
    ["a comment that is not text", { nps: 8, comment: { html: "<b>" } }],
  ])("rejects %s with 422 and keeps the invitation open", async (_name, data) => {
    const ctx = await createTestContext();
    const { token } = await invited(ctx);
    const res = await ctx.request(`/api/public/invitations/${token}/response`, { body: { data } });
    expect(res.status).toBe(422);
    expect(res.json.errors.length).toBeGreaterThan(0);
    expect(await ctx.db.select().from(responses).all()).toHaveLength(0);
    expect((await ctx.request(`/api/public/invitations/${token}/response`, { body: { data: { nps: 7 } } })).status).toBe(201);
  });

  it("answers an unknown token with 404 and a lapsed invitation with 410", async () => {
    const ctx = await createTestContext();
    expect((await ctx.request("/api/public/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
    expect((await ctx.request("/api/public/invitations/short")).status).toBe(404);
    const { token } = await invited(ctx);
    await ctx.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).run();
    const res = await ctx.request(`/api/public/invitations/${token}/response`, { body: { data: { nps: 9 } } });
    expect(res.status).toBe(410);
    expect(res.json.detail).toMatch(/closed/);
  });

  it("keeps answering the version invited to after the survey is republished", async () => {
    const ctx = await createTestContext();
    const { token, surveyId } = await invited(ctx);
    await ctx.request(`/api/surveys/${surveyId}`, {
      method: "PUT",
      as: "manager",
      body: { definition: { pages: [{ name: "p", elements: [{ type: "text", name: "other" }] }] } },
    });
    await ctx.request(`/api/surveys/${surveyId}/publish`, { as: "manager", body: {} });
    const opened = await ctx.request(`/api/public/invitations/${token}`);
    expect(opened.json.definition.pages[0].elements[0].name).toBe("nps");
  });

  it("lets only one of two simultaneous answers in", async () => {
    const ctx = await createTestContext();
    const { token } = await invited(ctx);
    const results = await Promise.all([1, 2].map((n) => ctx.request(`/api/public/invitations/${token}/response`, { body: { data: { nps: n } } })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await ctx.db.select().from(responses).all()).toHaveLength(1);
  });
});
