import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../../db/seed/demo";
import type { TestContext } from "../support/app";
import { chromiumAvailable, launchChromium, seriousAxeViolations, signInAs } from "../support/browser";
import { serveTestApp } from "../support/web-server";

// axe is evaluated as text through the devtools protocol: the page's CSP rightly refuses injected script tags.
// Set LAYOUT_SHOTS=/some/folder to keep a screenshot of every page at every width for a person to look at.
const shots = process.env.LAYOUT_SHOTS;

const widths = [390, 1280] as const;
const signedOutPages = ["/login", "/forgot-password", "/setup"];
const signedInPages = [
  "/surveys",
  "/surveys/:first",
  "/surveys/:first/delivery",
  "/analytics",
  "/responses",
  "/reviews",
  "/reviews/:pack",
  "/kpis",
  "/kpis/benchmarks",
  "/cases",
  "/settings/cases",
  "/import",
  "/interactions/import",
  "/settings/themes",
  "/settings/api-keys",
  "/settings/people",
  "/settings/contact-rules",
  "/settings/suppressions",
  "/settings/kiosks",
  "/mailbox",
  "/account",
];

let ctx: TestContext;
let stopServer: (() => void) | undefined;
let base: string;
let browser: Browser;
let firstSurvey = "";
let lastPack = "";

async function settle(page: Page) {
  await page.locator("h1").first().waitFor();
  await page.waitForFunction(() => !document.querySelector(".loading, .spinner"), undefined, { timeout: 10_000 });
}

async function check(page: Page, path: string, width: number) {
  await page.goto(`${base}${path}`);
  await settle(page);
  await assess(page, path, width);
}

async function assess(page: Page, path: string, width: number) {
  if (shots) await page.screenshot({ path: `${shots}/${width}${path.replace(/\?.*/, "").replaceAll("/", "_")}.png`, fullPage: true });
  const overflow = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  const widest = overflow.scroll > overflow.viewport ? await widestElement(page) : "";
  expect(overflow.scroll, `${path} at ${width} px scrolls sideways; widest: ${widest}`).toBeLessThanOrEqual(overflow.viewport);

  const serious = await seriousAxeViolations(page);
  expect(serious, `${path} at ${width} px`).toEqual([]);
}

// Names the element that sticks out furthest, so a failure says where to look.
function widestElement(page: Page) {
  return page.evaluate(() => {
    let worst: Element | null = null;
    let right = 0;
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect().right;
      if (r > right) [worst, right] = [el, r];
    }
    return worst ? `${worst.tagName.toLowerCase()}.${[...worst.classList].join(".")} reaching ${Math.round(right)} px` : "";
  });
}

async function signedIn(width: number): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await signInAs(await context.newPage(), base, "admin@example.com", DEMO_PASSWORD);
  await page.waitForURL(/\/surveys$/);
  await page.close();
  return context;
}

describe.skipIf(!chromiumAvailable)("every admin page at phone and desktop width", () => {
  beforeAll(async () => {
    ({ ctx, base, close: stopServer } = await serveTestApp({ empty: true }));
    await seedDemo(ctx.db, { appSecret: ctx.settings.appSecret, now: new Date(), maxSqlParams: ctx.settings.maxSqlParams, interactions: 60, passwordIterations: 1000 });
    browser = await launchChromium();
    if (shots) mkdirSync(shots, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    stopServer?.();
  });

  for (const width of widths) {
    it(`keeps the signed-out pages within ${width} px, free of serious accessibility faults`, async () => {
      const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
      for (const path of signedOutPages) await check(page, path, width);
      await page.context().close();
    }, 60_000);

    it(`keeps every signed-in admin page within ${width} px, free of serious accessibility faults`, async () => {
      const context = await signedIn(width);
      const page = await context.newPage();
      await page.goto(`${base}/surveys`);
      if (!firstSurvey) {
        const list = await page.evaluate(async () => (await fetch("/api/surveys")).json());
        firstSurvey = (Array.isArray(list) ? list : list.items)[0].id;
      }
      // An email in the dev mailbox, so its reading pane (long links) is laid out too.
      await page.evaluate(async () => {
        const body = JSON.stringify({ email: `new.colleague.${Date.now()}@a-rather-long-domain-name.example`, role: "reviewer" });
        await fetch("/api/people/invitations", { method: "POST", headers: { "content-type": "application/json" }, body });
      });
      // Last quarter's closed pack, which the demo always has.
      if (!lastPack) lastPack = (await page.evaluate(async () => (await fetch("/api/review-packs")).json())).items[0].id;
      for (const path of signedInPages) await check(page, path.replace(":first", firstSurvey).replace(":pack", lastPack), width);

      await page.goto(`${base}/mailbox`);
      await page.getByTestId("mail-item").first().click();
      await page.getByTestId("mail-link").first().waitFor();
      await assess(page, "/mailbox/open", width);

      await page.goto(`${base}/analytics?surveyId=${firstSurvey}&from=2026-11-20&to=2026-11-01`);
      await page.getByTestId("field-error").getByText("Choose a “From” date before the “To” date.").waitFor();
      await assess(page, "/analytics/wrong-range", width);

      // Last, because the editor then holds unsaved changes.
      await page.goto(`${base}/surveys/${firstSurvey}`);
      await settle(page);
      const wrongScale = { pages: [{ elements: [{ type: "rating", name: "nps", title: "How likely are you to recommend us?", metric: "nps", rateMin: 1, rateMax: 5 }] }] };
      await page.getByRole("tab", { name: "Advanced (JSON)" }).click();
      await page.getByLabel("Survey JSON").fill(JSON.stringify(wrongScale, null, 2));
      await page.getByRole("button", { name: "Save draft" }).click();
      const problems = page.getByTestId("definition-errors");
      await problems.getByText("Question “How likely are you to recommend us?” (nps): an NPS question needs a rating scale from 0 to 10").waitFor();
      await problems.getByRole("button", { name: "Show in the JSON" }).click();
      const selected = await page.evaluate(() => {
        const area = document.activeElement as HTMLTextAreaElement;
        return area.value.slice(area.selectionStart, area.selectionEnd);
      });
      expect(JSON.parse(selected)).toEqual(wrongScale.pages[0]!.elements[0]);
      await page.getByLabel("Delay (minutes)").fill("");
      await page.getByLabel("Expires after (days)").fill("");
      await page.getByRole("button", { name: "Add rule" }).click();
      await page.getByText("Enter the delay in minutes.", { exact: true }).waitFor();
      await page.getByText("Enter after how many days the link expires.", { exact: true }).waitFor();
      await assess(page, "/surveys/problems", width);
      await context.close();
    }, 120_000);
  }
});
