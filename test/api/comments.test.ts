import { describe, expect, it } from "vitest";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { createTestContext, type TestContext } from "../support/app";
import { interaction, publishedSurvey } from "../support/factories";

type Answer = { nps: number; csat?: number; comment?: string; unit?: string; agent?: string; channel?: string; type?: string };

/** Answers through the public flow: interactions posted with the API key, emailed, then answered by link. */
async function answerAll(ctx: TestContext, answers: Answer[]) {
  const surveyId = await publishedSurvey(ctx);
  const items = answers.map((a, i) =>
    interaction({ customer: { email: `c${i}-${Math.random().toString(36).slice(2, 6)}@example.org` }, ...(a.unit && { unit: a.unit }), ...(a.agent && { agent: a.agent }), channel: a.channel ?? "email", type: a.type ?? "enquiry" }),
  );
  const posted = await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: items } });
  expect(posted.status).toBe(202);
  await runDispatchTick({ ...ctx.deps, now: () => new Date() });
  const mail: { to: string; text: string }[] = (await ctx.request("/api/dev/mailbox?limit=200", { as: "admin" })).json.items;
  for (const [i, a] of answers.entries()) {
    const message = mail.find((m) => m.to === items[i]!.customer.email)!;
    const token = /\/s\/([\w-]+)/.exec(message.text)![1]!;
    const data = { nps: a.nps, ...(a.csat && { csat: a.csat }), ...(a.comment && { comment: a.comment }) };
    expect((await ctx.request(`/api/public/invitations/${token}/response`, { body: { data } })).status).toBe(201);
  }
  return surveyId;
}

const answers: Answer[] = [
  { nps: 10, csat: 5, comment: "Quick and friendly, thank you!", unit: "North branch", agent: "Sam Lee", channel: "phone" },
  { nps: 2, csat: 1, comment: "The wait was far too long and the staff were rude.", unit: "North branch", agent: "Ana Diaz", channel: "email", type: "complaint" },
  { nps: 3, csat: 2, comment: "Not helpful at all.", unit: "Harbour branch", agent: "Ana Diaz", channel: "phone", type: "complaint" },
  { nps: 8, csat: 3, comment: "I parked nearby and came in on Tuesday.", unit: "Harbour branch", agent: "Sam Lee", channel: "counter" },
  { nps: 9 },
];

describe("comments", () => {
  it("stores each free-text answer with its sentiment and lists them newest first with their themes", async () => {
    const ctx = await createTestContext();
    const surveyId = await answerAll(ctx, answers);
    const res = await ctx.request(`/api/analytics/comments?surveyId=${surveyId}`, { as: "reviewer" });
    expect(res.status).toBe(200);
    const items: { text: string; sentimentLabel: string; sentiment: number; themes: string[]; unit: { name: string } | null; agent: { name: string } | null; nps: number; csat: number; question: string; responseId: string }[] = res.json.items;
    expect(items.map((i) => i.text)).toEqual([...answers].reverse().filter((a) => a.comment).map((a) => a.comment));
    const by = (text: string) => items.find((i) => i.text.startsWith(text))!;
    expect(by("Quick").sentimentLabel).toBe("positive");
    expect(by("The wait").sentimentLabel).toBe("negative");
    expect(by("Not helpful").sentimentLabel).toBe("negative");
    expect(by("I parked").sentimentLabel).toBe("neutral");
    expect(by("Quick").sentiment).toBeGreaterThan(0);
    expect(by("Quick").themes).toEqual(["Waiting time", "Staff attitude"]);
    expect(by("The wait").themes).toEqual(["Waiting time", "Staff attitude"]);
    // "parked" is not the keyword "parking": keywords match whole words only.
    expect(by("I parked").themes).toEqual([]);
    expect(by("Quick")).toMatchObject({ unit: { name: "North branch" }, agent: { name: "Sam Lee" }, nps: 10, csat: 5, question: "comment" });
    expect(by("Quick").responseId).toEqual(expect.any(String));
  });

  it("filters by text, sentiment, theme, band, unit, staff, channel and type, and pages through the rest", async () => {
    const ctx = await createTestContext();
    const surveyId = await answerAll(ctx, answers);
    const texts = async (query: string) => {
      const res = await ctx.request(`/api/analytics/comments?surveyId=${surveyId}&${query}`, { as: "reviewer" });
      expect(res.status, res.text).toBe(200);
      return (res.json.items as { text: string }[]).map((i) => i.text.slice(0, 8));
    };
    expect(await texts("q=RUDE")).toEqual(["The wait"]);
    expect(await texts("sentiment=negative")).toEqual(["Not help", "The wait"]);
    expect(await texts("theme=waiting%20time")).toEqual(["The wait", "Quick an"]);
    expect(await texts("band=detractor")).toEqual(["Not help", "The wait"]);
    expect(await texts("band=high")).toEqual(["Quick an"]);
    expect(await texts("unit=Harbour%20branch")).toEqual(["I parked", "Not help"]);
    expect(await texts("agent=Sam%20Lee&channel=phone")).toEqual(["Quick an"]);
    expect(await texts("type=complaint&type=delivery")).toEqual(["Not help", "The wait"]);
    expect(await texts("unit=Nowhere")).toEqual([]);

    const first = await ctx.request(`/api/analytics/comments?surveyId=${surveyId}&limit=3`, { as: "reviewer" });
    expect(first.json.items).toHaveLength(3);
    const second = await ctx.request(`/api/analytics/comments?surveyId=${surveyId}&limit=3&cursor=${first.json.nextCursor}`, { as: "reviewer" });
    expect(second.json.items).toHaveLength(1);
    expect(second.json.nextCursor).toBeNull();
    const themed = await ctx.request(`/api/analytics/comments?surveyId=${surveyId}&theme=Staff%20attitude&limit=2`, { as: "reviewer" });
    const rest = await ctx.request(`/api/analytics/comments?surveyId=${surveyId}&theme=Staff%20attitude&limit=2&cursor=${themed.json.nextCursor}`, { as: "reviewer" });
    expect([...themed.json.items, ...rest.json.items].map((i: { text: string }) => i.text.slice(0, 8))).toEqual(["Not help", "The wait", "Quick an"]);
    expect(rest.json.nextCursor).toBeNull();
  });

  it("summarises the themes of the comments in range, with shares and examples", async () => {
    const ctx = await createTestContext();
    const surveyId = await answerAll(ctx, answers);
    const res = await ctx.request(`/api/analytics/comment-themes-summary?surveyId=${surveyId}`, { as: "reviewer" });
    expect(res.status).toBe(200);
    expect(res.json.total).toBe(4);
    expect(res.json.unthemed).toBe(1);
    expect(res.json.themes[0]).toEqual({
      name: "Staff attitude",
      n: 3,
      share: 75,
      examples: ["Not helpful at all.", "The wait was far too long and the staff were rude.", "Quick and friendly, thank you!"],
    });
    expect(res.json.themes.find((t: { name: string }) => t.name === "Waiting time")).toMatchObject({ n: 2, share: 50 });
    expect(res.json.themes.find((t: { name: string }) => t.name === "Price")).toMatchObject({ n: 0, share: 0, examples: [] });
  });

  it("seeds the default themes on first read, lets an admin replace them, and matches edits on every comment at once", async () => {
    const ctx = await createTestContext();
    await answerAll(ctx, answers);
    const first = await ctx.request("/api/analytics/themes", { as: "manager" });
    expect(first.status).toBe(200);
    expect(first.json.themes.map((t: { name: string }) => t.name)).toEqual(["Waiting time", "Staff attitude", "Resolution", "Communication", "Environment", "Price"]);
    expect(first.json.themes.find((t: { name: string }) => t.name === "Staff attitude").count).toBe(3);

    const body = { themes: [{ name: "Parking", keywords: ["Parked", "car park"] }, { name: "Helpfulness", keywords: ["helpful"] }] };
    expect((await ctx.request("/api/analytics/themes", { method: "PUT", as: "manager", body })).status).toBe(403);
    const saved = await ctx.request("/api/analytics/themes", { method: "PUT", as: "admin", body });
    expect(saved.status).toBe(200);
    expect(saved.json.themes).toEqual([
      { name: "Parking", keywords: ["parked", "car park"], count: 1 },
      { name: "Helpfulness", keywords: ["helpful"], count: 1 },
    ]);
    const list = await ctx.request("/api/analytics/comments?theme=parking", { as: "reviewer" });
    expect(list.json.items.map((i: { themes: string[] }) => i.themes)).toEqual([["Parking"]]);
  });

  it("explains bad filters and theme lists in plain words", async () => {
    const ctx = await createTestContext();
    const bad = async (url: string, path: string) => {
      const res = await ctx.request(url, { as: "reviewer" });
      expect(res.status, url).toBe(422);
      expect(res.json.errors[0].path, url).toBe(path);
      expect(res.json.detail).not.toMatch(/expected|invalid input/i);
    };
    await bad("/api/analytics/comments?sentiment=angry", "/sentiment");
    await bad("/api/analytics/comments?band=great", "/band");
    await bad("/api/analytics/comments?from=2026-02-01&to=2026-01-01", "/from");
    await bad("/api/analytics/comments?theme=Nonsense", "/theme");
    await bad("/api/analytics/comment-themes-summary?from=yesterday", "/from");
    await bad("/api/responses?band=great", "/band");

    const put = async (themes: unknown, path: string) => {
      const res = await ctx.request("/api/analytics/themes", { method: "PUT", as: "admin", body: { themes } });
      expect(res.status).toBe(422);
      expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    };
    await put([], "/themes");
    await put([{ name: "A", keywords: ["x"] }], "/themes/0/keywords/0");
    await put([{ name: "A", keywords: [] }], "/themes/0/keywords");
    await put([{ name: "Same", keywords: ["one"] }, { name: "same", keywords: ["two"] }], "/themes/1/name");
    await put(Array.from({ length: 21 }, (_, i) => ({ name: `T${i}`, keywords: ["word"] })), "/themes");
    await put([{ name: "A", keywords: Array.from({ length: 31 }, (_, i) => `word${i}`) }], "/themes/0/keywords");
  });

  it("shows another organisation none of our comments, and 404 for our survey", async () => {
    const ctx = await createTestContext();
    const surveyId = await answerAll(ctx, answers.slice(0, 2));
    const other = await ctx.addOrganisation("Other org");
    const theirs = await ctx.request("/api/analytics/comments", { ...other.admin });
    expect(theirs.json.items).toEqual([]);
    expect((await ctx.request(`/api/analytics/comments?surveyId=${surveyId}`, { ...other.admin })).status).toBe(404);
    expect((await ctx.request(`/api/analytics/comment-themes-summary?surveyId=${surveyId}`, { ...other.admin })).status).toBe(404);
  });
});
