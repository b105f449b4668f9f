// The API reference page in Chromium: it renders the document under the strict CSP, reads at phone and desktop
// width, passes axe, and its try-it-out calls the API with the admin app's session.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../support/app";
import { chromiumAvailable, launchChromium, seriousAxeViolations } from "../support/browser";
import { serveTestApp } from "../support/web-server";

// axe is evaluated as text through the devtools protocol: the page's CSP rightly refuses injected script tags.
// Set LAYOUT_SHOTS=/some/folder to keep a screenshot at each width for a person to look at.
const shots = process.env.LAYOUT_SHOTS;


let stopServer: (() => void) | undefined;
let base: string;
let browser: Browser;

// Chromium reports refused scripts, styles and connections on the console; anything else red is a fault too.
function watch(page: Page) {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" || /Content Security Policy|Refused to/i.test(msg.text())) problems.push(msg.text());
  });
  page.on("pageerror", (err) => problems.push(err.message));
  return problems;
}

async function openReference(page: Page) {
  const res = await page.goto(`${base}/api/docs`);
  expect(res?.status()).toBe(200);
  await page.locator(".opblock-summary").first().waitFor();
  return res!;
}

const operation = (page: Page, method: string, path: string) =>
  page.locator(`.opblock-${method.toLowerCase()}`).filter({ has: page.locator(".opblock-summary-path", { hasText: new RegExp(`^${path}$`) }) });

describe.skipIf(!chromiumAvailable)("the API reference page", () => {
  beforeAll(async () => {
    ({ base, close: stopServer } = await serveTestApp({ compress: true }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    stopServer?.();
  });

  for (const width of [390, 1280]) {
    it(`lists the operations at ${width} px, under the CSP, without sideways scrolling or serious axe findings`, async () => {
      const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
      const problems = watch(page);
      const res = await openReference(page);
      expect(res.headers()["cache-control"]).toBe("no-cache");
      expect(res.headers()["content-security-policy"]).toMatch(/script-src 'self'(;|$)/);
      expect(await page.title()).toBe("Rapport API");
      await expect.poll(() => operation(page, "POST", "/api/interactions").isVisible()).toBe(true);
      await expect.poll(() => operation(page, "GET", "/api/surveys/{id}").isVisible()).toBe(true);
      // One operation open, so its parameters, responses and problem examples are checked too.
      await operation(page, "PUT", "/api/surveys/{id}").locator(".opblock-summary-control").click();
      await operation(page, "PUT", "/api/surveys/{id}").locator(".responses-table").first().waitFor();

      if (shots) await page.screenshot({ path: `${shots}/${width}_api_docs.png`, fullPage: true });
      const overflow = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      expect(overflow.scroll, `the reference scrolls sideways at ${width} px`).toBeLessThanOrEqual(overflow.viewport);

      const serious = await seriousAxeViolations(page);
      expect(serious).toEqual([]);
      expect(problems).toEqual([]);
    }, 60_000);
  }

  it("tries a call with the admin app's session: signed in, GET /api/surveys answers 200", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Signed in as the admin app does it, so the browser holds the session cookie the page's calls carry.
    const login = await context.request.post(`${base}/api/auth/login`, { data: { email: "manager@test.example", password: PASSWORD }, headers: { origin: base } });
    expect(login.status()).toBe(200);
    const page = await context.newPage();
    const problems = watch(page);
    await openReference(page);
    const list = operation(page, "GET", "/api/surveys");
    await list.locator(".opblock-summary-control").click();
    await list.getByRole("button", { name: "Try it out" }).click();
    await list.getByRole("button", { name: "Execute" }).click();
    const live = list.locator(".live-responses-table .response .response-col_status");
    await live.first().waitFor();
    expect((await live.first().textContent())?.trim()).toBe("200");
    expect(problems).toEqual([]);
  }, 60_000);
});
