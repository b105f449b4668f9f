// The survey page in the customer's language: their own when known, else the browser's, right to left where written so.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { chromiumAvailable, launchChromium, seriousAxeViolations } from "../support/browser";
import { interaction, tokenFromMailbox } from "../support/factories";
import { serveTestApp, type ServedApp } from "../support/web-server";

let served: ServedApp;
let browser: Browser;
const shots = process.env.SCREENSHOTS;

const definition = {
  title: { default: "After your visit", de: "Nach Ihrem Besuch" },
  pages: [
    {
      name: "p",
      elements: [
        {
          type: "rating",
          name: "nps",
          metric: "nps",
          rateMin: 0,
          rateMax: 10,
          displayMode: "buttons",
          isRequired: true,
          title: { default: "How likely are you to recommend us?", de: "Wie wahrscheinlich empfehlen Sie uns weiter?" },
        },
        { type: "comment", name: "comment", title: { default: "Anything else?", de: "Noch etwas?" } },
      ],
    },
  ],
};

async function invite(customer: Record<string, unknown>) {
  const { ctx } = served;
  await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ customer })] } });
  expect((await runDispatchTick({ ...ctx.deps, now: () => new Date() })).sent).toBe(1);
  return `${served.base}/s/${await tokenFromMailbox(ctx, customer.email as string)}`;
}

async function open(link: string, locale: string, name: string) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale });
  const page = await context.newPage();
  await page.goto(link);
  await page.locator(".sd-question").first().waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  if (shots) await page.screenshot({ path: `${shots}/respond-locale-${name}.png`, fullPage: true });
  return page;
}

const documentLanguage = (page: Page) => page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
const complete = (page: Page) => page.locator(".sd-navigation__complete-btn").first();
const completeText = (page: Page) => complete(page).evaluate((el) => ((el as HTMLInputElement).value || el.textContent || "").trim());

describe.skipIf(!chromiumAvailable)("answering in the customer's language", () => {
  beforeAll(async () => {
    served = await serveTestApp();
    browser = await launchChromium();
    const { ctx } = served;
    const created = await ctx.request("/api/surveys", { as: "manager", body: { title: "After your visit", definition } });
    await ctx.request(`/api/surveys/${created.json.id}/publish`, { as: "manager", body: {} });
    await ctx.request(`/api/surveys/${created.json.id}/rules`, { as: "manager", body: { match: {}, delayMinutes: 0, expiresAfterDays: 7 } });
  });

  afterAll(async () => {
    await browser?.close();
    served?.close();
  });

  it("shows a German customer the German questions and survey-core's German buttons, whatever the browser says", async () => {
    const page = await open(await invite({ email: "greta@example.org", name: "Greta", locale: "de" }), "en-US", "de");
    expect(await documentLanguage(page)).toEqual({ lang: "de", dir: "ltr" });
    await expect.poll(() => page.locator("h1").textContent()).toBe("Nach Ihrem Besuch");
    expect(await page.locator("header").getAttribute("lang")).toBeNull();
    expect(await page.locator(".sd-question").first().textContent()).toContain("Wie wahrscheinlich empfehlen Sie uns weiter?");
    expect(await completeText(page)).toBe("Abschließen");
    await page.context().close();
  });

  it("follows a French browser for the buttons and messages when the customer's language is unknown, keeping the default questions", async () => {
    const page = await open(await invite({ email: "sam@example.org", name: "Sam" }), "fr-FR", "fr");
    expect(await documentLanguage(page)).toEqual({ lang: "fr-FR", dir: "ltr" });
    expect(await page.locator("h1").textContent()).toBe("After your visit");
    expect(await page.locator("header").getAttribute("lang")).toBe("en");
    expect(await page.locator(".sd-question").first().textContent()).toContain("How likely are you to recommend us?");
    expect(await completeText(page)).toBe("Terminer");
    await complete(page).click();
    await expect.poll(() => page.locator(".sd-question__erbox").first().textContent()).toContain("La réponse à cette question est obligatoire.");
    await page.context().close();
  });

  it("lays an Arabic customer's page out right to left, the rating row running from the right", async () => {
    const page = await open(await invite({ email: "amal@example.org", name: "Amal", locale: "ar" }), "en-US", "ar");
    expect(await documentLanguage(page)).toEqual({ lang: "ar", dir: "rtl" });
    const item = (n: string) => page.locator(".sd-rating__item").filter({ hasText: new RegExp(`^${n}$`) }).first().boundingBox();
    const [zero, one] = [await item("0"), await item("1")];
    expect(zero!.x).toBeGreaterThan(one!.x);
    // The row starts at the question's right edge, its short first line leaving the gap on the left.
    const card = await page.locator(".sd-question").first().boundingBox();
    expect(card!.x + card!.width - (zero!.x + zero!.width)).toBeLessThan(40);
    // The untranslated English questions say which language they are in, so they read (and are spoken) as English.
    expect(await page.locator(".sd-question__title").first().evaluate((el) => ({ lang: el.getAttribute("lang"), dir: el.getAttribute("dir") }))).toEqual({ lang: "en", dir: "auto" });
    expect(await completeText(page)).toBe("إرسال البيانات");
    await page.context().close();
  });
});
