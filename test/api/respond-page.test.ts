// /s/<token> as the server sends it: the survey's page as a plain form, and that form sent without JavaScript,
// checked by the same rules as the API, one page at a time.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invitations, partialResponses, responses } from "../../db/schema";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { createTestContext, type TestContext } from "../support/app";
import { interaction, tokenFromMailbox } from "../support/factories";

const TEMPLATE = `<!doctype html><html lang="en"><head><title>Survey</title></head><body><div id="root"><!--page--><p>Loading</p><!--/page--></div></body></html>`;

const twoPages = {
  showQuestionNumbers: "off",
  title: { default: "How did we do?", fr: "Comment avons-nous fait ?" },
  pages: [
    {
      name: "first",
      elements: [
        { type: "rating", name: "nps", title: { default: "Recommend us?", fr: "Nous recommanderiez-vous ?" }, rateMin: 0, rateMax: 10, metric: "nps", isRequired: true, minRateDescription: "Unlikely", maxRateDescription: "Very likely" },
        { type: "comment", name: "why", title: "What went wrong?", visibleIf: "{nps} <= 6", isRequired: true },
      ],
    },
    {
      name: "second",
      elements: [
        { type: "radiogroup", name: "channel", title: "How did you reach us?", choices: ["phone", { value: "desk", text: "At the desk" }] },
        { type: "checkbox", name: "topics", title: "Topics", choices: [1, 2, 3] },
        { type: "boolean", name: "again", title: "Would you come again?" },
        { type: "text", name: "age", title: "Age", inputType: "number", min: 18 },
      ],
    },
  ],
};

async function invited(ctx: TestContext, definition: Record<string, unknown> = twoPages, locale?: string) {
  const email = `p${Math.random().toString(36).slice(2)}@example.org`;
  const created = await ctx.request("/api/surveys", { as: "manager", body: { title: "Internal name", definition } });
  expect(created.status, created.text).toBe(201);
  await ctx.request(`/api/surveys/${created.json.id}/publish`, { as: "manager", body: {} });
  await ctx.request(`/api/surveys/${created.json.id}/rules`, { as: "manager", body: { match: {}, delayMinutes: 0, expiresAfterDays: 7 } });
  await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ customer: { email, ...(locale && { locale }) } })] } });
  await runDispatchTick({ ...ctx.deps, now: () => new Date() });
  return tokenFromMailbox(ctx, email);
}

let clock = Date.now();
async function setup() {
  clock = Date.now();
  const ctx = await createTestContext({ respondPage: () => TEMPLATE, now: () => new Date(clock) });
  return ctx;
}

const page = (ctx: TestContext, token: string, query = "", headers: Record<string, string> = {}) =>
  ctx.app.request(`http://rapport.test/s/${token}${query}`, { headers });

/** Posts the form as a browser would: the hidden fields from the page, then the answers. */
async function post(ctx: TestContext, token: string, html: string, answers: [string, string][]) {
  const hidden = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replaceAll("&amp;", "&")] as [string, string]);
  const body = new URLSearchParams([...hidden, ...answers]);
  // A person takes a few seconds to answer.
  clock += 5000;
  return ctx.app.request(`http://rapport.test/s/${token}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
}

describe("the respondent page as the server sends it", () => {
  it("draws the current page as a plain form with the survey's words, and records no visit", async () => {
    const ctx = await setup();
    const token = await invited(ctx);
    const res = await page(ctx, token);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain('data-respond="survey"');
    expect(html).toContain("<title>How did we do?</title>");
    expect(html).toMatch(/<fieldset class="plain-q"[^>]*data-question="nps"/);
    expect(html).toContain("<legend");
    expect([...html.matchAll(/<input type="radio" name="nps" value="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // The conditional question waits until an answer makes it apply.
    expect(html).not.toContain("What went wrong?");
    expect(html).toContain(`action="/s/${token}"`);
    expect(html).toMatch(/<button type="submit"[^>]*>Next<\/button>/);
    const row = await ctx.db.select().from(invitations).get();
    expect(row!.visitedAt).toBeNull();
  });

  it("selects the number picked in the email and saves nothing for it", async () => {
    const ctx = await setup();
    const token = await invited(ctx);
    const html = await (await page(ctx, token, "?rating=7")).text();
    expect(html).toContain('name="nps" value="7" checked');
    expect(await (await page(ctx, token, "?rating=42")).text()).not.toContain("checked");
    expect(await ctx.db.select().from(partialResponses).all()).toEqual([]);
  });

  it("speaks the customer's language, else the browser's", async () => {
    const ctx = await setup();
    const token = await invited(ctx, twoPages, "fr-CA");
    const html = await (await page(ctx, token)).text();
    expect(html).toContain('<html lang="fr" dir="ltr"');
    expect(html).toContain("Nous recommanderiez-vous ?");
    expect(html).toContain(">Suivant</button>");

    const other = await invited(ctx);
    const german = await (await page(ctx, other, "", { "accept-language": "de-DE,de;q=0.9" })).text();
    // The survey has no German texts: its questions stay in its own language, the page's words are German.
    expect(german).toContain('<html lang="de-DE"');
    expect(german).toContain("Recommend us?");
    expect(german).toContain(">Weiter</button>");
  });

  it("checks a form sent without JavaScript by the survey's rules, keeping every answer given", async () => {
    const ctx = await setup();
    const token = await invited(ctx);
    const html = await (await page(ctx, token)).text();

    const empty = await post(ctx, token, html, []);
    expect(empty.status).toBe(422);
    const refused = await empty.text();
    expect(refused).toContain("Please answer this question.");
    expect(refused).toContain('aria-invalid="true"');
    expect(refused).toContain('href="#q0"');

    // A low score brings up the follow-up question: shown with the score kept, nothing checked yet.
    const low = await post(ctx, token, refused, [["nps", "3"]]);
    expect(low.status).toBe(200);
    const grown = await low.text();
    expect(grown).toContain("What went wrong?");
    expect(grown).toContain('name="nps" value="3" checked');
    expect(grown).toContain('data-testid="plain-notice"');

    const unanswered = await post(ctx, token, grown, [["nps", "3"]]);
    expect(unanswered.status).toBe(422);
    const next = await post(ctx, token, await unanswered.text(), [["nps", "3"], ["why", "The queue & the wait <long>"]]);
    expect(next.status).toBe(303);
    expect(next.headers.get("location")).toBe(`/s/${token}`);
    expect((await ctx.db.select().from(partialResponses).get())!.data).toEqual({ nps: 3, why: "The queue & the wait <long>" });

    // The second page, drawn from what was saved; a number field's answer is checked as a number.
    const second = await (await page(ctx, token)).text();
    expect(second).toContain("How did you reach us?");
    expect(second).toMatch(/<button type="submit"[^>]*>Send<\/button>/);
    const young = await post(ctx, token, second, [["channel", "desk"], ["topics", "1"], ["topics", "3"], ["again", "true"], ["age", "12"]]);
    expect(young.status).toBe(422);
    const youngHtml = await young.text();
    expect(youngHtml).toContain('value="desk" checked');
    expect(youngHtml).toContain('value="12"');
    const done = await post(ctx, token, youngHtml, [["channel", "desk"], ["topics", "1"], ["topics", "3"], ["again", "true"], ["age", "40"]]);
    const doneHtml = await done.text();
    expect(done.status, doneHtml.match(/respond-problem[\s\S]*?<\/div>/)?.[0]).toBe(200);
    expect(doneHtml).toContain('data-testid="thank-you"');

    const stored = await ctx.db.select().from(responses).get();
    expect(stored!.data).toEqual({ nps: 3, why: "The queue & the wait <long>", channel: "desk", topics: [1, 3], again: true, age: 40 });
    expect(stored!.nps).toBe(3);
    expect(await ctx.db.select().from(partialResponses).all()).toEqual([]);

    const again = await page(ctx, token);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already answered");
  });

  it("asks again, recording nothing, when a form comes back faster than a person could send it", async () => {
    const ctx = await setup();
    const token = await invited(ctx, { pages: [{ elements: [{ type: "rating", name: "nps", rateMin: 0, rateMax: 10, metric: "nps" }] }] });
    const html = await (await page(ctx, token, "?rating=2")).text();
    const hidden = new URLSearchParams([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!] as [string, string]));
    hidden.append("nps", "2");
    const quick = await ctx.app.request(`http://rapport.test/s/${token}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: hidden });
    expect(quick.status).toBe(200);
    const asked = await quick.text();
    expect(asked).toContain("Please check your answers, then send them");
    expect(asked).toContain('name="nps" value="2" checked');
    expect(await ctx.db.select().from(responses).all()).toEqual([]);
    expect((await post(ctx, token, asked, [["nps", "2"]])).status).toBe(200);
    expect((await ctx.db.select().from(responses).get())!.nps).toBe(2);
  });

  it("says plainly when a link is unknown or closed", async () => {
    const ctx = await setup();
    const unknown = await page(ctx, "not-a-real-token-at-all-000000000000");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("This link isn't valid");

    const token = await invited(ctx);
    await ctx.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.orgId, ctx.orgId)).run();
    const closed = await page(ctx, token);
    expect(closed.status).toBe(410);
    expect(await closed.text()).toContain('data-respond="final"');
  });

  it("leaves a page it cannot draw plainly to the script, with a word for those without one", async () => {
    const ctx = await setup();
    const token = await invited(ctx, { pages: [{ elements: [{ type: "html", name: "intro", html: "<p>Hello</p>" }, { type: "rating", name: "nps", rateMin: 0, rateMax: 10, metric: "nps" }] }] });
    const html = await (await page(ctx, token)).text();
    expect(html).toContain('data-respond="script"');
    expect(html).toContain("<noscript>");
    expect(html).not.toContain("<form");
  });
});

describe("piping the interaction into the survey's texts", () => {
  it("gives the page the customer's name, the unit, the staff member and the date, and leaves piped pages to SurveyJS", async () => {
    const ctx = await setup();
    const definition = { pages: [{ elements: [{ type: "rating", name: "nps", title: "{customerName}, would you recommend {unitName}?", rateMin: 0, rateMax: 10, metric: "nps" }] }] };
    const created = await ctx.request("/api/surveys", { as: "manager", body: { title: "Piped", definition } });
    await ctx.request(`/api/surveys/${created.json.id}/publish`, { as: "manager", body: {} });
    await ctx.request(`/api/surveys/${created.json.id}/rules`, { as: "manager", body: { match: {}, delayMinutes: 0, expiresAfterDays: 7 } });
    const occurredAt = new Date(Date.now() - 3_600_000).toISOString();
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ occurredAt, unit: "North branch", agent: "Sam Lee", customer: { email: "piped@example.org", name: "Pat" } })] } });
    await runDispatchTick({ ...ctx.deps, now: () => new Date() });
    const token = await tokenFromMailbox(ctx, "piped@example.org");
    const survey = await ctx.request(`/api/public/invitations/${token}`);
    expect(survey.json.variables).toEqual({ customerName: "Pat", unitName: "North branch", agentName: "Sam Lee", interactionDate: occurredAt });
    // The plain form would show the braces: SurveyJS, which fills them in, draws this page.
    expect(await (await page(ctx, token)).text()).toContain('data-respond="script"');
  });
});
