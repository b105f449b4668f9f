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

  it("keeps reviewers from editing and hides other organisations' surveys", async () => {
    const ctx = await createTestContext();
    expect((await ctx.request("/api/surveys", { as: "reviewer", body: { title: "x", definition: surveyDefinition() } })).status).toBe(403);
    expect((await ctx.request("/api/surveys/not-a-survey", { as: "manager" })).status).toBe(404);
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
