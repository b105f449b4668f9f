// D1 takes at most 100 bound values a statement: every analytics read stays within it however many surveys,
// series and filter values an organisation brings (libSQL allows far more, so the count is checked here).
import type { Client, InStatement } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { scoreRollups, surveys, units } from "../../db/schema";
import { createTestContext } from "../support/app";

describe("analytics reads and D1's bound-value limit", () => {
  it("never binds more than 100 values in one statement, with 60 surveys, 48 series and 50 units named", async () => {
    const ctx = await createTestContext();
    const surveyIds = Array.from({ length: 60 }, (_, i) => `survey-${String(i).padStart(2, "0")}`);
    await ctx.db.insert(surveys).values(surveyIds.map((id) => ({ id, orgId: ctx.orgId, title: id, draft: { pages: [] } }))).run();
    const unitRows = Array.from({ length: 50 }, (_, i) => ({ id: `unit-${i}`, orgId: ctx.orgId, name: `Unit ${i}` }));
    await ctx.db.insert(units).values(unitRows).run();
    const day = new Date().toISOString().slice(0, 10);
    const series = ["*responses", "nps@0-10", ...Array.from({ length: 46 }, (_, i) => `dimension:d${i}@1-5`)];
    const cells = series.flatMap((s) => [
      { orgId: ctx.orgId, grain: "all/day" as const, series: s, period: day, surveyId: surveyIds[0]!, segment: "", n: 2, sum: 8, sumSq: 32, hi: 1, lo: 0 },
      { orgId: ctx.orgId, grain: "unit/day" as const, series: s, period: day, surveyId: surveyIds[0]!, segment: "unit-1", n: 2, sum: 8, sumSq: 32, hi: 1, lo: 0 },
      { orgId: ctx.orgId, grain: "unit/month" as const, series: s, period: day.slice(0, 7), surveyId: surveyIds[0]!, segment: "unit-1", n: 2, sum: 8, sumSq: 32, hi: 1, lo: 0 },
    ]);
    for (let i = 0; i < cells.length; i += 50) await ctx.db.insert(scoreRollups).values(cells.slice(i, i + 50)).run();

    const client = (ctx.db as unknown as { $client: Client }).$client;
    const execute = client.execute.bind(client);
    let most = 0;
    client.execute = ((stmt: InStatement, args?: unknown) => {
      if (typeof stmt === "object" && Array.isArray(stmt.args)) most = Math.max(most, stmt.args.length);
      return execute(stmt as never, args as never);
    }) as typeof client.execute;
    const manyUnits = unitRows.map((u) => `unit=${u.id}`).join("&");
    for (const path of [
      "summary?range=12m",
      `summary?range=12m&${manyUnits}`,
      `segments?range=12m&metric=index&by=unit&${manyUnits}`,
      `trend?range=12m&metric=dimension:d3&interval=month&${manyUnits}`,
      "drivers?range=12m",
      "staff?range=12m",
    ]) {
      const res = await ctx.request(`/api/analytics/${path}`, { as: "reviewer" });
      expect(res.status, `${path}: ${res.text}`).toBe(200);
    }
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(100);
    const summary = (await ctx.request(`/api/analytics/summary?range=12m&unit=unit-1`, { as: "reviewer" })).json;
    expect(summary.responses).toBe(2);
    expect(summary.dimensions).toHaveLength(46);
  });
});
