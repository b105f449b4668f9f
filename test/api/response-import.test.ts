// Importing history from another tool: all or nothing, idempotent on externalId, fed to the same figures as live answers.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { agents, responses, scoreRollups, units } from "../../db/schema";
import { createTestContext, type TestContext } from "../support/app";
import { publishedSurvey } from "../support/factories";

type Row = Record<string, unknown>;

const row = (n: number, over: Row = {}): Row => ({
  externalId: `delighted-${n}`,
  respondedAt: "2025-03-14T09:30:00Z",
  answers: { nps: 9, csat: 4 },
  ...over,
});

async function setUp() {
  const ctx = await createTestContext();
  const surveyId = await publishedSurvey(ctx);
  const send = (body: Row, by: { apiKey?: string; as?: "admin" | "manager" } = { apiKey: ctx.apiKey }) => ctx.request("/api/responses/import", { ...by, body: { surveyId, ...body } });
  return { ctx, surveyId, send };
}

const stored = (ctx: TestContext) => ctx.db.select().from(responses).all();

describe("importing responses", () => {
  it("stores each row with its own time, its context and its scores, marked as imported", async () => {
    const { ctx, surveyId, send } = await setUp();
    const res = await send({
      responses: [
        row(1, { answers: { nps: 10, csat: 5, comment: "Quick and friendly" }, unit: "North", agent: "Sam", channel: "phone", type: "complaint", customer: { email: "A@Example.org" } }),
        row(2, { respondedAt: "2025-06-02T15:00:00+02:00", answers: { nps: 3 } }),
      ],
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toEqual({ imported: 2, skipped: 0, dryRun: false });

    const rows = await stored(ctx);
    const first = rows.find((r) => r.externalId === "delighted-1")!;
    const unit = await ctx.db.select().from(units).get();
    const agent = await ctx.db.select().from(agents).get();
    expect(first).toMatchObject({
      surveyId,
      invitationId: null,
      createdAt: new Date("2025-03-14T09:30:00Z"),
      nps: 10,
      csat: 5,
      ces: null,
      unitId: unit!.id,
      agentId: agent!.id,
      channel: "phone",
      interactionType: "complaint",
      data: { nps: 10, csat: 5, comment: "Quick and friendly" },
    });
    expect(unit!.name).toBe("North");
    expect(agent!.name).toBe("Sam");
    expect(first.importedAt).toBeInstanceOf(Date);
    expect(first.importedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(rows.find((r) => r.externalId === "delighted-2")!.createdAt).toEqual(new Date("2025-06-02T13:00:00Z"));
  });

  it("skips rows already imported into the survey, so sending the same file again stores nothing twice", async () => {
    const { ctx, send } = await setUp();
    const batch = [row(1), row(2), row(3)];
    expect((await send({ responses: batch })).json).toEqual({ imported: 3, skipped: 0, dryRun: false });
    const again = await send({ responses: [...batch, row(4), row(4)] });
    expect(again.status).toBe(201);
    expect(again.json).toEqual({ imported: 1, skipped: 4, dryRun: false });
    expect(await stored(ctx)).toHaveLength(4);
    const cells = await ctx.db.select().from(scoreRollups).where(and(eq(scoreRollups.grain, "all/day"), eq(scoreRollups.series, "nps@0-10"))).all();
    expect(cells.reduce((n, c) => n + c.n, 0)).toBe(4);
  });

  it("rejects the whole request when one row is wrong, naming its row, and stores nothing", async () => {
    const { ctx, send } = await setUp();
    const res = await send({ responses: [row(1), row(2), row(3, { answers: { nps: 11 } }), row(4, { answers: { nps: 5, colour: "blue" } })] });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([
      { path: "/responses/2/answers/nps", message: expect.stringMatching(/^Row 3: Question “Recommend us\?” \(nps\): choose one of 0, 1, .*10\.$/) },
      { path: "/responses/3/answers/colour", message: "Row 4: the survey has no question named “colour”; send answers under the names of its questions." },
    ]);
    expect(res.json.detail).toContain("Row 3");
    expect(await stored(ctx)).toHaveLength(0);
    expect(await ctx.db.select().from(scoreRollups).all()).toHaveLength(0);
  });

  it("names a malformed row's fields by their row, and a row with no answers", async () => {
    const { send } = await setUp();
    const res = await send({ responses: [row(1, { externalId: "", respondedAt: "14/03/2025" }), row(2, { answers: {} }), row(3, { customer: { email: "nope" } })] });
    expect(res.status).toBe(422);
    const byPath = Object.fromEntries(res.json.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
    expect(byPath["/responses/0/externalId"]).toMatch(/^Row 1: enter the response's id/);
    expect(byPath["/responses/0/respondedAt"]).toMatch(/^Row 1: enter when the customer answered/);
    expect(byPath["/responses/2/customer/email"]).toMatch(/^Row 3: enter the customer's email/);
    const empty = await send({ responses: [row(1), row(2, { answers: {} })] });
    expect(empty.json.errors).toEqual([{ path: "/responses/1/answers", message: "Row 2: it has no answers; send at least one answer to a question of the survey." }]);
  });

  it("refuses an answer dated in the future, saying so plainly", async () => {
    const { ctx, send } = await setUp();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const res = await send({ responses: [row(1), row(2, { respondedAt: tomorrow })] });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([{ path: "/responses/1/respondedAt", message: `Row 2: respondedAt ${tomorrow} is in the future; import only answers already given.` }]);
    expect(await stored(ctx)).toHaveLength(0);
  });

  it("takes 1 to 1000 rows a request", async () => {
    const { send } = await setUp();
    const tooMany = await send({ responses: Array.from({ length: 1001 }, (_, i) => row(i)) });
    expect(tooMany.status).toBe(422);
    expect(tooMany.json.errors).toEqual([{ path: "/responses", message: "Send at most 1000 responses a request; split larger files." }]);
    const none = await send({ responses: [] });
    expect(none.json.errors).toEqual([{ path: "/responses", message: "Send at least one response." }]);
  });

  it("imports 1000 rows in one request within the bound-parameter limit", async () => {
    const { ctx, send } = await setUp();
    const rows = Array.from({ length: 1000 }, (_, i) =>
      row(i, { respondedAt: new Date(Date.UTC(2025, 0, 1 + (i % 300), 12)).toISOString(), answers: { nps: i % 11, csat: 1 + (i % 5), ces: 1 + (i % 7) }, unit: `Unit ${i % 20}`, agent: `Agent ${i % 50}`, channel: "phone" }),
    );
    const res = await send({ responses: rows });
    expect(res.status, res.text).toBe(201);
    expect(res.json.imported).toBe(1000);
    expect(await stored(ctx)).toHaveLength(1000);
    expect(await ctx.db.select().from(units).all()).toHaveLength(20);
  }, 60_000);

  it("checks without storing on a dry run", async () => {
    const { ctx, send } = await setUp();
    await send({ responses: [row(1)] });
    const dry = await send({ dryRun: true, responses: [row(1), row(2), row(3)] });
    expect(dry.status).toBe(200);
    expect(dry.json).toEqual({ imported: 2, skipped: 1, dryRun: true });
    expect(await stored(ctx)).toHaveLength(1);
    const bad = await send({ dryRun: true, responses: [row(4, { answers: { csat: 9 } })] });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].path).toBe("/responses/0/answers/csat");
  });

  it("answers 404 for an unknown survey and for another organisation's, and asks for a published version", async () => {
    const { ctx, surveyId } = await setUp();
    const other = await ctx.addOrganisation("Other org");
    const unknown = await ctx.request("/api/responses/import", { apiKey: ctx.apiKey, body: { surveyId: "no-such-survey", responses: [row(1)] } });
    expect(unknown.status).toBe(404);
    const theirs = await ctx.request("/api/responses/import", { apiKey: other.apiKey, body: { surveyId, responses: [row(1)] } });
    expect(theirs.status).toBe(404);
    const theirAdmin = await ctx.request("/api/responses/import", { ...other.admin, body: { surveyId, responses: [row(1)] } });
    expect(theirAdmin.status).toBe(404);
    expect((await ctx.request(`/api/responses/import/${surveyId}`, { apiKey: other.apiKey })).status).toBe(404);
    expect(await stored(ctx)).toHaveLength(0);

    const draft = await ctx.request("/api/surveys", { as: "manager", body: { title: "Draft", definition: { pages: [{ elements: [{ type: "rating", name: "nps", rateMin: 0, rateMax: 10, metric: "nps" }] }] } } });
    const unpublished = await ctx.request("/api/responses/import", { apiKey: ctx.apiKey, body: { surveyId: draft.json.id, responses: [row(1)] } });
    expect(unpublished.status).toBe(422);
    expect(unpublished.json.errors[0]).toMatchObject({ path: "/surveyId", message: expect.stringMatching(/^Publish this survey/) });
  });

  it("takes an API key or an admin's session, and no other role", async () => {
    const { ctx, send } = await setUp();
    expect((await send({ responses: [row(1)] }, { as: "admin" })).status).toBe(201);
    expect((await send({ responses: [row(2)] }, { as: "manager" })).status).toBe(403);
    expect((await send({ responses: [row(3)] }, {})).status).toBe(401);
    expect((await send({ responses: [row(4)] }, { apiKey: "rpk_wrong" })).status).toBe(401);
    expect(await stored(ctx)).toHaveLength(1);
  });

  it("describes the survey's published questions and the organisation's time zone for mapping a file", async () => {
    const { ctx, surveyId } = await setUp();
    const res = await ctx.request(`/api/responses/import/${surveyId}`, { as: "admin" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ surveyId, version: 1, timeZone: "UTC" });
    expect(res.json.questions).toEqual([
      { name: "nps", title: "Recommend us?", type: "rating", metric: "nps", required: true, scale: { min: 0, max: 10 }, choices: null },
      { name: "csat", title: "Satisfied?", type: "rating", metric: "csat", required: false, scale: { min: 1, max: 5 }, choices: null },
      { name: "ces", title: "Easy?", type: "rating", metric: "ces", required: false, scale: { min: 1, max: 7 }, choices: null },
      { name: "comment", title: "Anything else?", type: "comment", metric: "comment", required: false, scale: null, choices: null },
    ]);
  });

  it("feeds the summary for the responses' own dates and the rollups by the organisation's days", async () => {
    const { ctx, surveyId, send } = await setUp();
    const march = [10, 9, 7, 2].map((nps, i) => row(i, { respondedAt: `2025-03-${10 + i}T12:00:00Z`, answers: { nps } }));
    const june = [row(10, { respondedAt: "2025-06-01T12:00:00Z", answers: { nps: 0 } })];
    expect((await send({ responses: [...march, ...june] })).status).toBe(201);

    const summary = await ctx.request(`/api/analytics/summary?surveyId=${surveyId}&from=2025-03-01&to=2025-03-31`, { as: "reviewer" });
    expect(summary.status, summary.text).toBe(200);
    expect(summary.json.responses).toBe(4);
    expect(summary.json.nps).toMatchObject({ promoters: 2, passives: 1, detractors: 1, n: 4, score: 25 });
    // Imported answers answered no invitation: the response rate is untouched.
    expect(summary.json.invitations).toMatchObject({ sent: 0, responded: 0 });

    const days = await ctx.db.select().from(scoreRollups).where(and(eq(scoreRollups.grain, "all/day"), eq(scoreRollups.series, "nps@0-10"))).all();
    expect(days.map((d) => [d.period, d.n, d.sum]).sort()).toEqual([
      ["2025-03-10", 1, 10],
      ["2025-03-11", 1, 9],
      ["2025-03-12", 1, 7],
      ["2025-03-13", 1, 2],
      ["2025-06-01", 1, 0],
    ]);
  });
});
