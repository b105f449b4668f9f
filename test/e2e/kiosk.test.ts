// A counter kiosk in a browser: one customer answers, sees the thanks, and the next one gets a fresh survey.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, type TestContext } from "../support/app";
import { chromiumAvailable, launchChromium, seriousAxeViolations, signInAs } from "../support/browser";
import { interaction, publishedSurvey } from "../support/factories";
import { encode } from "uqr";
import { serveTestApp } from "../support/web-server";

// KIOSK_SHOTS=/some/dir keeps a screenshot of each state.
const shots = process.env.KIOSK_SHOTS;

let ctx: TestContext;
let stopServer: (() => void) | undefined;
let base: string;
let browser: Browser;
let slug: string;

describe.skipIf(!chromiumAvailable)("a counter kiosk in a browser", () => {
  beforeAll(async () => {
    ({ ctx, base, close: stopServer } = await serveTestApp());
    browser = await launchChromium();
    const survey = await publishedSurvey(ctx);
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ unit: "Harbour Street" })] } });
    const unit = (await ctx.request("/api/units", { as: "admin" })).json.items[0].id;
    slug = (await ctx.request(`/api/units/${unit}/kiosk`, { as: "admin", method: "PUT", body: { surveyId: survey } })).json.slug;
  });

  afterAll(async () => {
    await browser?.close();
    stopServer?.();
  });

  for (const [width, height, next] of [
    [390, 844, "waits"],
    [1280, 900, "clicks Next customer"],
  ] as const) {
    it(`takes one customer's answers and resets for the next at ${width} px (${next})`, async () => {
      const page = await (await browser.newContext({ viewport: { width, height } })).newPage();
      await page.goto(`${base}/k/${slug}`);
      await page.getByText("Recommend us?", { exact: false }).waitFor();
      expect(await page.getByTestId("kiosk-unit").textContent()).toBe("Harbour Street");
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      expect(await seriousAxeViolations(page)).toEqual([]);
      if (shots) await page.screenshot({ path: `${shots}/kiosk-survey-${width}.png`, fullPage: true });

      await page.locator(".sd-question").filter({ hasText: /Recommend/ }).getByText("9", { exact: true }).first().click();
      await page.getByRole("textbox").last().fill("Quick and friendly");
      await page.getByRole("button", { name: "Complete" }).click();
      await page.getByTestId("thank-you").waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      if (shots) await page.screenshot({ path: `${shots}/kiosk-thanks-${width}.png`, fullPage: true });

      if (next === "clicks Next customer") await page.getByRole("button", { name: "Next customer" }).click();
      await page.getByText("Recommend us?", { exact: false }).waitFor({ timeout: 15_000 });
      expect(await page.getByRole("textbox").last().inputValue()).toBe("");
      expect(await page.locator(".sd-rating__item--selected").count()).toBe(0);
    }, 40_000);
  }

  for (const [width, height] of [
    [390, 844],
    [1280, 900],
  ] as const) {
    it(`lets an admin open a unit's kiosk and print its poster at ${width} px`, async () => {
      const fresh = await publishedSurvey(ctx);
      await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ unit: `Quay ${width}` })] } });
      const page = await signInAs(await (await browser.newContext({ viewport: { width, height } })).newPage(), base, "admin@test.example", PASSWORD);
      await page.goto(`${base}/settings`);
      await page.getByRole("link", { name: "Kiosks" }).click();
      const row = page.getByTestId("kiosk-row").filter({ hasText: `Quay ${width}` });
      await row.getByLabel(`Survey the kiosk of Quay ${width} shows`).selectOption(fresh);
      await row.getByRole("button", { name: `Open kiosk of Quay ${width}` }).click();
      await row.getByText(`${base}/k/`).waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      if (shots) await page.screenshot({ path: `${shots}/kiosk-admin-${width}.png`, fullPage: true });

      await row.getByRole("button", { name: `Print poster for Quay ${width}` }).click();
      const poster = page.getByTestId("kiosk-poster");
      expect(await poster.textContent()).toMatch(new RegExp(`Quay ${width}.*After-service.*${base}/k/[\\w-]{22}`));
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      if (shots) await page.screenshot({ path: `${shots}/kiosk-poster-${width}.png`, fullPage: true });
      // The QR code is the address shown beside it, module for module.
      const url = (await poster.getByText(`${base}/k/`).textContent())!.trim();
      const expected = encode(url, { ecc: "M", border: 4 });
      const qr = poster.getByTestId("kiosk-qr");
      expect(await qr.getAttribute("viewBox")).toBe(`0 0 ${expected.size} ${expected.size}`);
      const modules = ((await qr.locator("path").getAttribute("d")) ?? "").split("M").length - 1;
      expect(modules).toBe(expected.data.flat().filter(Boolean).length);
      await page.emulateMedia({ media: "print" });
      if (shots) await page.screenshot({ path: `${shots}/kiosk-poster-print-${width}.png`, fullPage: true });
      await page.emulateMedia({ media: "screen" });
      await page.getByRole("button", { name: "Back to kiosks" }).click();

      await row.getByRole("button", { name: `Close kiosk of Quay ${width}` }).click();
      await page.getByTestId("confirm-dialog").getByRole("button", { name: "Close kiosk" }).click();
      await row.getByText("Closed", { exact: true }).waitFor();
    }, 40_000);
  }

  it("says plainly when a kiosk link is not open", async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`${base}/k/${"A".repeat(22)}`);
    await expect.poll(() => page.getByTestId("respond-error").getAttribute("data-reason")).toBe("closed");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("This kiosk is not open");
  });
});
