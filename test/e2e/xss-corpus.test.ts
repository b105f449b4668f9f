// The XSS corpus in Chromium: payloads in every HTML-bearing part of a survey, published through the API and
// opened on the respondent page and in the editor preview, never run. The browser ignores the
// Content-Security-Policy here (bypassCSP), so what is tested is the sanitizers, not the policy.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { surveyVersions, surveys } from "../../db/schema";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { PASSWORD, type TestContext } from "../support/app";
import { chromiumAvailable, launchChromium } from "../support/browser";
import { serveTestApp } from "../support/web-server";
import { interaction, tokenFromMailbox } from "../support/factories";
import { htmlPolicy } from "../../server/domain/survey-sanitize";
import { laterPayloads, payloads } from "../fixtures/xss-payloads";

let ctx: TestContext;
let stopServer: (() => void) | undefined;
let base: string;
let browser: Browser;

type Json = Record<string, unknown>;

const cookieName = "xss-corpus-done";
const formatting = '<h4>Kept</h4><p><b>bold</b> <i>italic</i> <a href="https://example.com/help">help</a></p><ul><li>item</li></ul>';

/**
 * Every payload in an html question of its own (one payload's unclosed tag cannot hide the next), and the
 * payloads again, in turn, in every other HTML-bearing property. `placed` lists the JSON Pointers of all
 * of them, for the check that the save reported each.
 */
function corpusDefinition(): { definition: Json; placed: string[] } {
  let next = 0;
  const any = () => payloads[next++ % payloads.length]!.html;
  const htmlQuestions = payloads.map((p, i) => ({ type: "html", name: `html-${p.id}`, html: `<p>${i + 1}. ${p.family}</p>${p.html}` }));
  const third = Math.ceil(htmlQuestions.length / 3);
  const definition = {
    title: { default: `Corpus${any()}`, fr: `Corpus${any()}` },
    description: any(),
    completedHtml: any(),
    completedHtmlOnCondition: [{ expression: "true", html: `<h3>Done</h3>${any()}${any()}` }],
    completedBeforeHtml: `<p>Already answered</p>${any()}${any()}`,
    loadingHtml: any(),
    cookieName,
    navigateToUrl: laterPayloads.navigateToUrl,
    pages: [
      {
        name: "first",
        title: any(),
        description: any(),
        elements: [
          { type: "text", name: "greeting", title: any(), defaultValue: laterPayloads.defaultAnswer },
          { type: "html", name: "hello", html: "<p>Hello {greeting}</p>" },
          { type: "html", name: "formatting", html: formatting },
          { type: "text", name: "nickname", title: any(), description: any(), placeholder: any(), isRequired: true, requiredErrorText: any() },
          { type: "radiogroup", name: "choice", title: any(), choices: [{ value: "a", text: any() }, { value: "b", text: any() }], showOtherItem: true, otherText: any() },
          ...htmlQuestions.slice(0, third),
        ],
      },
      {
        name: "second",
        title: { default: any(), de: any() },
        elements: [
          { type: "html", name: "echo", html: "<p>You said {nickname}</p>" },
          { type: "rating", name: "rate", title: any(), rateValues: [{ value: 1, text: any() }, { value: 2, text: any() }], minRateDescription: any(), maxRateDescription: any() },
          { type: "matrix", name: "grid", title: any(), rows: [{ value: "r", text: any() }], columns: [{ value: "c", text: any() }] },
          { type: "checkbox", name: "many", title: any(), choices: [{ value: 1, text: any() }], noneText: any(), showNoneItem: true },
          ...htmlQuestions.slice(third, 2 * third),
        ],
      },
      {
        name: "third",
        description: any(),
        elements: [
          { type: "comment", name: "note", title: any(), validators: [{ type: "text", maxLength: 500, text: any() }] },
          { type: "boolean", name: "ok", title: any(), labelTrue: any(), labelFalse: any() },
          { type: "dropdown", name: "pick", title: any(), choices: [{ value: 1, text: any() }], placeholder: any() },
          ...htmlQuestions.slice(2 * third),
        ],
      },
    ],
  };
  const placed: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === "string") {
      if (value.includes("__xss(") && !path.endsWith("/defaultValue")) placed.push(`/definition${path}`);
    } else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, `${path}/${i}`);
    }
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, `${path}/${k}`);
  };
  walk(definition, "");
  return { definition, placed };
}

/** Every tag left in a stored string is one the policy allows, with allowed attributes and URLs. */
function unsafeMarkupIn(definition: Json): string[] {
  const allowed: Record<string, string[]> = {
    a: ["href", "title", "rel", "target"],
    img: ["src", "alt", "title", "width", "height"],
  };
  const plain = ["b", "blockquote", "br", "code", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "s", "small", "span", "strong", "sub", "sup", "u", "ul"];
  const found: string[] = [];
  const check = (value: string, path: string) => {
    if (/<[!?]/.test(value)) found.push(`${path}: comment or declaration`);
    for (const [tag, name, attrs] of value.matchAll(/<\/?([a-zA-Z][\w:-]*)([^>]*)>/g)) {
      const lower = name!.toLowerCase();
      if (!plain.includes(lower) && !allowed[lower]) found.push(`${path}: ${tag}`);
      for (const [, attr, v] of attrs!.matchAll(/\s([^\s=/>]+)(?:="([^"]*)")?/g)) {
        if (!(allowed[lower] ?? []).includes(attr!)) found.push(`${path}: ${attr} on ${lower}`);
        if ((attr === "href" || attr === "src") && !/^(https:|http:|mailto:)/.test(v ?? "")) found.push(`${path}: ${attr}=${v}`);
      }
    }
  };
  const walk = (value: unknown, path: string) => {
    if (typeof value === "string") check(value, path);
    else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, `${path}/${i}`);
    }
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) if (k !== "defaultValue") walk(v, `${path}/${k}`);
  };
  walk(definition, "");
  return found;
}

/** A page whose payload calls land in `hits`; `__xss` reaches every frame, srcdoc and javascript: ones too. */
async function watchedPage(context: BrowserContext): Promise<{ page: Page; hits: string[] }> {
  const page = await context.newPage();
  const hits: string[] = [];
  await page.exposeFunction("__xss", (id: string) => hits.push(id));
  page.on("dialog", (d) => {
    hits.push(`dialog:${d.message()}`);
    void d.dismiss();
  });
  return { page, hits };
}

let sentinels = 0;
/**
 * Proves the page could still report execution right now, then that nothing else did. A raw handler put in
 * on purpose must fire (the control); by the time it has, the events the survey's own markup queued (failed
 * image loads, toggles, frame loads) have had their turn too.
 */
async function expectNothingRan(page: Page, hits: string[]) {
  await page.waitForLoadState("networkidle");
  const id = `sentinel-${++sentinels}`;
  await page.evaluate((call) => {
    const box = document.createElement("div");
    box.innerHTML = `<img src="/xss-sentinel-missing.png" onerror="${call}">`;
    document.body.append(box);
  }, `__xss('${id}')`);
  await expect.poll(() => hits.includes(id), { timeout: 10_000 }).toBe(true);
  // Nothing survey content could have put on the page: no inline handler or script URL anywhere, and inside
  // the places survey-core fills with the survey's HTML or text, only elements the policy allows.
  const dangerous = await page.evaluate((allowedTags) => {
    const urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "srcset", "background", "poster"];
    const found: string[] = [];
    for (const el of document.querySelectorAll("*")) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name) && !a.value.includes("sentinel")) found.push(`${el.tagName}[${a.name}]`);
        if (a.name === "srcdoc") found.push(`${el.tagName}[srcdoc]`);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers skip leading control characters before a URL scheme, so an attack may hide behind them.
        if (urlAttributes.includes(a.name.toLowerCase()) && /^[\s\u0000-\u0020]*(javascript|data|vbscript)/i.test(a.value.replace(/[\t\n\r]/g, ""))) {
          found.push(`${el.tagName}[${a.name}=${a.value.slice(0, 40)}]`);
        }
      }
      if (el.tagName === "SCRIPT" && el.textContent?.includes("__xss")) found.push("inline script");
    }
    const content = ".sd-html, .sd-completedpage, .sd-completed-before-page, .sd-body--loading, .sv-string-viewer";
    for (const el of document.querySelectorAll(`:is(${content}) *`)) {
      if (!allowedTags.includes(el.tagName.toLowerCase())) found.push(`${el.tagName} in survey content`);
    }
    return found;
  }, [...htmlPolicy.tags] as string[]);
  expect(hits.filter((h) => !h.startsWith("sentinel-"))).toEqual([]);
  expect(dangerous).toEqual([]);
}

async function invitationToken(surveyId: string, type: string, email: string): Promise<string> {
  expect((await ctx.request(`/api/surveys/${surveyId}/rules`, { as: "manager", body: { match: { types: [type] }, delayMinutes: 0, expiresAfterDays: 7 } })).status).toBe(201);
  const ingest = await ctx.request("/api/interactions", {
    apiKey: ctx.apiKey,
    body: { interactions: [interaction({ type, occurredAt: new Date(Date.now() - 60_000).toISOString(), customer: { email } })] },
  });
  expect(ingest.json).toMatchObject({ accepted: 1 });
  await runDispatchTick({ ...ctx.deps, now: () => new Date() });
  return tokenFromMailbox(ctx, email);
}

/** Clicks through every page of a rendered survey, answering what must be answered, up to Complete. */
async function pageThrough(page: Page, scope: string, hits: string[]) {
  const root = page.locator(scope);
  await root.locator(".sd-question").first().waitFor();
  await expectNothingRan(page, hits);
  // Harmless formatting arrives as formatting, its link opening a new tab without an opener.
  const kept = root.locator(".sd-html").filter({ hasText: "Kept" });
  expect(await kept.locator("h4, b, i, ul > li").count()).toBe(4);
  expect(await kept.locator("a").evaluate((a) => [a.getAttribute("href"), a.getAttribute("rel"), a.getAttribute("target")])).toEqual([
    "https://example.com/help",
    "noopener noreferrer",
    "_blank",
  ]);
  // The required question first refuses to move on, which shows its requiredErrorText.
  await root.getByRole("button", { name: "Next" }).click();
  await root.locator(".sd-question__erbox").first().waitFor();
  await expectNothingRan(page, hits);
  await root.locator(".sd-question").filter({ has: page.locator("input[type=text]") }).nth(1).locator("input").fill(laterPayloads.typedAnswer);
  await root.getByRole("button", { name: "Next" }).click();
  await root.getByText("You said").waitFor();
  await expectNothingRan(page, hits);
  await root.getByRole("button", { name: "Next" }).click();
  await root.getByRole("button", { name: "Complete" }).waitFor();
  await expectNothingRan(page, hits);
  await root.getByRole("button", { name: "Complete" }).click();
}

async function signIn(context: BrowserContext, role: "manager") {
  const { page, hits } = await watchedPage(context);
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(`${role}@test.example`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // At phone width the user menu folds away, so wait for it to exist rather than to show.
  await page.getByTestId("current-user").waitFor({ state: "attached" });
  return { page, hits };
}

const newContext = (viewport = { width: 1280, height: 900 }) => browser.newContext({ bypassCSP: true, viewport });

describe.skipIf(!chromiumAvailable)("the XSS corpus in Chromium", () => {
  beforeAll(async () => {
    ({ ctx, base, close: stopServer } = await serveTestApp());
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    stopServer?.();
  });

  it("holds at least 40 payloads, and every one marked live runs when put on an app page as it is", async () => {
    expect(payloads.length).toBeGreaterThanOrEqual(40);
    expect(new Set(payloads.map((p) => p.id)).size).toBe(payloads.length);
    const context = await newContext();
    const { page, hits } = await watchedPage(context);
    await page.goto(`${base}/login`);
    await page.getByLabel("Email").waitFor();
    for (const p of payloads.filter((p) => p.live)) {
      await page.evaluate(
        ({ html, click }) => {
          const box = document.createElement("div");
          box.innerHTML = html;
          document.body.append(box);
          if (click) for (const el of box.querySelectorAll<HTMLElement>("a, button")) el.click();
        },
        { html: p.html, click: !!p.click },
      );
    }
    const live = payloads.filter((p) => p.live).map((p) => p.id);
    await expect.poll(() => live.filter((id) => !hits.includes(id)), { timeout: 10_000 }).toEqual([]);
    await context.close();
  }, 60_000);

  it("stores a definition published through the API without any of them, and says where it removed them", async () => {
    const { definition, placed } = corpusDefinition();
    const created = await ctx.request("/api/surveys", { as: "manager", body: { title: "Corpus", definition } });
    expect(created.status, created.text).toBe(201);
    expect([...created.json.sanitized].sort()).toEqual([...placed].sort());

    const stored = await ctx.request(`/api/surveys/${created.json.id}`, { as: "manager" });
    expect(unsafeMarkupIn(stored.json.definition)).toEqual([]);
    expect(stored.json.definition.navigateToUrl).toBeUndefined();
    // Harmless formatting and the placeholders survive.
    expect(stored.json.definition.completedHtmlOnCondition[0].html).toMatch(/^<h3>Done<\/h3>/);
    expect(stored.json.definition.pages[0].elements[1].html).toBe("<p>Hello {greeting}</p>");
    expect((await ctx.request(`/api/surveys/${created.json.id}/publish`, { as: "manager", body: {} })).status).toBe(201);
  });

  it("runs none of them on the respondent page, through every page, answers with markup included", async () => {
    const { definition } = corpusDefinition();
    const surveyId: string = (await ctx.request("/api/surveys", { as: "manager", body: { title: "Corpus", definition } })).json.id;
    expect((await ctx.request(`/api/surveys/${surveyId}/publish`, { as: "manager", body: {} })).status).toBe(201);
    const token = await invitationToken(surveyId, "xss-api", "corpus@example.org");

    // A browser that answered this survey before gets completedBeforeHtml instead of the questions.
    const before = await newContext({ width: 390, height: 844 });
    await before.addCookies([{ name: cookieName, value: "true", url: base }]);
    const seen = await watchedPage(before);
    await seen.page.goto(`${base}/s/${token}`);
    await seen.page.getByText("Already answered").waitFor();
    await expectNothingRan(seen.page, seen.hits);
    await before.close();

    const context = await newContext({ width: 390, height: 844 });
    const { page, hits } = await watchedPage(context);
    await page.goto(`${base}/s/${token}`);
    await pageThrough(page, "main", hits);
    await page.getByTestId("thank-you").waitFor();
    await expectNothingRan(page, hits);
    await context.close();
  }, 90_000);

  it("runs none of them in the editor preview, through every page to the completion page", async () => {
    const { definition } = corpusDefinition();
    const surveyId: string = (await ctx.request("/api/surveys", { as: "manager", body: { title: "Corpus", definition } })).json.id;
    const context = await newContext();
    const { page, hits } = await signIn(context, "manager");
    await page.goto(`${base}/surveys/${surveyId}`);
    await pageThrough(page, "[data-testid=survey-preview]", hits);
    await page.getByTestId("survey-preview").getByText("Done").waitFor();
    await expectNothingRan(page, hits);
    await context.close();
  }, 90_000);

  it("runs none of them from a definition written straight into the database, so the browser's sanitizer holds on its own", async () => {
    // Around the API, as a draft saved before sanitizing existed would be: only the browser stands in the way.
    const { definition } = corpusDefinition();
    const now = new Date();
    const row = await ctx.db.insert(surveys).values({ orgId: ctx.orgId, title: "Raw corpus", draft: definition, draftDirty: false, latestVersion: 1, createdAt: now, updatedAt: now }).returning().get();
    await ctx.db.insert(surveyVersions).values({ surveyId: row.id, version: 1, title: "Raw corpus", definition, publishedAt: now }).run();
    const token = await invitationToken(row.id, "xss-raw", "raw@example.org");

    const respondent = await newContext({ width: 390, height: 844 });
    const answering = await watchedPage(respondent);
    await answering.page.goto(`${base}/s/${token}`);
    await pageThrough(answering.page, "main", answering.hits);
    await answering.page.getByTestId("thank-you").waitFor();
    // navigateToUrl ("java\tscript:…") was refused: the page is still ours.
    expect(answering.page.url()).toBe(`${base}/s/${token}`);
    await expectNothingRan(answering.page, answering.hits);
    await respondent.close();

    const editor = await newContext();
    const { page, hits } = await signIn(editor, "manager");
    await page.goto(`${base}/surveys/${row.id}`);
    await pageThrough(page, "[data-testid=survey-preview]", hits);
    await page.getByTestId("survey-preview").getByText("Done").waitFor();
    expect(page.url()).toBe(`${base}/surveys/${row.id}`);
    await expectNothingRan(page, hits);

    // The control: the same payload, put on this very page without a sanitizer, runs and is seen.
    await page.evaluate((html) => {
      const box = document.createElement("div");
      box.innerHTML = html;
      document.body.append(box);
    }, payloads[0]!.html);
    await expect.poll(() => hits).toContain(payloads[0]!.id);
    await editor.close();
  }, 90_000);

  it("tells the manager in the editor which texts lost unsafe HTML on save, and shows what was kept", async () => {
    const definition = {
      pages: [{ name: "p1", elements: [{ type: "html", name: "intro", html: "<p>Hi</p>" }, { type: "comment", name: "c", title: "Anything?" }] }],
    };
    const surveyId: string = (await ctx.request("/api/surveys", { as: "manager", body: { title: "Notice", definition } })).json.id;
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      const context = await newContext(viewport);
      const { page, hits } = await signIn(context, "manager");
      await page.goto(`${base}/surveys/${surveyId}`);
      await page.getByRole("tab", { name: "Advanced (JSON)" }).click();
      await page.locator("#survey-json").waitFor();
      const unsafe = structuredClone(definition);
      unsafe.pages[0]!.elements[0]!.html = `<p>Hi <b>there</b></p>${payloads[0]!.html}`;
      await page.locator("#survey-json").fill(JSON.stringify(unsafe, null, 2));
      await page.getByRole("button", { name: "Save draft" }).click();
      await expect.poll(() => page.getByTestId("notice").textContent()).toContain("Unsafe HTML was removed from question “intro” (html)");
      expect(await page.locator("#survey-json").inputValue()).toContain('"html": "<p>Hi <b>there</b></p>"');
      await expect.poll(() => page.getByTestId("unsaved").count()).toBe(0);
      if (process.env.XSS_SCREENSHOTS) await page.screenshot({ path: `${process.env.XSS_SCREENSHOTS}/notice-${viewport.width}.png` });
      await expectNothingRan(page, hits);
      await context.close();
    }
  }, 90_000);
});
