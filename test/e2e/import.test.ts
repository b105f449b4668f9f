// Importing a CSV export in the admin app: columns guessed, a bad row reported (and downloadable), the fixed file imported.
import { readFileSync } from "node:fs";
import { isNotNull } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responses } from "../../db/schema";
import { PASSWORD } from "../support/app";
import { chromiumAvailable, launchChromium, seriousAxeViolations, signInAs } from "../support/browser";
import { publishedSurvey } from "../support/factories";
import { serveTestApp, type ServedApp } from "../support/web-server";

// Set LAYOUT_SHOTS=/some/folder to keep a screenshot of each step at each width for a person to look at.
const shots = process.env.LAYOUT_SHOTS;
const withBadRow = "test/fixtures/import-delighted.csv";
const fixed = "test/fixtures/import-delighted-fixed.csv";

let served: ServedApp;
let browser: Browser;

async function assess(page: Page, name: string, width: number) {
  if (shots) await page.screenshot({ path: `${shots}/${width}_import_${name}.png`, fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name} at ${width} px scrolls sideways`).toBe(true);
  expect(await seriousAxeViolations(page), `${name} at ${width} px`).toEqual([]);
}

/** Tabs from the focused element to the button named `name` and presses Enter, as a keyboard user would. */
async function tabTo(page: Page, name: string) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === name) return page.keyboard.press("Enter");
  }
  throw new Error(`no button “${name}” reached by Tab`);
}

describe.skipIf(!chromiumAvailable)("the import page", () => {
  beforeAll(async () => {
    served = await serveTestApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    served?.close();
  });

  for (const width of [1280, 390]) {
    it(`at ${width} px: reports the bad row of a file, then imports the fixed file, and a second run skips it`, async () => {
      const { ctx, base } = served;
      const surveyId = await publishedSurvey(ctx);
      const before = (await ctx.db.select().from(responses).where(isNotNull(responses.importedAt)).all()).length;
      const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
      const page = await signInAs(await context.newPage(), base, "admin@test.example", PASSWORD);

      await page.goto(`${base}/import`);
      await page.getByRole("heading", { name: "Import responses" }).waitFor();
      await assess(page, "empty", width);
      await page.getByLabel("Survey", { exact: true }).selectOption(surveyId);
      await page.getByLabel("CSV file", { exact: true }).setInputFiles(withBadRow);

      // Guessed by name: the id, the date, the NPS question, the comment, and the context columns.
      const mapping = page.getByTestId("import-mapping");
      await mapping.waitFor();
      expect(await page.getByLabel("Import “Response ID” as").inputValue()).toBe("externalId");
      expect(await page.getByLabel("Import “Score” as").inputValue()).toBe("q:nps");
      expect(await page.getByLabel("Import “Comment” as").inputValue()).toBe("q:comment");
      expect(await page.getByLabel("Import “Created At” as").inputValue()).toBe("respondedAt");
      expect(await page.getByLabel("Import “Branch” as").inputValue()).toBe("unit");
      expect(await page.getByLabel("Import “Email” as").inputValue()).toBe("customerEmail");
      expect(await page.getByLabel("Time zone of the file's dates").inputValue()).toBe("UTC");
      await expect.poll(() => page.getByTestId("import-preview").locator("tbody tr").count()).toBe(5);
      await assess(page, "mapping", width);

      await page.getByLabel("Import “Score” as").focus();
      await tabTo(page, "Check the file");
      const errors = page.getByTestId("import-errors");
      await errors.waitFor();
      expect(await errors.textContent()).toContain("Row 4, Score: Question “Recommend us?” (nps): choose one of 0, 1");
      expect(await errors.textContent()).toContain("Nothing was imported");
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-report").click()]);
      const report = readFileSync((await download.path())!, "utf8");
      expect(report.split("\r\n")[0]).toBe("row,column,message");
      expect(report).toMatch(/^4,Score,"Question “Recommend us\?” \(nps\): choose one of 0, 1, .*10\."\r$/m);
      await assess(page, "errors", width);
      expect((await ctx.db.select().from(responses).where(isNotNull(responses.importedAt)).all()).length).toBe(before);

      // The fixed file: every row valid, then imported with a progress bar, remembered mapping and all.
      await page.getByLabel("CSV file", { exact: true }).setInputFiles(fixed);
      await page.getByTestId("import-preview").waitFor();
      await page.getByRole("button", { name: "Check the file" }).click();
      const ready = page.getByTestId("import-ready");
      await ready.waitFor();
      expect(await ready.textContent()).toContain("5 responses will be imported");
      await assess(page, "ready", width);
      await page.keyboard.press("Shift+Tab");
      await tabTo(page, "Import 5 responses");
      await page.getByTestId("import-done").waitFor();
      expect(await page.getByTestId("import-done").textContent()).toContain("Imported 5 responses");
      await assess(page, "done", width);
      const imported = await ctx.db.select().from(responses).where(isNotNull(responses.importedAt)).all();
      expect(imported.length).toBe(before + 5);
      expect(imported.find((r) => r.externalId === "dl-1001" && r.surveyId === surveyId)).toMatchObject({ nps: 10, createdAt: new Date("2025-03-03T09:15:00Z") });

      // The same file again: nothing new, and the page says why.
      await page.getByLabel("CSV file", { exact: true }).setInputFiles(fixed);
      await page.getByRole("button", { name: "Check the file" }).click();
      await ready.waitFor();
      expect(await ready.textContent()).toContain("0 responses will be imported; 5 rows already imported or repeated will be skipped");
      await context.close();
    }, 60_000);
  }
});
