import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { surveyVersions, surveys } from "../../db/schema";
import { createTestContext, type TestContext } from "../support/app";
import { surveyDefinition } from "../support/factories";

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});

const withIntro = (html: string) => {
  const definition = surveyDefinition();
  (definition.pages[0]!.elements as unknown[]).unshift({ type: "html", name: "intro", html });
  return definition;
};

describe("survey content sanitized on save", () => {
  it("stores an updated draft without script and names what was removed in the answer", async () => {
    const id: string = (await ctx.request("/api/surveys", { as: "manager", body: { title: "S", definition: surveyDefinition() } })).json.id;
    const res = await ctx.request(`/api/surveys/${id}`, {
      method: "PUT",
      as: "manager",
      body: { definition: withIntro('<p>Welcome <img src=x onerror="fetch(`/api/api-keys`)"></p>') },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.sanitized).toEqual(["/definition/pages/0/elements/0/html"]);
    const stored = await ctx.request(`/api/surveys/${id}`, { as: "manager" });
    expect(stored.json.definition.pages[0].elements[0].html).toBe("<p>Welcome </p>");
  });

  it("answers an empty list when nothing had to go, and when only the title changed", async () => {
    const created = await ctx.request("/api/surveys", { as: "manager", body: { title: "S", definition: withIntro("<p>Welcome<br></p>") } });
    expect(created.status).toBe(201);
    expect(created.json.sanitized).toEqual([]);
    expect(created.json.definition.pages[0].elements[0].html).toBe("<p>Welcome<br /></p>");
    const renamed = await ctx.request(`/api/surveys/${created.json.id}`, { method: "PUT", as: "manager", body: { title: "T" } });
    expect(renamed.json.sanitized).toEqual([]);
  });

  it("publishes a clean version even of a draft written around the API", async () => {
    const now = new Date();
    const row = await ctx.db
      .insert(surveys)
      .values({ orgId: ctx.orgId, title: "Old", draft: withIntro("<script>steal()</script><b>Hi</b>"), createdAt: now, updatedAt: now })
      .returning()
      .get();
    expect((await ctx.request(`/api/surveys/${row.id}/publish`, { as: "manager", body: {} })).status).toBe(201);
    const version = await ctx.db.select().from(surveyVersions).where(eq(surveyVersions.surveyId, row.id)).get();
    expect((version!.definition.pages as { elements: { html?: string }[] }[])[0]!.elements[0]!.html).toBe("<b>Hi</b>");
  });

  it("still refuses a definition survey-core cannot use, with the field named", async () => {
    const definition = { pages: [{ name: "p", elements: [{ type: "nonsense", name: "n", title: "<b onclick=x()>N</b>" }] }] };
    const res = await ctx.request("/api/surveys", { as: "manager", body: { title: "S", definition } });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(["/definition/pages/0/elements/0/type"]);
  });
});
