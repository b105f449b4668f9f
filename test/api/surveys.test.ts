import { describe, expect, it } from "vitest";
import { createTestContext } from "../support/app";
import { surveyDefinition } from "../support/factories";

const withElements = (elements: unknown[]) => ({ pages: [{ name: "p", elements }] });

describe("surveys", () => {
  it("creates, lists, edits and publishes immutable versions", async () => {
    const ctx = await createTestContext();
    const created = await ctx.request("/api/surveys", { as: "manager", body: { title: "Visit", definition: surveyDefinition() } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ title: "Visit", status: "draft", latestVersion: null });
    const id = created.json.id;

    expect((await ctx.request(`/api/surveys/${id}/publish`, { as: "manager", body: {} })).json).toEqual({ version: 1 });
    const again = await ctx.request(`/api/surveys/${id}/publish`, { as: "manager", body: {} });
    expect(again.status).toBe(409);

    const edited = await ctx.request(`/api/surveys/${id}`, { method: "PUT", as: "manager", body: { title: "Visit v2" } });
    expect(edited.json).toMatchObject({ status: "published", latestVersion: 1, hasUnpublishedChanges: true, title: "Visit v2" });
    expect((await ctx.request(`/api/surveys/${id}/publish`, { as: "admin", body: {} })).json).toEqual({ version: 2 });

    const list = await ctx.request("/api/surveys", { as: "reviewer" });
    expect(list.json.items.map((s: { id: string }) => s.id)).toEqual([id]);
    expect(list.json.nextCursor).toBeNull();
  });

  it.each([
    ["a definition that is not an object", [1, 2], "/definition"],
    ["a survey without questions", { pages: [{ name: "p", elements: [] }] }, "/definition"],
    ["duplicate question names", withElements([{ type: "text", name: "a" }, { type: "comment", name: "a" }]), "/definition/pages/0/elements/1/name"],
    ["an unknown question type", withElements([{ type: "telepathy", name: "a" }]), "/definition/pages/0/elements/0/type"],
    ["an NPS question on a 1-5 scale", withElements([{ type: "rating", name: "n", rateMin: 1, rateMax: 5, metric: "nps" }]), "/definition/pages/0/elements/0"],
    ["a CSAT metric on a text question", withElements([{ type: "text", name: "c", metric: "csat" }]), "/definition/pages/0/elements/0"],
    ["an unknown metric role", withElements([{ type: "rating", name: "c", metric: "happiness" }]), "/definition/pages/0/elements/0/metric"],
  ])("refuses %s with a 422 that points at the problem", async (_name, definition, path) => {
    const ctx = await createTestContext();
    const res = await ctx.request("/api/surveys", { as: "manager", body: { title: "Broken", definition } });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect((await ctx.request("/api/surveys", { as: "manager" })).json.items).toEqual([]);
  });

  it("keeps reviewers from creating or editing surveys", async () => {
    const ctx = await createTestContext();
    expect((await ctx.request("/api/surveys", { as: "reviewer", body: { title: "x", definition: surveyDefinition() } })).status).toBe(403);
    const id = (await ctx.request("/api/surveys", { as: "manager", body: { title: "Visit", definition: surveyDefinition() } })).json.id;
    const before = (await ctx.request(`/api/surveys/${id}`, { as: "reviewer" })).json;
    expect((await ctx.request(`/api/surveys/${id}`, { as: "reviewer", method: "PUT", body: { title: "Mine now" } })).status).toBe(403);
    expect((await ctx.request(`/api/surveys/${id}/publish`, { as: "reviewer", body: {} })).status).toBe(403);
    expect((await ctx.request(`/api/surveys/${id}/rules`, { as: "reviewer", body: { match: {}, delayMinutes: 0, expiresAfterDays: 7 } })).status).toBe(403);
    expect((await ctx.request(`/api/surveys/${id}`, { as: "reviewer" })).json).toEqual(before);
    expect((await ctx.request(`/api/surveys/${id}/rules`, { as: "reviewer" })).json.items).toEqual([]);
  });

  it("answers another organisation's survey exactly as one that does not exist, and leaves it untouched", async () => {
    const ctx = await createTestContext();
    const other = await ctx.addOrganisation("Other org");
    const theirs = await ctx.request("/api/surveys", { ...other.admin, body: { title: "Their survey", definition: surveyDefinition() } });
    expect(theirs.status).toBe(201);
    const id: string = theirs.json.id;
    const before = (await ctx.request(`/api/surveys/${id}`, { ...other.admin })).json;
    expect(before).toMatchObject({ id, title: "Their survey", status: "draft" });
    const ours = (await ctx.request("/api/surveys", { as: "manager", body: { title: "Our survey", definition: surveyDefinition() } })).json.id;

    const rule = { match: {}, delayMinutes: 0, expiresAfterDays: 7 };
    const attempts = async (target: string) => [
      await ctx.request(`/api/surveys/${target}`, { as: "manager" }),
      await ctx.request(`/api/surveys/${target}`, { as: "manager", method: "PUT", body: { title: "Taken over", definition: surveyDefinition() } }),
      await ctx.request(`/api/surveys/${target}/publish`, { as: "manager", body: {} }),
      await ctx.request(`/api/surveys/${target}/rules`, { as: "manager" }),
      await ctx.request(`/api/surveys/${target}/rules`, { as: "manager", body: rule }),
    ];
    const problem = (res: { status: number; json: Record<string, unknown> }) => ({ status: res.status, type: res.json.type, title: res.json.title, detail: res.json.detail });
    const missing = (await attempts(crypto.randomUUID())).map(problem);
    expect(missing.map((p) => p.status)).toEqual([404, 404, 404, 404, 404]);
    expect((await ctx.request("/api/surveys/not-a-survey", { as: "manager" })).status).toBe(404);
    expect((await attempts(id)).map(problem)).toEqual(missing);

    for (const as of ["manager", "reviewer", "admin"] as const) {
      expect((await ctx.request("/api/surveys", { as })).json.items.map((s: { id: string }) => s.id)).toEqual([ours]);
    }
    expect((await ctx.request(`/api/surveys/${id}`, { ...other.admin })).json).toEqual(before);
    expect((await ctx.request(`/api/surveys/${id}/rules`, { ...other.admin })).json.items).toEqual([]);
    expect((await ctx.request("/api/surveys", { ...other.admin })).json.items.map((s: { id: string }) => s.id)).toEqual([id]);
  });

  it("adds a distribution rule and validates its numbers", async () => {
    const ctx = await createTestContext();
    const id = (await ctx.request("/api/surveys", { as: "manager", body: { title: "x", definition: surveyDefinition() } })).json.id;
    const rule = await ctx.request(`/api/surveys/${id}/rules`, { as: "manager", body: { match: { types: ["complaint"] }, delayMinutes: 30, expiresAfterDays: 5 } });
    expect(rule.status).toBe(201);
    expect(rule.json).toMatchObject({ surveyId: id, match: { types: ["complaint"] }, delayMinutes: 30, expiresAfterDays: 5 });
    const bad = await ctx.request(`/api/surveys/${id}/rules`, { as: "manager", body: { delayMinutes: -1, expiresAfterDays: 0 } });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(["/delayMinutes", "/expiresAfterDays"]);
  });
});

describe("series of the published version", () => {
  it("lists the scored questions of the latest published version, and none while only a draft exists", async () => {
    const ctx = await createTestContext();
    const definition = withElements([
      { type: "rating", name: "again", metric: "loyalty", rateMin: 1, rateMax: 5 },
      { type: "rating", name: "time", metric: "dimension:time-taken", rateMin: 1, rateMax: 7 },
      { type: "comment", name: "why", metric: "comment" },
    ]);
    const id = (await ctx.request("/api/surveys", { as: "manager", body: { title: "Visit", definition } })).json.id;
    expect((await ctx.request(`/api/surveys/${id}`, { as: "reviewer" })).json.publishedSeries).toEqual([]);
    await ctx.request(`/api/surveys/${id}/publish`, { as: "manager", body: {} });
    const changed = withElements([{ type: "rating", name: "time", metric: "dimension:time-taken", rateMin: 1, rateMax: 5 }]);
    expect((await ctx.request(`/api/surveys/${id}`, { method: "PUT", as: "manager", body: { definition: changed } })).status).toBe(200);
    expect((await ctx.request(`/api/surveys/${id}`, { as: "reviewer" })).json.publishedSeries).toEqual([
      { question: "again", metric: "loyalty", series: "loyalty@1-5", min: 1, max: 5 },
      { question: "time", metric: "dimension:time-taken", series: "dimension:time-taken@1-7", min: 1, max: 7 },
    ]);
  });
});
