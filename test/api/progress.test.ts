import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invitations, partialResponses } from "../../db/schema";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { createTestContext, type TestContext } from "../support/app";
import { interaction, publishedSurvey, tokenFromMailbox } from "../support/factories";

async function invited(ctx: TestContext) {
  const email = `p${Math.random().toString(36).slice(2)}@example.org`;
  const surveyId = await publishedSurvey(ctx);
  await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ customer: { email } })] } });
  await runDispatchTick({ ...ctx.deps, now: () => new Date() });
  return { surveyId, token: await tokenFromMailbox(ctx, email) };
}

const save = (ctx: TestContext, token: string, body: Record<string, unknown>) =>
  ctx.request(`/api/public/invitations/${token}/progress`, { method: "PUT", body: { currentPage: 0, furthestPage: 0, ...body } });

describe("saving answers as the customer goes", () => {
  it("saves the answers so far and gives them back when the link is opened again", async () => {
    const ctx = await createTestContext();
    const { token } = await invited(ctx);
    expect((await ctx.request(`/api/public/invitations/${token}`)).json).not.toHaveProperty("progress");

    const first = await save(ctx, token, { data: { nps: 8 }, revision: 0 });
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ revision: 1 });
    const second = await save(ctx, token, { data: { nps: 9, comment: "Half-way" }, revision: 1 });
    expect(second.json).toEqual({ revision: 2 });

    const opened = await ctx.request(`/api/public/invitations/${token}`);
    expect(opened.json.progress).toEqual({ data: { nps: 9, comment: "Half-way" }, currentPage: 0, revision: 2 });
  });

  it("drops keys that are not questions of the version invited to", async () => {
    const ctx = await createTestContext();
    const { token } = await invited(ctx);
    await save(ctx, token, { data: { nps: 3, injected: "x", "comment-Comment": "kept only for questions with a comment box" }, revision: 0 });
    const stored = await ctx.db.select().from(partialResponses).get();
    expect(stored!.data).toEqual({ nps: 3, "comment-Comment": "kept only for questions with a comment box" });
  });

  it("refuses a save based on a stale revision with the saved answers, so a second tab can merge", async () => {
    const ctx = await createTestContext();
    const { token } = await invited(ctx);
    await save(ctx, token, { data: { nps: 4 }, revision: 0 });
    await save(ctx, token, { data: { nps: 4, csat: 2 }, revision: 1 });

    const stale = await save(ctx, token, { data: { nps: 10 }, revision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.headers.get("content-type")).toContain("application/problem+json");
    expect(stale.json).toMatchObject({ stale: true, data: { nps: 4, csat: 2 }, revision: 2, currentPage: 0 });
    const firstAgain = await save(ctx, token, { data: { nps: 10 }, revision: 0 });
    expect(firstAgain.status).toBe(409);
    expect(firstAgain.json).toMatchObject({ stale: true, revision: 2 });

    expect((await save(ctx, token, { data: { nps: 10, csat: 2 }, revision: 2 })).json).toEqual({ revision: 3 });
  });

  it("rejects a body of the wrong shape with 422 and names the field", async () => {
    const ctx = await createTestContext();
    const { token } = await invited(ctx);
    const res = await save(ctx, token, { data: [1, 2], revision: -1 });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(["/data", "/revision"]);
  });

  it("refuses progress on a closed, answered or unknown link with the same problems as opening it", async () => {
    const ctx = await createTestContext();
    const { token } = await invited(ctx);
    expect((await save(ctx, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", { data: {}, revision: 0 })).status).toBe(404);

    expect((await ctx.request(`/api/public/invitations/${token}/response`, { body: { data: { nps: 9 } } })).status).toBe(201);
    const answered = await save(ctx, token, { data: { nps: 2 }, revision: 0 });
    expect(answered.status).toBe(409);
    expect(answered.json).not.toHaveProperty("stale");
    expect(answered.json.detail).toMatch(/already been answered/);

    const other = await invited(ctx);
    await ctx.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).run();
    expect((await save(ctx, other.token, { data: { nps: 2 }, revision: 0 })).status).toBe(410);
  });

  it("deletes the saved answers when the survey is submitted, and never counts them", async () => {
    const ctx = await createTestContext();
    const { token, surveyId } = await invited(ctx);
    const other = await invited(ctx);
    await save(ctx, other.token, { data: { nps: 0 }, revision: 0 });
    await save(ctx, token, { data: { nps: 1 }, revision: 0 });
    const summary = async () => (await ctx.request(`/api/analytics/summary?surveyId=${surveyId}`, { as: "admin" })).json;
    const before = await summary();

    expect((await ctx.request(`/api/public/invitations/${token}/response`, { body: { data: { nps: 9 } } })).status).toBe(201);
    const left = await ctx.db.select().from(partialResponses).all();
    expect(left.map((p) => p.data)).toEqual([{ nps: 0 }]);
    expect(before.nps?.n ?? 0).toBe(0);
    const after = await summary();
    expect(after.nps).toMatchObject({ n: 1, promoters: 1, detractors: 0 });
  });

  it("keeps the furthest page reached when the customer goes back", async () => {
    const ctx = await createTestContext();
    const { token } = await invited(ctx);
    await save(ctx, token, { data: {}, currentPage: 0, furthestPage: 0, revision: 0 });
    await ctx.db.update(partialResponses).set({ furthestPage: 3 }).where(eq(partialResponses.data, {})).run();
    await save(ctx, token, { data: { nps: 1 }, currentPage: 0, furthestPage: 0, revision: 1 });
    expect((await ctx.db.select().from(partialResponses).get())!.furthestPage).toBe(3);
  });

  it("counts saves apart from opening surveys, so a busy office can save past the public limit of 60 a minute", async () => {
    // One network address for every call, as behind an office's router.
    const ctx = await createTestContext({ clientAddress: () => "203.0.113.7" });
    const { token } = await invited(ctx);
    let revision = 0;
    for (let i = 0; i < 70; i++) {
      const res = await save(ctx, token, { data: { nps: i % 11 }, revision });
      expect(res.status, `save ${i + 1}`).toBe(200);
      revision = res.json.revision;
    }
    expect((await ctx.request(`/api/public/invitations/${token}`)).status).toBe(200);
  });
});
