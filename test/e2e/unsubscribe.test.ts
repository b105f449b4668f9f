// The unsubscribe page an email's footer link opens: it works without JavaScript, asks before acting, and the
// button's form post confirms on the same address (no redirect), at phone and desktop widths, checked with axe.
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { suppressions } from "../../db/schema";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { chromiumAvailable, launchChromium, seriousAxeViolations } from "../support/browser";
import { interaction, publishedSurvey, tokenFromMailbox } from "../support/factories";
import { serveTestApp, type ServedApp } from "../support/web-server";

// Set UNSUBSCRIBE_SHOTS=/some/folder to keep screenshots of the pages at each width for a person to look at.
const shots = process.env.UNSUBSCRIBE_SHOTS;

let served: ServedApp;
let browser: Browser;

/** A customer who was emailed a survey, and the token of its links. */
async function emailedCustomer() {
  const { ctx } = served;
  const item = interaction();
  expect((await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [item] } })).status).toBe(202);
  await runDispatchTick({ ...ctx.deps, now: () => new Date() });
  return { email: item.customer.email, token: await tokenFromMailbox(ctx, item.customer.email) };
}

async function withinWidth(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "the page scrolls sideways").toBe(true);
}

describe.skipIf(!chromiumAvailable)("the unsubscribe page", () => {
  beforeAll(async () => {
    served = await serveTestApp();
    await publishedSurvey(served.ctx);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    served?.close();
  });

  for (const width of [390, 1280]) {
    it(`asks first, then unsubscribes with one button press and says so, at ${width} px, with no serious axe findings`, async () => {
      const { email, token } = await emailedCustomer();
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      const res = await page.goto(`${served.base}/u/${token}`);
      expect(res?.status()).toBe(200);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Stop survey emails from Test org?");
      expect(await page.title()).toBe("Unsubscribe from Test org");
      expect(await page.getByText(email).count()).toBe(1);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await withinWidth(page);
      if (shots) await page.screenshot({ path: `${shots}/unsubscribe-${width}-ask.png`, fullPage: true });
      const stored = () => served.ctx.db.select().from(suppressions).where(eq(suppressions.orgId, served.ctx.orgId)).all();
      const before = (await stored()).length;

      // The keyboard path: the button is the first thing Tab reaches.
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Unsubscribe");
      await page.keyboard.press("Enter");
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("You are unsubscribed");
      expect(page.url()).toBe(`${served.base}/u/${token}`);
      expect(await page.getByText("You will get no more surveys from Test org").count()).toBe(1);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await withinWidth(page);
      if (shots) await page.screenshot({ path: `${shots}/unsubscribe-${width}-done.png`, fullPage: true });
      expect((await stored()).length).toBe(before + 1);
      await context.close();
    });
  }

  it("works with JavaScript switched off", async () => {
    const { token } = await emailedCustomer();
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${served.base}/u/${token}`);
    await page.getByRole("button", { name: "Unsubscribe" }).click();
    await page.getByRole("heading", { name: "You are unsubscribed" }).waitFor();
    await context.close();
  });

  it("explains a link it does not recognise", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    const res = await page.goto(`${served.base}/u/not-a-real-token`);
    expect(res?.status()).toBe(404);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("We do not recognise this link");
    expect(await seriousAxeViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/unsubscribe-390-unknown.png`, fullPage: true });
    await context.close();
  });
});
