// Benchmarks: competitor and industry series entered by hand or imported from CSV, all or nothing and idempotent,
// and the latest figure of each series as a review pack asks for it.
import { describe, expect, it } from "vitest";
import { benchmarksFor } from "../../server/features/benchmarks/benchmarks.service";
import { createTestContext, type TestContext } from "../support/app";

const csvRequest = (ctx: TestContext, text: string, as: "reviewer" | "manager" | "admin" = "reviewer") =>
  ctx.request("/api/benchmarks/import", { as, body: text, headers: { "content-type": "text/csv; charset=utf-8" } });

const FILE = [
  "series,kind,metric,as_of,value,source",
  "Acme Bank,competitor,nps,2026-06-30,28,Industry NPS report 2026",
  "Acme Bank,competitor,nps,2026-09-30,31.5,Industry NPS report 2026",
  "Retail banking,industry,nps,2026-09-30,24,Banking benchmark Q3",
  "Retail banking,industry,csat,2026-09-30,81,Banking benchmark Q3",
].join("\n");

describe("benchmarks", () => {
  it("starts a series, sets, replaces and deletes its figures, and deletes the series", async () => {
    const ctx = await createTestContext();
    const made = await ctx.request("/api/benchmarks", { as: "reviewer", body: { name: "Acme Bank", kind: "competitor", metric: "nps" } });
    expect(made.status, made.text).toBe(201);
    expect(made.json).toMatchObject({ name: "Acme Bank", kind: "competitor", metric: "nps", points: [] });
    const id = made.json.id;
    expect((await ctx.request("/api/benchmarks", { as: "manager", body: { name: "Acme Bank", kind: "competitor", metric: "nps" } })).status).toBe(409);

    const put = (asOf: string, body: unknown) => ctx.request(`/api/benchmarks/${id}/points/${asOf}`, { as: "manager", method: "PUT", body });
    expect((await put("2026-06-30", { value: 28, source: "Report" })).status).toBe(200);
    expect((await put("2026-09-30", { value: 30, source: "Report" })).json).toEqual({ asOf: "2026-09-30", value: 30, source: "Report" });
    expect((await put("2026-09-30", { value: 31.5, source: "Report, corrected" })).status).toBe(200);
    const listed = (await ctx.request("/api/benchmarks", { as: "reviewer" })).json.items;
    expect(listed[0].points).toEqual([
      { asOf: "2026-09-30", value: 31.5, source: "Report, corrected" },
      { asOf: "2026-06-30", value: 28, source: "Report" },
    ]);

    const badDay = await put("2026-02-30", { value: 1, source: "x" });
    expect(badDay.status).toBe(422);
    expect(badDay.json.errors[0].message).toContain("real day");
    const noSource = await put("2026-03-31", { value: 1, source: "" });
    expect(noSource.status).toBe(422);
    expect(noSource.json.errors[0].path).toBe("/source");

    expect((await ctx.request(`/api/benchmarks/${id}/points/2026-06-30`, { as: "admin", method: "DELETE" })).status).toBe(204);
    expect((await ctx.request(`/api/benchmarks/${id}/points/2026-06-30`, { as: "admin", method: "DELETE" })).status).toBe(404);
    expect((await ctx.request(`/api/benchmarks/${id}`, { as: "reviewer", method: "DELETE" })).status).toBe(204);
    expect((await ctx.request("/api/benchmarks", { as: "reviewer" })).json.items).toEqual([]);
    expect((await ctx.request(`/api/benchmarks/${id}`, { as: "reviewer", method: "DELETE" })).status).toBe(404);
    expect((await ctx.request("/api/benchmarks", { as: "agent" })).status).toBe(403);
  });

  it("imports a CSV file, and importing it again changes nothing and says so", async () => {
    const ctx = await createTestContext();
    const first = await csvRequest(ctx, FILE);
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({ rows: 4, series: { created: 3, existing: 0 }, points: { created: 4, updated: 0, unchanged: 0 } });
    const again = await ctx.request("/api/benchmarks/import", { as: "manager", body: { csv: FILE } });
    expect(again.json).toMatchObject({ rows: 4, series: { created: 0, existing: 3 }, points: { created: 0, updated: 0, unchanged: 4 } });
    expect(again.json.message).toContain("Nothing changed");
    const items: { name: string; metric: string; points: unknown[] }[] = (await ctx.request("/api/benchmarks", { as: "reviewer" })).json.items;
    expect(items.map((s) => `${s.name}/${s.metric}/${s.points.length}`).sort()).toEqual(["Acme Bank/nps/2", "Retail banking/csat/1", "Retail banking/nps/1"]);
  });

  it("reads a byte-order mark, semicolons and decimal commas, and updates a changed figure", async () => {
    const ctx = await createTestContext();
    await csvRequest(ctx, FILE);
    const european = "\uFEFFseries;kind;metric;as_of;value;source\r\nAcme Bank;competitor;nps;2026-09-30;32,5;Industry NPS report 2026, revised\r\nAcme Bank;competitor;nps;2026-12-31;33;Industry NPS report 2027\r\n";
    const res = await csvRequest(ctx, european, "admin");
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ rows: 2, series: { created: 0, existing: 1 }, points: { created: 1, updated: 1, unchanged: 0 } });
    const acme = (await ctx.request("/api/benchmarks", { as: "reviewer" })).json.items.find((s: { name: string; metric: string }) => s.name === "Acme Bank");
    expect(acme.points[1]).toEqual({ asOf: "2026-09-30", value: 32.5, source: "Industry NPS report 2026, revised" });
  });

  it("rejects a file with any bad row whole, naming each row and what to fix", async () => {
    const ctx = await createTestContext();
    const bad = [
      "series,kind,metric,as_of,value,source",
      "Acme Bank,competitor,nps,2026-09-30,31.5,Report",
      "Acme Bank,rival,nps,2026-09-31,lots,",
      ",industry,happiness,2026-09-30,20,Report",
    ].join("\n");
    const res = await csvRequest(ctx, bad);
    expect(res.status).toBe(422);
    const paths = res.json.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(["/rows/3/kind", "/rows/3/as_of", "/rows/3/value", "/rows/3/source", "/rows/4/series", "/rows/4/metric"]);
    expect(res.json.errors[0].message).toMatch(/^Row 3: write competitor or industry/);
    expect(res.json.detail).toContain("nothing was imported");
    expect((await ctx.request("/api/benchmarks", { as: "reviewer" })).json.items).toEqual([]);

    const missing = await csvRequest(ctx, "series,kind,value\nAcme,competitor,3");
    expect(missing.status).toBe(422);
    expect(missing.json.detail).toContain("it lacks metric, as_of, source");

    await csvRequest(ctx, FILE);
    const clash = await csvRequest(ctx, "series,kind,metric,as_of,value,source\nAcme Bank,industry,nps,2026-12-31,30,Report\nRetail banking,industry,nps,2026-12-31,1,A\nRetail banking,industry,nps,2026-12-31,2,B");
    expect(clash.status).toBe(422);
    expect(clash.json.errors.map((e: { path: string }) => e.path)).toEqual(["/rows/2/kind", "/rows/4/as_of"]);
    expect(clash.json.errors[0].message).toContain("is a competitor series");

    const empty = await ctx.request("/api/benchmarks/import", { as: "reviewer", body: {} });
    expect(empty.status).toBe(422);
  });

  it("gives each series' latest figure on or before a day", async () => {
    const ctx = await createTestContext();
    await csvRequest(ctx, FILE);
    const reader = { db: ctx.db, orgId: ctx.orgId };
    const q3 = await benchmarksFor(reader, "nps", "2026-09-30");
    expect(q3.map(({ seriesId: _id, ...rest }) => rest)).toEqual([
      { name: "Acme Bank", kind: "competitor", value: 31.5, asOf: "2026-09-30", source: "Industry NPS report 2026" },
      { name: "Retail banking", kind: "industry", value: 24, asOf: "2026-09-30", source: "Banking benchmark Q3" },
    ]);
    expect((await benchmarksFor(reader, "nps", "2026-09-29")).map((b) => [b.name, b.value])).toEqual([["Acme Bank", 28]]);
    expect(await benchmarksFor(reader, "ces", "2026-12-31")).toEqual([]);
  });
});
