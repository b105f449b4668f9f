// The API keys page on a phone: paging with "Show more", a new key shown once, revocation behind a confirmation.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../support/app";
import { chromiumAvailable, launchChromium, signInAs } from "../support/browser";
import { serveTestApp, type ServedApp } from "../support/web-server";

let served: ServedApp;
let browser: Browser;

describe.skipIf(!chromiumAvailable)("the API keys page", () => {
  beforeAll(async () => {
    served = await serveTestApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    served?.close();
  });

  it("pages through every key, shows a new key once, and revokes it at once with the revoker named", async () => {
    const { ctx, base } = served;
    // 52 keys plus the test key: one page of 50 and a second of 3.
    for (let i = 0; i < 52; i++) expect((await ctx.request("/api/api-keys", { as: "admin", body: { name: `Integration ${i}` } })).status).toBe(201);

    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await signInAs(await context.newPage(), base, "admin@test.example", PASSWORD);

    await page.goto(`${base}/settings/api-keys`);
    const rows = page.getByTestId("api-keys-table").locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(50);
    await page.getByRole("button", { name: "Show more keys" }).click();
    await expect.poll(() => rows.count()).toBe(53);
    // The button goes with the last page; focus stays on the list's end instead of falling to the page.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("That is everything.");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await page.getByLabel("Key name").fill("Point of sale");
    await page.getByRole("button", { name: "Create key" }).click();
    const key = (await page.getByTestId("new-api-key").textContent())!.trim();
    expect(key).toMatch(/^rpk_/);
    await expect.poll(() => page.getByTestId("new-api-key-panel").textContent()).toContain("won't be shown again");
    expect((await ctx.request("/api/interactions", { apiKey: key, body: { interactions: [] } })).status).toBe(422);

    await page.getByRole("button", { name: "Revoke Point of sale" }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.textContent()).toContain("Revoke “Point of sale”?");
    await dialog.getByRole("button", { name: "Revoke key" }).click();
    const row = rows.filter({ hasText: "Point of sale" });
    await expect.poll(() => row.textContent()).toMatch(/Revoked.*by admin/);
    expect(await page.getByRole("button", { name: "Revoke Point of sale" }).count()).toBe(0);
    expect((await ctx.request("/api/interactions", { apiKey: key, body: { interactions: [] } })).status).toBe(401);

    // Shown once: after a reload the page holds only the prefix.
    await page.reload();
    await expect.poll(() => rows.count()).toBe(50);
    expect(await page.content()).not.toContain(key);
    await context.close();
  });
});
