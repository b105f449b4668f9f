// The delivery page in a browser, on the demo organisation: states with counts, reasons, reminders, retries, and
// the funnel with its filters in the URL; at a phone's and a desktop's width, with axe.
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../../db/seed/demo";
import type { TestContext } from "../support/app";
import { chromiumAvailable, launchChromium, seriousAxeViolations, signInAs } from "../support/browser";
import { serveTestApp } from "../support/web-server";

// Set DELIVERY_SHOTS=/some/folder to keep screenshots of the page at each width for a person to look at.
const shots = process.env.DELIVERY_SHOTS;

let ctx: TestContext;
let stopServer: (() => void) | undefined;
let base: string;
let browser: Browser;

async function signedIn(width: number, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  return signInAs(await context.newPage(), base, email, DEMO_PASSWORD);
}

/** Counts in, the first page of invitations and the funnel drawn. */
async function settled(page: Page) {
  await page.getByTestId("invitations-table").or(page.getByTestId("invitations-empty")).waitFor();
  await page.getByTestId("funnel").or(page.getByTestId("funnel-empty")).waitFor();
  await page.waitForFunction(() => !document.querySelector(".loading, .spinner, [aria-busy='true']") && !document.body.textContent?.includes("…"), undefined, { timeout: 15_000 });
}

async function withinWidth(page: Page) {
  const { scroll, viewport } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(scroll, "the page scrolls sideways").toBeLessThanOrEqual(viewport);
}

const count = async (page: Page, state: string) => Number((await page.getByTestId(`state-${state}`).locator(".state-count").textContent())?.replace(/\D/g, ""));

async function openDelivery(page: Page, survey: string) {
  await page.goto(`${base}/surveys`);
  await page.getByRole("link", { name: `Delivery of ${survey}` }).click();
  await page.waitForURL(/\/surveys\/[^/]+\/delivery/);
  await settled(page);
}

describe.skipIf(!chromiumAvailable)("the delivery page in a browser", () => {
  beforeAll(async () => {
    ({ ctx, base, close: stopServer } = await serveTestApp({ empty: true }));
    await seedDemo(ctx.db, { appSecret: ctx.settings.appSecret, now: new Date(), maxSqlParams: ctx.settings.maxSqlParams, interactions: 2500, passwordIterations: 1000 });
    browser = await launchChromium();
    if (shots) mkdirSync(shots, { recursive: true });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    stopServer?.();
  });

  it("lets a manager walk the states, read why emails failed or bounced, and send failed ones again", async () => {
    const page = await signedIn(1280, "manager@example.com");
    await openDelivery(page, "Service centre visit");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Delivery");
    for (const state of ["scheduled", "delivered", "bounced", "failed", "expired", "answered", "cancelled"]) expect(await count(page, state), state).toBeGreaterThan(0);
    expect(await page.getByTestId("funnel-rate").textContent()).toMatch(/Response rate \d+ %.*95 % interval/);
    if (shots) await page.screenshot({ path: `${shots}/1280-all.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Bounced ones say what the customer's server answered; reminders show their own state.
    await page.getByTestId("state-bounced").click();
    await page.waitForURL(/state=bounced/);
    await settled(page);
    expect(await page.getByTestId("invitation-row").first().textContent()).toMatch(/Bounced.*Recipient address rejected/);
    expect(await page.getByTestId("invitation-row").first().textContent()).toContain("Reminder 1: Cancelled");

    // By keyboard to the failed ones: the provider's reason, and a retry for those whose link is open.
    await page.getByTestId("state-failed").focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/state=failed/);
    await settled(page);
    const failedBefore = await count(page, "failed");
    expect(await page.getByTestId("invitations-table").textContent()).toMatch(/Invalid `to` field|503 Service Unavailable|not verified/);
    if (shots) await page.screenshot({ path: `${shots}/1280-failed.png`, fullPage: true });
    const retryOne = page.getByRole("button", { name: /^Retry the invitation to / }).first();
    await retryOne.click();
    await page.getByTestId("notice").getByText("is back in the outbox").waitFor();
    await expect.poll(() => count(page, "failed")).toBe(failedBefore - 1);

    // All the others at once, after saying what will happen.
    const retryAll = page.getByTestId("retry-all");
    if (await retryAll.isVisible()) {
      await retryAll.click();
      const dialog = page.getByTestId("confirm-dialog");
      await dialog.getByText("back in the outbox, due now").waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await dialog.getByRole("button", { name: "Send again" }).click();
      await page.getByTestId("notice").getByText(/back in the outbox/).waitFor();
      await expect.poll(() => retryAll.isVisible()).toBe(false);
    }
    expect(await count(page, "scheduled")).toBeGreaterThan(0);
  }, 90_000);

  it("keeps the funnel's filters in the URL and shows the same page on a phone", async () => {
    const page = await signedIn(1280, "reviewer@example.com");
    await openDelivery(page, "After-service CSAT");
    // A reviewer reads; only managers and admins send again.
    expect(await page.getByRole("button", { name: /^Retry/ }).count()).toBe(0);
    const counted = page.waitForResponse((r) => r.url().includes("/api/analytics/funnel") && r.url().includes("range=12m"));
    await page.getByLabel("Period").selectOption("12m");
    await page.waitForURL(/range=12m/);
    const { fromDay } = (await (await counted).json()) as { fromDay: string };
    await expect.poll(() => page.getByLabel("From", { exact: true }).inputValue()).toBe(fromDay);
    await page.getByLabel("Unit").selectOption({ label: "Customer care line" });
    await page.waitForURL(/unitId=/);
    await settled(page);
    expect(await page.getByTestId("funnel-sampledOut").textContent()).toMatch(/Sampled out\s*[\d,]+/);
    expect(await page.getByTestId("funnel-heldContact").textContent()).toMatch(/% of matched/);

    const phone = await signedIn(390, "reviewer@example.com");
    await phone.goto(page.url());
    await settled(phone);
    expect(await phone.getByLabel("Period").inputValue()).toBe("12m");
    await withinWidth(phone);
    if (shots) await phone.screenshot({ path: `${shots}/390-funnel.png`, fullPage: true });
    expect(await seriousAxeViolations(phone)).toEqual([]);
    await phone.getByTestId("state-scheduled").click();
    await settled(phone);
    await withinWidth(phone);
    if (shots) await phone.screenshot({ path: `${shots}/390-scheduled.png`, fullPage: true });
    expect(await seriousAxeViolations(phone)).toEqual([]);
  }, 90_000);

  it("says where invitations come from while a survey has none", async () => {
    const cookie = await ctx.signIn("manager@example.com", DEMO_PASSWORD);
    const created = await ctx.request("/api/surveys", { headers: { cookie }, body: { title: "Brand new", definition: { pages: [{ name: "p", elements: [{ type: "comment", name: "c" }] }] } } });
    expect(created.status, created.text).toBe(201);
    const page = await signedIn(390, "manager@example.com");
    await page.goto(`${base}/surveys/${created.json.id}/delivery`);
    await settled(page);
    expect(await page.getByTestId("invitations-empty").textContent()).toContain("No invitations yet: they are scheduled when interactions arrive that one of this survey's rules selects.");
    await withinWidth(page);
    if (shots) await page.screenshot({ path: `${shots}/390-empty.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
  }, 60_000);
});
