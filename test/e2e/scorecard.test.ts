// Scorecards in the browser: an agent not yet linked to a staff record is told whom to ask; once linked, they land on
// their own figures, trend and comments and are turned away from the KPIs; a manager opens the same agent's card.
import { mkdirSync } from "node:fs";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../db/schema";
import { PASSWORD } from "../support/app";
import { chromiumAvailable, launchChromium, seriousAxeViolations, signInAs } from "../support/browser";
import { fitsAndPasses as checkPage } from "../support/page-checks";
import { publishedSurvey } from "../support/factories";
import { serveTestApp, type ServedApp } from "../support/web-server";

// Set KPI_SHOTS=/some/folder to keep screenshots of each page at both widths for a person to look at.
const shots = process.env.KPI_SHOTS;
const fitsAndPasses = (page: Page, name: string) => checkPage(page, name, shots);

let served: ServedApp;
let browser: Browser;
let ann = "";

async function signedIn(email: string, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  return signInAs(await context.newPage(), served.base, email, PASSWORD);
}

const linkAgent = (agentId: string | null) => served.ctx.db.update(users).set({ agentId }).where(eq(users.email, "agent@test.example")).run();

describe.skipIf(!chromiumAvailable)("staff scorecards in the admin app", () => {
  beforeAll(async () => {
    served = await serveTestApp();
    browser = await launchChromium();
    if (shots) mkdirSync(shots, { recursive: true });
    const surveyId = await publishedSurvey(served.ctx);
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000 - 3_600_000).toISOString();
    const rows = [
      { at: day(40), agent: "Ann", nps: 10, csat: 5, comment: "Ann sorted it in minutes" },
      { at: day(35), agent: "Ann", nps: 9, csat: 4 },
      { at: day(10), agent: "Ann", nps: 3, csat: 2, comment: "Waited too long on hold" },
      { at: day(2), agent: "Ann", nps: 10, csat: 5, comment: "Best service in town" },
      { at: day(3), agent: "Bob", nps: 0, csat: 1, comment: "Bob never called back" },
    ];
    const responses = rows.map((r, i) => ({ externalId: `sc-${i}`, respondedAt: r.at, answers: { nps: r.nps, csat: r.csat, ...(r.comment && { comment: r.comment }) }, agent: r.agent }));
    const res = await served.ctx.request("/api/responses/import", { as: "admin", body: { surveyId, responses } });
    expect(res.status, res.text).toBe(201);
    const filters = await served.ctx.request("/api/analytics/filters", { as: "admin" });
    ann = (filters.json.agents as { id: string; name: string }[]).find((a) => a.name === "Ann")!.id;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    served?.close();
  });

  it("tells an agent whose account is not linked to ask an admin to link it", async () => {
    await linkAgent(null);
    const page = await signedIn("agent@test.example", 390);
    // Agents land on their cases; the scorecard is one link away.
    await page.waitForURL(/\/cases/);
    await page.goto(`${served.base}/scorecard`);
    await page.getByRole("heading", { name: "My scorecard", level: 1 }).waitFor();
    expect(await page.getByTestId("scorecard-not-linked").textContent()).toMatch(/not linked to your staff record.+Ask an admin to link it on the People page/);
    await fitsAndPasses(page, "scorecard-390-not-linked");
    await page.context().close();
  });

  it("shows a linked agent their own figures, trend and comments, and keeps the KPIs from them", async () => {
    await linkAgent(ann);
    for (const width of [1280, 390]) {
      const page = await signedIn("agent@test.example", width);
      await page.waitForURL(/\/cases/);
      await page.goto(`${served.base}/scorecard`);
      await page.getByTestId("scorecard-nps").waitFor();
      expect(await page.getByTestId("scorecard-period").textContent()).toMatch(/^Ann, .+: 4 responses\./);
      // Three promoters and one detractor: +50, with the wide interval 4 answers leave.
      expect(await page.getByTestId("scorecard-nps").textContent()).toMatch(/^Net Promoter Score\+50.*95 % interval .+ to .+; n = 4$/);
      expect(await page.getByTestId("scorecard-csat").textContent()).toMatch(/^CSAT, satisfied \(4–5\)75%.*n = 4$/);
      const comments = await page.getByTestId("scorecard-comment").locator("blockquote").allTextContents();
      expect(comments).toEqual(["Best service in town", "Waited too long on hold", "Ann sorted it in minutes"]);
      expect(await page.locator("main").textContent()).not.toContain("Bob");
      const trend = page.getByTestId("scorecard-trend");
      expect(await trend.locator("tbody tr").count()).toBeGreaterThanOrEqual(2);
      await page.getByTestId("trend-chart").waitFor();
      await fitsAndPasses(page, `scorecard-${width}-agent`);

      if (width === 1280) {
        const nav = page.getByRole("navigation", { name: "Main" });
        expect(await nav.getByRole("link", { name: "KPIs" }).count()).toBe(0);
        expect(await nav.getByRole("link", { name: "My scorecard" }).getAttribute("aria-current")).toBe("page");
        // By keyboard, the period changes and the figures read again.
        await page.getByLabel("Period").focus();
        await page.keyboard.press("ArrowDown");
        await expect.poll(() => page.getByLabel("Period").inputValue()).toBe("12m");
        await page.getByTestId("scorecard-nps").waitFor();

        await page.goto(`${served.base}/kpis`);
        expect(await page.getByTestId("not-for-role").textContent()).toMatch(/^KPIs are not for your role: .+signed in as agent\.$/);
        expect(await page.getByRole("table").count()).toBe(0);
        await page.goto(`${served.base}/staff/${ann}/scorecard`);
        expect(await page.getByTestId("not-for-role").textContent()).toMatch(/^Staff scorecards are not for your role/);
        expect(await seriousAxeViolations(page)).toEqual([]);
      }
      await page.context().close();
    }
  }, 60_000);

  it("lets a manager open an agent's scorecard", async () => {
    const page = await signedIn("manager@test.example", 1280);
    await page.goto(`${served.base}/staff/${ann}/scorecard`);
    await page.getByRole("heading", { name: "Ann's scorecard", level: 1 }).waitFor();
    expect(await page.getByTestId("scorecard-nps").textContent()).toContain("n = 4");
    await fitsAndPasses(page, "scorecard-1280-manager");
    await page.goto(`${served.base}/scorecard`);
    expect(await page.getByTestId("not-for-role").textContent()).toContain("signed in as manager");
    await page.context().close();
  });
});
