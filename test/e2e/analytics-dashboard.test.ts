import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../../db/seed/demo";
import type { TestContext } from "../support/app";
import { chromiumAvailable, launchChromium, seriousAxeViolations, signInAs } from "../support/browser";
import { serveTestApp } from "../support/web-server";

// Set DASHBOARD_SHOTS=/some/folder to keep screenshots of the dashboard at each width for a person to look at.
const shots = process.env.DASHBOARD_SHOTS;

let ctx: TestContext;
let stopServer: (() => void) | undefined;
let base: string;
let browser: Browser;

async function signedIn(width: number, email = "reviewer@example.com"): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  return signInAs(await context.newPage(), base, email, DEMO_PASSWORD);
}

/** Every section drawn: no skeleton left, both charts in. */
async function settled(page: Page) {
  await page.getByTestId("metric-nps").waitFor();
  await page.getByTestId("trend-chart").waitFor();
  await page.getByTestId("drivers-chart").waitFor();
  await page.waitForFunction(() => !document.querySelector(".loading, .spinner, [aria-busy='true']"), undefined, { timeout: 15_000 });
}

async function withinWidth(page: Page) {
  const { scroll, viewport } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(scroll, "the dashboard scrolls sideways").toBeLessThanOrEqual(viewport);
}

/** The whole page and each section on its own, small enough to read. */
async function keepShots(page: Page, name: string) {
  if (!shots) return;
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  await page.locator("form.filters").screenshot({ path: `${shots}/${name}-filters.png` });
  for (const id of ["indices", "trend", "segments", "drivers", "staff", "comments"]) {
    await page.getByTestId(`section-${id}`).screenshot({ path: `${shots}/${name}-${id}.png` });
  }
}

const search = (page: Page) => new URL(page.url()).searchParams;

describe.skipIf(!chromiumAvailable)("the analytics dashboard in a browser", () => {
  beforeAll(async () => {
    ({ ctx, base, close: stopServer } = await serveTestApp({ empty: true }));
    await seedDemo(ctx.db, { appSecret: ctx.settings.appSecret, now: new Date(), maxSqlParams: ctx.settings.maxSqlParams, interactions: 4000, passwordIterations: 1000 });
    browser = await launchChromium();
    if (shots) mkdirSync(shots, { recursive: true });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    stopServer?.();
  });

  it("opens on all surveys over 90 days, keeps every filter in the URL, and walks trend, segments, drivers, staff, comments and an export", async () => {
    const page = await signedIn(1280);
    await page.goto(`${base}/analytics`);
    await settled(page);
    expect(await page.getByLabel("Survey").inputValue()).toBe("");
    expect(await page.getByLabel("Period").inputValue()).toBe("90d");
    expect(Number((await page.getByTestId("responses-count").textContent())?.replace(/\D/g, ""))).toBeGreaterThan(0);
    expect(await page.getByTestId("metric-nps").textContent()).toMatch(/n = [\d,]+/);
    if (shots) await page.screenshot({ path: `${shots}/1280-open.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Filters: a preset period and one unit, both in the URL, both still there after a reload. The preset's
    // days are the server's, counted in the organisation's calendar, and the date fields show them.
    const counted = page.waitForResponse((r) => r.url().includes("/api/analytics/summary") && r.url().includes("range=12m"));
    await page.getByLabel("Period").selectOption("12m");
    await page.waitForURL(/range=12m/);
    const { fromDay, toDay } = (await (await counted).json()) as { fromDay: string; toDay: string };
    await expect.poll(() => page.getByLabel("From", { exact: true }).inputValue()).toBe(fromDay);
    expect(await page.getByLabel("To", { exact: true }).inputValue()).toBe(toDay);
    await page.getByTestId("filter-unit").locator("summary").click();
    await page.getByTestId("filter-unit").getByLabel("Harbour branch").check();
    await expect.poll(() => search(page).getAll("unit").length).toBe(1);
    await page.getByTestId("filter-channel").locator("summary").click();
    await page.getByTestId("filter-channel").getByLabel("phone").check();
    await page.getByTestId("filter-channel").getByLabel("counter").check();
    await expect.poll(() => search(page).getAll("channel").sort()).toEqual(["counter", "phone"]);
    await page.reload();
    await settled(page);
    expect(await page.getByLabel("Period").inputValue()).toBe("12m");
    await page.getByTestId("filter-unit").locator("summary").click();
    expect(await page.getByTestId("filter-unit").getByLabel("Harbour branch").isChecked()).toBe(true);
    expect(await page.getByTestId("filter-channel").locator("summary").textContent()).toContain("phone");
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => search(page).has("unit")).toBe(false);

    // Trend by quarter: the chart, a sentence about significant changes, and the same figures as a table.
    await page.getByLabel("By", { exact: true }).selectOption("quarter");
    await page.waitForURL(/interval=quarter/);
    await expect.poll(() => page.getByTestId("trend-table").locator("tbody tr").first().textContent()).toMatch(/Q\d \d{4}/);
    expect(await page.getByTestId("trend-moves").textContent()).toMatch(/significant/);
    await page.getByRole("button", { name: "Show as table" }).click();
    await page.getByTestId("trend-table").waitFor({ state: "visible" });

    // Segments by channel: phone is the slow one on "time taken".
    await page.getByLabel("Metric", { exact: true }).selectOption("dimension:time-taken");
    await page.getByLabel("Group by").selectOption("channel");
    await page.waitForURL(/by=channel/);
    await expect.poll(() => page.getByTestId("segments-table").textContent()).toContain("phone");
    await page.getByTestId("segments-table").getByRole("button", { name: /Time taken/ }).click();
    const firstRow = page.getByTestId("segment-row").first().locator("th");
    await expect.poll(() => firstRow.textContent()).toContain("phone");

    // Key drivers: the quadrant with its labels, and the table saying where to concentrate.
    await page.getByTestId("drivers-chart").getByText("Concentrate here", { exact: true }).waitFor();
    expect(await page.getByTestId("drivers-table").textContent()).toMatch(/Time taken.*Concentrate here/);

    // Staff: a lower minimum ranks more people; the rest are listed apart.
    await page.getByLabel("Metric", { exact: true }).selectOption("nps");
    const staffMin = page.locator("#staff-min-n");
    await staffMin.fill("5");
    await staffMin.press("Enter");
    await page.waitForURL(/minN=5/);
    await expect.poll(() => page.getByTestId("staff-row").count()).toBeGreaterThan(5);
    expect(await page.getByTestId("staff-table").textContent()).toMatch(/by luck|could be luck|average/);

    // Comments from the same period, each opening its response.
    await expect.poll(() => page.getByTestId("section-comments").getByTestId("comment").count(), { timeout: 10_000 }).toBeGreaterThan(0);

    // A CSV link beside the segments answers CSV with the same settings as on screen.
    const href = await page.getByTestId("export-segments").getAttribute("href");
    expect(href).toContain("by=channel");
    const csv = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get("content-type"), head: (await res.text()).split("\n")[0] };
    }, href!);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain("text/csv");
    expect(csv.head).toMatch(/n/);

    await settled(page);
    await keepShots(page, "1280-walked");
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The same link opens the same view elsewhere, and fits a phone.
    const link = page.url();
    const phone = await signedIn(390);
    await phone.goto(link);
    await settled(phone);
    expect(await phone.getByLabel("Group by").inputValue()).toBe("channel");
    expect(await phone.getByLabel("By", { exact: true }).inputValue()).toBe("quarter");
    await withinWidth(phone);
    await keepShots(phone, "390-walked");
    expect(await seriousAxeViolations(phone)).toEqual([]);
  }, 120_000);

  it("lets an admin set new index weights and shows which were in force when", async () => {
    const page = await signedIn(390, "admin@example.com");
    await page.goto(`${base}/analytics`);
    await settled(page);
    await page.getByTestId("index-weights").locator("summary").click();
    await page.getByLabel("NPS", { exact: true }).fill("2");
    await page.getByRole("button", { name: "Save new weights" }).click();
    await page.getByText("Saved as version 1.").waitFor();
    const history = page.getByTestId("index-weights").getByRole("table");
    await expect.poll(() => history.locator("tbody tr").count()).toBeGreaterThanOrEqual(1);
    expect(await history.textContent()).toContain("NPS 2");
    await expect.poll(() => page.getByTestId("metric-index").textContent()).toContain("Weights version 1");
    await withinWidth(page);
    if (shots) await page.getByTestId("index-weights").screenshot({ path: `${shots}/390-weights.png` });
    expect(await seriousAxeViolations(page)).toEqual([]);
  }, 60_000);

  it("says what to do next when the period holds no responses", async () => {
    const page = await signedIn(1280);
    await page.goto(`${base}/analytics?from=2020-01-01&to=2020-01-31`);
    await page.getByTestId("analytics-empty").getByText("No responses in this period").waitFor();
    expect(await page.getByTestId("analytics-empty").textContent()).toContain("distribution rule");
    expect(await seriousAxeViolations(page)).toEqual([]);
  }, 30_000);
});
