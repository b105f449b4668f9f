import { describe, expect, it } from "vitest";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { createTestContext, type TestContext } from "../support/app";
import { interaction } from "../support/factories";

// A survey with choices, a yes/no question and an "other" text, so answers must read as the customer saw them.
const definition = {
  pages: [
    {
      name: "p1",
      elements: [
        { type: "rating", name: "nps", title: "Recommend us?", rateMin: 0, rateMax: 10, metric: "nps" },
        { type: "rating", name: "csat", title: "Satisfied?", rateMin: 1, rateMax: 5, metric: "csat" },
        { type: "radiogroup", name: "visit", title: "What brought you in?", choices: [{ value: "account", text: "Opening an account" }, "loan|A loan"], showOtherItem: true },
        { type: "boolean", name: "again", title: "Would you come again?" },
        { type: "comment", name: "comment", title: "Anything else?", metric: "comment" },
      ],
    },
  ],
};

async function setUp(ctx: TestContext) {
  const created = await ctx.request("/api/surveys", { as: "manager", body: { title: "Branch visit", definition } });
  const surveyId: string = created.json.id;
  await ctx.request(`/api/surveys/${surveyId}/publish`, { as: "manager", body: {} });
  await ctx.request(`/api/surveys/${surveyId}/rules`, { as: "manager", body: { match: {}, delayMinutes: 0, expiresAfterDays: 7 } });
  const rows = [
    { data: { nps: 10, csat: 5, visit: "account", again: true, comment: "Lovely staff" }, unit: "North branch", agent: "Sam Lee", channel: "counter" },
    { data: { nps: 4, csat: 2, visit: "other", "visit-Comment": "To complain about parking", again: false }, unit: "Harbour branch", agent: "Ana Diaz", channel: "phone" },
    { data: { nps: 8, visit: "loan" }, unit: "Harbour branch", agent: "Sam Lee", channel: "email" },
  ];
  const items = rows.map((r, i) => interaction({ customer: { email: `r${i}-${Math.random().toString(36).slice(2, 6)}@example.org`, name: `Customer ${i}` }, unit: r.unit, agent: r.agent, channel: r.channel }));
  await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: items } });
  await runDispatchTick({ ...ctx.deps, now: () => new Date() });
  const mail: { to: string; text: string }[] = (await ctx.request("/api/dev/mailbox?limit=200", { as: "admin" })).json.items;
  for (const [i, r] of rows.entries()) {
    const token = /\/s\/([\w-]+)/.exec(mail.find((m) => m.to === items[i]!.customer.email)!.text)![1]!;
    const res = await ctx.request(`/api/public/invitations/${token}/response`, { body: { data: r.data } });
    expect(res.status, res.text).toBe(201);
  }
  return { surveyId, items };
}

describe("responses", () => {
  it("lists responses newest first with their context, scores and comment, filtered and paged", async () => {
    const ctx = await createTestContext();
    const { surveyId } = await setUp(ctx);
    const all = await ctx.request(`/api/responses?surveyId=${surveyId}`, { as: "reviewer" });
    expect(all.status).toBe(200);
    expect(all.json.items).toHaveLength(3);
    expect(all.json.items[2]).toMatchObject({
      surveyId,
      surveyTitle: "Branch visit",
      imported: false,
      unit: { name: "North branch" },
      agent: { name: "Sam Lee" },
      channel: "counter",
      type: "enquiry",
      comment: "Lovely staff",
      scores: [
        { metric: "nps", series: "nps@0-10", question: "nps", value: 10 },
        { metric: "csat", series: "csat@1-5", question: "csat", value: 5 },
      ],
    });
    const nps = async (query: string) => ((await ctx.request(`/api/responses?surveyId=${surveyId}&${query}`, { as: "reviewer" })).json.items as { scores: { value: number }[] }[]).map((i) => i.scores[0]!.value);
    expect(await nps("band=promoter")).toEqual([10]);
    expect(await nps("band=passive")).toEqual([8]);
    expect(await nps("band=low")).toEqual([4]);
    expect(await nps("q=PARKING")).toEqual([4]);
    expect(await nps("unit=Harbour%20branch")).toEqual([8, 4]);
    expect(await nps("agent=Sam%20Lee&channel=counter&channel=email")).toEqual([8, 10]);
    expect(await nps("from=2000-01-01&to=2000-12-31")).toEqual([]);

    const first = await ctx.request(`/api/responses?surveyId=${surveyId}&limit=2`, { as: "reviewer" });
    const second = await ctx.request(`/api/responses?surveyId=${surveyId}&limit=2&cursor=${first.json.nextCursor}`, { as: "reviewer" });
    expect([...first.json.items, ...second.json.items].map((i: { id: string }) => i.id)).toEqual(all.json.items.map((i: { id: string }) => i.id));
    expect(second.json.nextCursor).toBeNull();
  });

  it("shows one response's answers in words, the interaction, the customer and the email history", async () => {
    const ctx = await createTestContext();
    const { surveyId, items } = await setUp(ctx);
    const list = (await ctx.request(`/api/responses?surveyId=${surveyId}&band=detractor`, { as: "reviewer" })).json.items;
    const res = await ctx.request(`/api/responses/${list[0].id}`, { as: "reviewer" });
    expect(res.status).toBe(200);
    const r = res.json;
    expect(r).toMatchObject({ surveyTitle: "Branch visit", surveyVersion: 1, imported: false, externalId: null, unit: { name: "Harbour branch" } });
    expect(r.answers.map((a: { title: string; text: string }) => [a.title, a.text])).toEqual([
      ["Recommend us?", "4"],
      ["Satisfied?", "2"],
      ["What brought you in?", "Other"],
      ["What brought you in? (in their words)", "To complain about parking"],
      ["Would you come again?", "No"],
    ]);
    expect(r.interaction).toMatchObject({ externalId: items[1]!.externalId, channel: "phone", type: "enquiry", unit: { name: "Harbour branch" }, agent: { name: "Ana Diaz" }, customer: { email: items[1]!.customer.email, name: "Customer 1" } });
    expect(r.invitation).toMatchObject({ status: "responded", email: items[1]!.customer.email, attempts: 1, lastError: null });
    expect(r.invitation.sentAt).toEqual(expect.any(String));
    expect(r.invitation.respondedAt).toEqual(expect.any(String));

    const promoter = (await ctx.request(`/api/responses?surveyId=${surveyId}&band=promoter`, { as: "reviewer" })).json.items[0];
    const detail = (await ctx.request(`/api/responses/${promoter.id}`, { as: "reviewer" })).json;
    expect(detail.answers.find((a: { question: string }) => a.question === "visit").text).toBe("Opening an account");
    expect(detail.answers.find((a: { question: string }) => a.question === "again").text).toBe("Yes");
    expect(detail.comments).toEqual([{ question: "comment", text: "Lovely staff", sentiment: expect.any(Number), sentimentLabel: "positive" }]);
    const passive = (await ctx.request(`/api/responses?surveyId=${surveyId}&band=passive`, { as: "reviewer" })).json.items[0];
    expect((await ctx.request(`/api/responses/${passive.id}`, { as: "reviewer" })).json.answers.find((a: { question: string }) => a.question === "visit").text).toBe("A loan");
  });

  it("answers 404 to another organisation and for a response that does not exist", async () => {
    const ctx = await createTestContext();
    const { surveyId } = await setUp(ctx);
    const id = (await ctx.request(`/api/responses?surveyId=${surveyId}`, { as: "reviewer" })).json.items[0].id;
    const other = await ctx.addOrganisation("Other org");
    const theirs = await ctx.request(`/api/responses/${id}`, { ...other.admin });
    const nobody = await ctx.request(`/api/responses/${crypto.randomUUID()}`, { as: "reviewer" });
    expect(theirs.status).toBe(404);
    expect(theirs.json.detail).toBe(nobody.json.detail);
    expect((await ctx.request("/api/responses", { ...other.admin })).json.items).toEqual([]);
    expect((await ctx.request(`/api/responses?surveyId=${surveyId}`, { ...other.admin })).status).toBe(404);
  });
});
