// Importing a CSV file of interactions in the admin app: columns guessed and mapped, broken rows reported (and
// downloadable) with nothing stored, the fixed file imported whole, a second run adding nothing; other encodings read.
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, interactions, invitations } from "../../db/schema";
import { PASSWORD } from "../support/app";
import { chromiumAvailable, launchChromium, seriousAxeViolations, signInAs } from "../support/browser";
import { publishedSurvey } from "../support/factories";
import { serveTestApp } from "../support/web-server";

// Set LAYOUT_SHOTS=/some/folder to keep a screenshot of each step at each width for a person to look at.
const shots = process.env.LAYOUT_SHOTS;
const broken = "test/fixtures/interactions-broken.csv";
const fixed = "test/fixtures/interactions-fixed.csv";
const windows1252 = "test/fixtures/interactions-windows-1252.csv";
const semicolons = "test/fixtures/interactions-bom-semicolons.csv";
// The fixtures' interactions happened in the days before this, so the rule still invites for them.
const now = () => new Date("2026-03-20T12:00:00Z");

let browser: Browser;

async function assess(page: Page, name: string, width: number) {
  if (shots) await page.screenshot({ path: `${shots}/${width}_interactions-import_${name}.png`, fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name} at ${width} px scrolls sideways`).toBe(true);
  expect(await seriousAxeViolations(page), `${name} at ${width} px`).toEqual([]);
}

/** Tabs from the focused element to the button named `name` and presses Enter, as a keyboard user would. */
async function tabTo(page: Page, name: string) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === name) return page.keyboard.press("Enter");
  }
  throw new Error(`no button “${name}” reached by Tab`);
}

const mappedAs = (page: Page, column: string) => page.getByLabel(`Import “${column}” as`, { exact: true }).inputValue();

describe.skipIf(!chromiumAvailable)("the interactions import page", () => {
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const width of [1280, 390]) {
    it(`at ${width} px: maps a file, reports its broken rows, then imports the fixed file whole, and a second run adds nothing`, async () => {
      const served = await serveTestApp({ now });
      const { ctx, base } = served;
      await publishedSurvey(ctx);
      const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
      try {
        const page = await signInAs(await context.newPage(), base, "manager@test.example", PASSWORD);
        await page.goto(`${base}/interactions/import`);
        await page.getByRole("heading", { name: "Import interactions" }).waitFor();
        await assess(page, "empty", width);

        await page.getByLabel("CSV file", { exact: true }).setInputFiles(broken);
        await page.getByTestId("import-mapping").waitFor();
        // Guessed by name; the tier is nobody's field until it is made an attribute.
        expect(await mappedAs(page, "Ticket #")).toBe("externalId");
        expect(await mappedAs(page, "Closed at")).toBe("occurredAt");
        expect(await mappedAs(page, "Category")).toBe("type");
        expect(await mappedAs(page, "Channel")).toBe("channel");
        expect(await mappedAs(page, "Email")).toBe("customer.email");
        expect(await mappedAs(page, "Customer")).toBe("customer.name");
        expect(await mappedAs(page, "Language")).toBe("customer.locale");
        expect(await mappedAs(page, "Time zone")).toBe("customer.timezone");
        expect(await mappedAs(page, "Branch")).toBe("unit");
        expect(await mappedAs(page, "Tier")).toBe("ignore");
        expect(await page.getByLabel("Time zone of the file's dates").inputValue()).toBe("UTC");
        await page.getByLabel("Import “Tier” as").selectOption("attribute");
        await page.getByLabel("Time zone of the file's dates").selectOption("America/New_York");
        await expect.poll(() => page.getByTestId("import-preview").locator("tbody tr").count()).toBe(5);
        expect(await page.getByTestId("import-preview").textContent()).toContain("gold");
        await assess(page, "mapping", width);

        await page.getByLabel("Dates written as").focus();
        await tabTo(page, "Check the file");
        const errors = page.getByTestId("import-errors");
        await errors.waitFor();
        const listed = await errors.textContent();
        expect(listed).toContain("Nothing was imported. 3 problems in 3 rows.");
        expect(listed).toContain("Row 4, Closed at: The date “2026-02-30 10:00” could not be read");
        expect(listed).toContain("Row 5, Email: Enter the customer's email address (customer.email)");
        expect(listed).toContain("Row 7, Time zone: Enter the customer's time zone (customer.timezone)");
        const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-report").click()]);
        expect(download.suggestedFilename()).toBe("interactions-broken-errors.csv");
        const report = readFileSync((await download.path())!, "utf8").split("\r\n");
        expect(report[0]).toBe("row,column,message");
        expect(report.slice(1, 4).map((line) => line.split(",").slice(0, 2).join(","))).toEqual(["4,Closed at", "5,Email", "7,Time zone"]);
        await assess(page, "errors", width);
        expect(await ctx.db.select().from(interactions).all()).toEqual([]);

        // The fixed file starts from the mapping the check saved for the organisation.
        await page.getByLabel("CSV file", { exact: true }).setInputFiles(fixed);
        await page.getByTestId("import-preview").waitFor();
        expect(await mappedAs(page, "Tier")).toBe("attribute");
        expect(await page.getByLabel("Time zone of the file's dates").inputValue()).toBe("America/New_York");
        await page.getByRole("button", { name: "Check the file" }).click();
        const ready = page.getByTestId("import-ready");
        await ready.waitFor();
        expect(await ready.textContent()).toContain("Every row is valid. 8 interactions will be imported, 8 invitations will be scheduled.");
        await assess(page, "ready", width);
        await page.keyboard.press("Shift+Tab");
        await tabTo(page, "Import 8 interactions");
        const done = page.getByTestId("import-done");
        await done.waitFor();
        expect(await done.textContent()).toBe("8 interactions imported, 8 invitations scheduled.");
        await assess(page, "done", width);

        const stored = await ctx.db.select().from(interactions).orderBy(asc(interactions.externalId)).all();
        expect(stored.map((i) => i.externalId)).toEqual(["T-1001", "T-1002", "T-1003", "T-1004", "T-1005", "T-1006", "T-1007", "T-1008"]);
        // 09:30 in New York on 16 March 2026 (daylight saving time since 8 March).
        expect(stored[0]).toMatchObject({ occurredAt: new Date("2026-03-16T13:30:00Z"), type: "complaint", channel: "phone", unit: "North", agent: "Sam", attributes: { Tier: "gold" } });
        expect(await ctx.db.select({ name: customers.name, locale: customers.locale, timeZone: customers.timeZone }).from(customers).where(eq(customers.email, "hana@example.org")).get()).toEqual({
          name: "Hana Kimura, PhD",
          locale: "ja",
          timeZone: "Asia/Tokyo",
        });
        expect(await ctx.db.select().from(invitations).all()).toHaveLength(8);

        // The same file again: nothing new, and the page says why.
        await page.getByLabel("CSV file", { exact: true }).setInputFiles(fixed);
        await page.getByRole("button", { name: "Check the file" }).click();
        await ready.waitFor();
        expect(await ready.textContent()).toContain("0 interactions will be imported, 8 are already there, 0 invitations will be scheduled.");
        expect(await page.getByRole("button", { name: "Import 0 interactions" }).isDisabled()).toBe(true);
      } finally {
        await context.close();
        served.close();
      }
    }, 90_000);
  }

  it("reads a Windows-1252 file with its accents, a semicolon file with day-first dates, and refuses a file over 10,000 rows", async () => {
    const served = await serveTestApp({ now });
    const { ctx, base } = served;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await signInAs(await context.newPage(), base, "admin@test.example", PASSWORD);
      await page.goto(`${base}/interactions/import`);
      await page.getByLabel("CSV file", { exact: true }).setInputFiles(windows1252);
      const notice = page.getByTestId("encoding-notice");
      await notice.waitFor();
      expect(await notice.textContent()).toContain("CSV UTF-8");
      const preview = page.getByTestId("import-preview");
      await preview.waitFor();
      for (const name of ["José Núñez", "Zoë Brontë", "François Dupré", "Søren Ærø"]) expect(await preview.textContent()).toContain(name);
      await assess(page, "windows-1252", 1280);
      await page.getByRole("button", { name: "Check the file" }).click();
      await page.getByRole("button", { name: "Import 4 interactions" }).click();
      await page.getByTestId("import-done").waitFor();
      expect((await ctx.db.select({ name: interactions.customerName, unit: interactions.unit }).from(interactions).where(eq(interactions.externalId, "W-2004")).get())).toEqual({
        name: "Søren Ærø",
        unit: "København",
      });

      await page.getByLabel("CSV file", { exact: true }).setInputFiles(semicolons);
      await page.getByText("separated by semicolons").waitFor();
      expect(await page.getByTestId("encoding-notice").count()).toBe(0);
      expect(await mappedAs(page, "Ref")).toBe("externalId");
      expect(await mappedAs(page, "E-mail")).toBe("customer.email");
      expect(await page.getByLabel("Dates written as").inputValue()).toBe("dmy");
      await page.getByRole("button", { name: "Check the file" }).click();
      await page.getByRole("button", { name: "Import 3 interactions" }).click();
      await page.getByTestId("import-done").waitFor();
      expect((await ctx.db.select({ at: interactions.occurredAt }).from(interactions).where(eq(interactions.externalId, "S-3001")).get())?.at).toEqual(new Date("2026-03-16T09:30:00Z"));

      const tooMany = join(tmpdir(), `interactions-too-many-${process.pid}.csv`);
      writeFileSync(tooMany, `Ref,Date\r\n${Array.from({ length: 10_001 }, (_, i) => `r${i},2026-03-01`).join("\r\n")}\r\n`);
      await page.getByLabel("CSV file", { exact: true }).setInputFiles(tooMany);
      const problem = page.getByTestId("problem-banner");
      await problem.waitFor();
      expect(await problem.textContent()).toContain("more than 10,000 rows, the most one import takes. Split it into files of at most 10,000 rows");
      expect(await page.getByTestId("import-mapping").count()).toBe(0);
    } finally {
      await context.close();
      served.close();
    }
  }, 90_000);

  it("tells a reviewer the page needs the manager or admin role", async () => {
    const served = await serveTestApp();
    const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
    try {
      const page = await signInAs(await context.newPage(), served.base, "reviewer@test.example", PASSWORD);
      await page.goto(`${served.base}/interactions/import`);
      await page.getByText("Importing interactions needs the manager or admin role; you are signed in as reviewer.").waitFor();
      await assess(page, "reviewer", 390);
    } finally {
      await context.close();
      served.close();
    }
  }, 60_000);
});
