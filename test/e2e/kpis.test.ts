// KPIs and benchmarks in the browser: a manager sets a KPI (one field rejected beside its input), reads its status
// with the reason, changes it and archives it after confirming; a reviewer reads the page with no controls to change
// it; benchmarks gain a series, a figure and a CSV import whose wrong row is named before the good file's counts.
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../support/app";
import { chromiumAvailable, launchChromium, signInAs } from "../support/browser";
import { tabTo, fitsAndPasses as checkPage } from "../support/page-checks";
import { publishedSurvey } from "../support/factories";
import { serveTestApp, type ServedApp } from "../support/web-server";

// Set KPI_SHOTS=/some/folder to keep screenshots of each page at both widths for a person to look at.
const shots = process.env.KPI_SHOTS;
const fitsAndPasses = (page: Page, name: string) => checkPage(page, name, shots);

let served: ServedApp;
let browser: Browser;

async function signedIn(email: string, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  return signInAs(await context.newPage(), served.base, email, PASSWORD);
}

describe.skipIf(!chromiumAvailable)("KPIs and benchmarks in the admin app", () => {
  beforeAll(async () => {
    served = await serveTestApp();
    browser = await launchChromium();
    if (shots) mkdirSync(shots, { recursive: true });
    const surveyId = await publishedSurvey(served.ctx);
    // Answered an hour ago: in the current period whatever the day of the month.
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const responses = Array.from({ length: 12 }, (_, i) => ({ externalId: `kpi-${i}`, respondedAt: at, answers: { nps: i < 8 ? 10 : 2 } }));
    const res = await served.ctx.request("/api/responses/import", { as: "admin", body: { surveyId, responses } });
    expect(res.status, res.text).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    served?.close();
  });

  it("lets a manager add a KPI, see its status with the reason, change it and archive it after confirming", async () => {
    const page = await signedIn("manager@test.example", 1280);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "KPIs" }).click();
    await page.getByRole("heading", { name: "KPIs", level: 1 }).waitFor();
    await page.getByTestId("kpis-empty").getByText("A KPI is a figure your organisation commits to").waitFor();
    await fitsAndPasses(page, "kpis-1280-empty");

    // By keyboard: from the heading to the empty state's button, and the form takes focus at its heading.
    await tabTo(page, "Add a KPI");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Add a KPI", level: 2 }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("kpi-form-heading");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("kpi-name");
    await page.keyboard.type("NPS, whole organisation");

    const form = page.getByTestId("kpi-form");
    expect(await form.getByLabel("Metric").inputValue()).toBe("nps");
    await form.getByLabel("Target").fill("30");
    // On the wrong side of the target: the server says so beside the warning field, and nothing is saved.
    await form.getByLabel("Warning level").fill("50");
    await form.getByRole("button", { name: "Add KPI" }).click();
    const warningError = page.locator("#kpi-warning-error");
    await warningError.waitFor();
    expect(await warningError.textContent()).toMatch(/warning/i);
    expect(await form.getByLabel("Warning level").getAttribute("aria-invalid")).toBe("true");
    expect(await form.getByLabel("Warning level").getAttribute("aria-describedby")).toContain("kpi-warning-error");
    await fitsAndPasses(page, "kpis-1280-form-error");

    await form.getByLabel("Warning level").fill("10");
    await form.getByRole("button", { name: "Add KPI" }).click();
    await page.getByTestId("notice").getByText("“NPS, whole organisation” added.").waitFor();
    const row = page.getByTestId("kpi-row");
    expect(await row.count()).toBe(1);
    expect(await row.getByRole("rowheader").textContent()).toBe("NPS, whole organisationNet Promoter ScoreWhole organisation · every survey");
    expect(await row.getByTestId("kpi-goal").textContent()).toBe("Target at least 30 NPS pointsWarning below 10 NPS points; reviewed each month");
    // 8 promoters and 4 detractors: +33 on 12 answers, an interval far too wide to call either way.
    const current = row.getByTestId("kpi-current");
    expect(await current.textContent()).toMatch(/^So far: .+ to .+33.3 NPS points95 % interval .+ to .+; n = 12Amber: watch.+/);
    expect(await current.locator(".kpi-reason").textContent()).not.toBe("");
    expect(await row.getByTestId("kpi-last").textContent()).toMatch(/^Complete: .+—no answers yetNo data/);
    await fitsAndPasses(page, "kpis-1280-listed");

    await row.getByRole("button", { name: "Edit NPS, whole organisation" }).click();
    await page.getByRole("heading", { name: "Change “NPS, whole organisation”", level: 2 }).waitFor();
    expect(await form.getByLabel("Target").inputValue()).toBe("30");
    await form.getByLabel("Target").fill("20");
    await form.getByRole("button", { name: "Save KPI" }).click();
    await page.getByTestId("notice").getByText("“NPS, whole organisation” saved.").waitFor();
    await expect.poll(() => row.getByTestId("kpi-goal").textContent()).toMatch(/^Target at least 20 NPS points/);

    await row.getByRole("button", { name: "Archive NPS, whole organisation" }).click();
    const dialog = page.getByTestId("confirm-dialog");
    await dialog.getByRole("heading", { name: "Archive “NPS, whole organisation”?" }).waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect(await row.count()).toBe(1);
    await row.getByRole("button", { name: "Archive NPS, whole organisation" }).click();
    await dialog.getByRole("button", { name: "Archive KPI" }).click();
    await page.getByTestId("notice").getByText("“NPS, whole organisation” archived.").waitFor();
    await page.getByTestId("kpis-empty").waitFor();
    await page.context().close();
  }, 60_000);

  it("shows a reviewer the KPIs with their status and no controls to change them", async () => {
    const made = await served.ctx.request("/api/kpis", {
      as: "manager",
      body: { name: "Resolve cases fast", metric: "case-resolve-median", target: 48, warning: 72, direction: "lower", period: "quarter" },
    });
    expect(made.status, made.text).toBe(201);
    for (const width of [1280, 390]) {
      const page = await signedIn("reviewer@test.example", width);
      await page.goto(`${served.base}/kpis`);
      const row = page.getByTestId("kpi-row").filter({ hasText: "Resolve cases fast" });
      await row.waitFor();
      expect(await row.getByTestId("kpi-goal").textContent()).toBe("Target at most 48 hoursWarning above 72 hours; reviewed each quarter");
      expect(await row.getByTestId("kpi-current").textContent()).toContain("No data");
      await page.getByTestId("read-only-note").waitFor();
      expect(await page.getByRole("button", { name: /^(Add a KPI|Edit|Archive)/ }).count()).toBe(0);
      await fitsAndPasses(page, `kpis-${width}-reviewer`);
      await page.context().close();
    }
  }, 60_000);

  it("keeps a competitor series with its figures, and imports a CSV only once every row is right", async () => {
    const page = await signedIn("manager@test.example", 1280);
    await page.goto(`${served.base}/kpis`);
    await page.getByRole("link", { name: "benchmarks" }).click();
    await page.getByRole("heading", { name: "Benchmarks", level: 1 }).waitFor();
    await page.getByTestId("benchmarks-empty").waitFor();
    await fitsAndPasses(page, "benchmarks-1280-empty");

    const seriesForm = page.getByTestId("series-form");
    await seriesForm.getByRole("button", { name: "Add series" }).click();
    await page.locator("#series-name-error").getByText("Name the series, e.g. the competitor.").waitFor();
    await seriesForm.getByLabel("Name").fill("Acme Bank");
    await seriesForm.getByLabel("Kind").selectOption("competitor");
    await seriesForm.getByLabel("Metric").selectOption("nps");
    await seriesForm.getByRole("button", { name: "Add series" }).click();
    const acme = page.getByTestId("benchmark-series").filter({ hasText: "Acme Bank" });
    await acme.getByTestId("points-empty").waitFor();
    expect(await acme.locator("p.muted").first().textContent()).toBe("Competitor · Net Promoter Score");

    await acme.getByLabel("As of").fill("2026-09-30");
    await acme.getByLabel("Value").fill("31.5");
    await acme.getByLabel("Source").fill("Industry NPS report 2026, p. 12");
    await acme.getByRole("button", { name: "Add figure" }).click();
    const point = acme.getByTestId("point-row");
    await point.waitFor();
    expect(await point.textContent()).toMatch(/^30 Sep 202631.5 NPS pointsIndustry NPS report 2026, p. 12/);

    // Changing a figure keeps its day; deleting one asks first.
    await point.getByRole("button", { name: "Edit the figure for 30 Sep 2026" }).click();
    // The form takes the figure, and focus lands on its value, ready to type.
    expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/-value$/);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe("31.5");
    await acme.getByLabel("Value").fill("32");
    await acme.getByRole("button", { name: "Save figure" }).click();
    await expect.poll(() => point.textContent()).toMatch(/^30 Sep 202632 NPS points/);
    await point.getByRole("button", { name: "Delete the figure for 30 Sep 2026" }).click();
    const dialog = page.getByTestId("confirm-dialog");
    await dialog.getByRole("heading", { name: "Delete the figure for 30 Sep 2026?" }).waitFor();
    await dialog.getByRole("button", { name: "Delete figure" }).click();
    await acme.getByTestId("points-empty").waitFor();

    const importer = page.getByTestId("benchmark-import");
    await importer.getByText("series, kind (competitor or industry), metric", { exact: false }).waitFor();
    const header = "series,kind,metric,as_of,value,source";
    await importer.getByLabel("Or paste the rows").fill(`${header}\nAcme Bank,competitor,nps,2026-06-30,29,Industry NPS report 2026\nBanking average,industry,nps,2026-06-30,lots,Sector survey`);
    await importer.getByRole("button", { name: "Import" }).click();
    const errors = importer.getByTestId("import-errors");
    await errors.getByText("Row 3: write the value as a number such as 31.5, not “lots”.").waitFor();
    expect(await errors.textContent()).toContain("Nothing was imported.");
    await fitsAndPasses(page, "benchmarks-1280-import-error");

    await importer.getByLabel("Or paste the rows").fill(`${header}\nAcme Bank,competitor,nps,2026-06-30,29,Industry NPS report 2026\nBanking average,industry,nps,2026-06-30,24,Sector survey`);
    await importer.getByRole("button", { name: "Import" }).click();
    const result = importer.getByTestId("import-result");
    await result.waitFor();
    expect(await result.textContent()).toMatch(/^Imported\. .+ Series: 1 new, 1 existing\. Figures: 2 new, 0 changed, 0 unchanged\.$/);
    expect(await importer.getByTestId("import-errors").count()).toBe(0);
    await page.getByTestId("benchmark-series").filter({ hasText: "Banking average" }).getByTestId("point-row").waitFor();
    await fitsAndPasses(page, "benchmarks-1280-imported");

    // The series goes only after a confirmation.
    await acme.getByRole("button", { name: "Delete series Acme Bank" }).click();
    await dialog.getByRole("button", { name: "Delete series" }).click();
    await expect.poll(() => page.getByTestId("benchmark-series").count()).toBe(1);
    await page.context().close();

    const phone = await signedIn("manager@test.example", 390);
    await phone.goto(`${served.base}/kpis/benchmarks`);
    await phone.getByTestId("point-row").waitFor();
    await fitsAndPasses(phone, "benchmarks-390");
    await phone.context().close();
  }, 90_000);
});
