// Scorecards: an agent reads only their own figures; managers, reviewers and admins read any staff member's.
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { createTestContext, type TestContext } from "../support/app";
import { publishedSurvey } from "../support/factories";

const NOW = new Date("2026-11-15T12:00:00Z");
let ctx: TestContext;
const agent: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext({ now: () => NOW });
  const surveyId = await publishedSurvey(ctx);
  const rows = [
    { at: "2026-09-10", agent: "Ann", nps: 10, csat: 5, comment: "Ann sorted it in minutes" },
    { at: "2026-10-10", agent: "Ann", nps: 9, csat: 4, comment: "Friendly and quick" },
    { at: "2026-10-11", agent: "Ann", nps: 3, csat: 2 },
    { at: "2026-11-02", agent: "Ann", nps: 10, csat: 5, comment: "Best service in town" },
    { at: "2026-10-12", agent: "Bob", nps: 0, csat: 1, comment: "Bob never called back" },
  ];
  const responses = rows.map((r, i) => ({
    externalId: `sc-${i}`,
    respondedAt: `${r.at}T10:00:00Z`,
    answers: { nps: r.nps, csat: r.csat, ...(r.comment && { comment: r.comment }) },
    agent: r.agent,
  }));
  expect((await ctx.request("/api/responses/import", { as: "admin", body: { surveyId, responses } })).status).toBe(201);
  for (const a of (await ctx.request("/api/analytics/filters", { as: "admin" })).json.agents as { id: string; name: string }[]) agent[a.name] = a.id;
}, 60_000);

const link = (agentId: string | null) => ctx.db.update(users).set({ agentId }).where(eq(users.email, "agent@test.example")).run();

describe("scorecards", () => {
  it("tells an agent not yet linked to a staff record why there is no scorecard", async () => {
    await link(null);
    const res = await ctx.request("/api/me/scorecard", { as: "agent" });
    expect(res.status).toBe(404);
    expect(res.json.detail).toContain("not linked to a staff record");
  });

  it("shows an agent their own responses, NPS, CSAT, monthly trend and comments, and nobody else's", async () => {
    await link(agent.Ann!);
    const res = await ctx.request("/api/me/scorecard", { as: "agent" });
    expect(res.status, res.text).toBe(200);
    const s = res.json;
    expect(s).toMatchObject({ agent: { id: agent.Ann, name: "Ann" }, fromDay: "2026-08-18", toDay: "2026-11-15", responses: 4 });
    expect(s.nps).toMatchObject({ score: 50, n: 4 });
    expect(s.nps.ci95[0]).toBeLessThan(50);
    expect(s.csat).toMatchObject({ top2box: 75, n: 4 });
    expect(s.trend.metric).toBe("nps");
    expect(s.trend.points.map((p: { period: string; n: number }) => [p.period, p.n])).toEqual([
      ["2026-08", 0],
      ["2026-09", 1],
      ["2026-10", 2],
      ["2026-11", 1],
    ]);
    expect(s.comments.map((c: { text: string }) => c.text)).toEqual(["Best service in town", "Friendly and quick", "Ann sorted it in minutes"]);
    expect(res.text).not.toContain("Bob");

    const october = (await ctx.request("/api/me/scorecard?from=2026-10-01&to=2026-10-31", { as: "agent" })).json;
    expect(october).toMatchObject({ fromDay: "2026-10-01", toDay: "2026-10-31", responses: 2, nps: { score: 0, n: 2 } });
    expect((await ctx.request("/api/me/scorecard?from=2026-11-01&to=2026-10-01", { as: "agent" })).status).toBe(422);
  });

  it("never shows an agent another staff member's scorecard", async () => {
    await link(agent.Ann!);
    expect((await ctx.request(`/api/agents/${agent.Bob}/scorecard`, { as: "agent" })).status).toBe(403);
    expect((await ctx.request(`/api/agents/${agent.Ann}/scorecard`, { as: "agent" })).status).toBe(403);
  });

  it("lets managers, reviewers and admins read any staff member's scorecard, and answers 404 for one not on record", async () => {
    for (const as of ["manager", "reviewer", "admin"] as const) {
      const res = await ctx.request(`/api/agents/${agent.Bob}/scorecard`, { as });
      expect(res.status, as).toBe(200);
      expect(res.json).toMatchObject({ agent: { name: "Bob" }, responses: 1, nps: { score: -100, n: 1 } });
      expect(res.json.comments.map((c: { text: string }) => c.text)).toEqual(["Bob never called back"]);
    }
    for (const as of ["manager", "reviewer", "admin"] as const) expect((await ctx.request("/api/me/scorecard", { as })).status).toBe(403);
    const missing = await ctx.request(`/api/agents/${crypto.randomUUID()}/scorecard`, { as: "manager" });
    expect(missing.status).toBe(404);
    expect(missing.json.detail).toBe("No staff member with that id in your organisation.");
  });
});
