import { describe, expect, it } from "vitest";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { createTestContext, type TestContext } from "../support/app";
import { interaction, publishedSurvey, surveyDefinition } from "../support/factories";

type Item = { id: string };

/** Walks a list two at a time, adding a row after the first page, and returns the ids seen. */
async function walk(ctx: TestContext, path: string, addOne: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const res = await ctx.request(`${path}${sep}limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { as: "admin" });
    expect(res.status).toBe(200);
    expect(res.json.items.length).toBeLessThanOrEqual(2);
    seen.push(...res.json.items.map((i: Item) => i.id));
    cursor = res.json.nextCursor;
    if (++pages === 1) await addOne();
  } while (cursor);
  return seen;
}

describe("cursor paging on every list", () => {
  const lists: { name: string; path: (ctx: TestContext, surveyId: string) => string; add: (ctx: TestContext, surveyId: string) => Promise<unknown>; initial: number }[] = [
    {
      name: "surveys",
      path: () => "/api/surveys",
      add: (ctx) => ctx.request("/api/surveys", { as: "manager", body: { title: "More", definition: surveyDefinition() } }),
      initial: 1,
    },
    {
      name: "rules",
      path: (_ctx, id) => `/api/surveys/${id}/rules`,
      add: (ctx, id) => ctx.request(`/api/surveys/${id}/rules`, { as: "manager", body: { match: {}, delayMinutes: 5, expiresAfterDays: 3 } }),
      initial: 1,
    },
    {
      name: "invitations",
      path: (_ctx, id) => `/api/invitations?surveyId=${id}`,
      add: (ctx) => ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction()] } }),
      initial: 0,
    },
    {
      name: "API keys",
      path: () => "/api/api-keys",
      add: (ctx) => ctx.request("/api/api-keys", { as: "admin", body: { name: "later" } }),
      initial: 1,
    },
    {
      name: "dev mailbox",
      path: () => "/api/dev/mailbox",
      add: async (ctx) => {
        await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction()] } });
        await runDispatchTick({ ...ctx.deps, now: () => new Date() });
      },
      initial: 0,
    },
  ];

  for (const list of lists) {
    it(`returns every ${list.name} row once, newest first, while rows are added between pages`, async () => {
      const ctx = await createTestContext();
      const surveyId = await publishedSurvey(ctx);
      for (let i = 0; i < 5; i++) await list.add(ctx, surveyId);
      // Rows written within one millisecond share a time: the id breaks the tie, so none is skipped or repeated.
      await runDispatchTick({ ...ctx.deps, now: () => new Date() });
      const before = (await ctx.request(`${list.path(ctx, surveyId)}${list.path(ctx, surveyId).includes("?") ? "&" : "?"}limit=200`, { as: "admin" })).json.items.map((i: Item) => i.id);
      expect(before.length).toBeGreaterThanOrEqual(5 + list.initial);

      const seen = await walk(ctx, list.path(ctx, surveyId), () => list.add(ctx, surveyId));
      expect(new Set(seen).size).toBe(seen.length);
      // Every row that existed before the walk is seen, in the order of the one-page listing.
      expect(seen.filter((id) => before.includes(id))).toEqual(before);
    });
  }

  it("refuses a cursor it did not make or one edited by hand, and a page size over the limit, in plain words; an empty limit means the default", async () => {
    const ctx = await createTestContext();
    const bad = await ctx.request("/api/surveys?cursor=not-a-cursor", { as: "admin" });
    expect(bad.status).toBe(422);
    expect(bad.json.detail).toBe("This page link is not valid any more; start again from the first page.");
    // Well-formed but hand-edited: decodes, yet names no time the database can compare.
    for (const at of ["yesterday", 1e300]) {
      const edited = Buffer.from(JSON.stringify({ at, id: "x" })).toString("base64url");
      const res = await ctx.request(`/api/api-keys?cursor=${edited}`, { as: "admin" });
      expect(res.status).toBe(422);
      expect(res.json.errors).toEqual([{ path: "/cursor", message: "This page link is not valid any more; start again from the first page." }]);
    }
    const blank = await ctx.request("/api/api-keys?limit=&cursor=", { as: "admin" });
    expect(blank.status).toBe(200);
    expect(blank.json).toEqual({ items: [expect.objectContaining({ name: "test" })], nextCursor: null });
    const big = await ctx.request("/api/api-keys?limit=5000", { as: "admin" });
    expect(big.status).toBe(422);
    expect(big.json.detail).toBe("Ask for at most 200 items a page.");
  });

  it("shows each organisation only its own dev mail", async () => {
    const ctx = await createTestContext();
    await publishedSurvey(ctx);
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction()] } });
    await runDispatchTick({ ...ctx.deps, now: () => new Date() });
    expect((await ctx.request("/api/dev/mailbox", { as: "admin" })).json.items).toHaveLength(1);
    const other = await ctx.addOrganisation("Elsewhere");
    expect((await ctx.request("/api/dev/mailbox", { headers: { cookie: other.adminCookie } })).json.items).toEqual([]);
  });
});
