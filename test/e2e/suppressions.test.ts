// The suppression list page: an empty state, an admin adding an address and lifting one with a reason behind a
// confirmation, filters, and a manager who may only read; at phone and desktop widths, checked with axe.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../support/app";
import { chromiumAvailable, launchChromium, seriousAxeViolations, signInAs } from "../support/browser";
import { serveTestApp, type ServedApp } from "../support/web-server";

// Set SUPPRESSION_SHOTS=/some/folder to keep screenshots of the page at each width for a person to look at.
const shots = process.env.SUPPRESSION_SHOTS;

let served: ServedApp;
let browser: Browser;

async function open(width: number, role: "admin" | "manager"): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await signInAs(await context.newPage(), served.base, `${role}@test.example`, PASSWORD);
  await page.goto(`${served.base}/settings/suppressions`);
  await page.getByRole("heading", { level: 1, name: "Suppression list" }).waitFor();
  await page.waitForFunction(() => !document.querySelector(".loading"));
  return page;
}

async function withinWidth(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "the page scrolls sideways").toBe(true);
}

const rows = (page: Page) => page.getByTestId("suppressions-table").locator("tbody tr");

describe.skipIf(!chromiumAvailable)("the suppression list page", () => {
  beforeAll(async () => {
    served = await serveTestApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    served?.close();
  });

  it("says what the list is for while it is empty, then lets an admin add an address and lift it with a reason", async () => {
    const page = await open(390, "admin");
    await expect.poll(() => page.getByTestId("suppressions-empty").textContent()).toContain("No addresses are on the list.");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await withinWidth(page);
    if (shots) await page.screenshot({ path: `${shots}/suppressions-390-empty.png`, fullPage: true });

    await page.getByLabel("Email address").fill("not an address");
    await page.getByRole("button", { name: "Add to the list" }).click();
    await expect.poll(() => page.getByTestId("field-error").textContent()).toBe("Enter an email address like name@example.com.");

    await page.getByLabel("Email address").fill("Pat@Example.org");
    await page.getByLabel("Note (optional)").fill("Asked us by phone to stop.");
    await page.getByRole("button", { name: "Add to the list" }).click();
    await expect.poll(() => page.getByTestId("notice").textContent()).toContain("pat@example.org is on the list");
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await rows(page).first().textContent()).toMatch(/pat@example\.org.*Added by hand.*Asked us by phone to stop\..*Not emailed/);

    await page.getByRole("button", { name: "Lift pat@example.org from the list" }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.textContent()).toContain("Email pat@example.org again?");
    expect(await seriousAxeViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/suppressions-390-lift.png`, fullPage: true });
    // A reason is required: without one the dialog stays open and nothing is lifted.
    await dialog.getByRole("button", { name: "Lift from the list" }).click();
    expect(await dialog.isVisible()).toBe(true);
    expect(await page.getByLabel("Why may it be emailed again?").evaluate((el) => (el as HTMLTextAreaElement).validity.valueMissing)).toBe(true);
    await page.getByLabel("Why may it be emailed again?").fill("Asked to hear from us again.");
    await dialog.getByRole("button", { name: "Lift from the list" }).click();
    await expect.poll(() => page.getByTestId("notice").textContent()).toContain("pat@example.org may be emailed again");
    await expect.poll(() => page.getByTestId("suppressions-empty").count()).toBe(1);

    await page.getByLabel("Show").selectOption("lifted");
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await rows(page).first().textContent()).toMatch(/Lifted.*by admin: “Asked to hear from us again\.”/);
    expect(await page.getByRole("button", { name: /^Lift / }).count()).toBe(0);
    await page.context().close();
  });

  it("shows the list with its filters to an admin at 1280 px and only reads it for a manager at 390 px", async () => {
    const { ctx } = served;
    for (const email of ["lee@one.example", "kim@one.example", "sam@two.example"]) {
      expect((await ctx.request("/api/suppressions", { as: "admin", body: { email, note: `Added for ${email.split("@")[0]}` } })).status).toBe(201);
    }
    const page = await open(1280, "admin");
    await expect.poll(() => rows(page).count()).toBe(3);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await withinWidth(page);
    if (shots) await page.screenshot({ path: `${shots}/suppressions-1280-admin.png`, fullPage: true });

    await page.getByLabel("Address contains").fill("one.example");
    await page.getByLabel("Address contains").press("Enter");
    await expect.poll(() => rows(page).count()).toBe(2);
    await page.getByLabel("Reason").selectOption("unsubscribed");
    await expect.poll(() => page.getByTestId("suppressions-empty").textContent()).toContain("Nothing matches these filters.");
    await page.context().close();

    const phone = await open(390, "manager");
    await expect.poll(() => rows(phone).count()).toBe(3);
    expect(await phone.getByRole("button", { name: "Add to the list" }).count()).toBe(0);
    expect(await phone.getByRole("button", { name: /^Lift / }).count()).toBe(0);
    expect(await seriousAxeViolations(phone)).toEqual([]);
    await withinWidth(phone);
    if (shots) await phone.screenshot({ path: `${shots}/suppressions-390-manager.png`, fullPage: true });
    await phone.context().close();
  });
});
