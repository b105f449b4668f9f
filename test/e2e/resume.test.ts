// Answers saved as the customer goes: resumed after a reload, merged across two tabs, and never dropped silently.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import type { TestContext } from "../support/app";
import { PASSWORD } from "../support/app";
import { chromiumAvailable, launchChromium, seriousAxeViolations, signInAs } from "../support/browser";
import { interaction, publishedSurvey, tokenFromMailbox } from "../support/factories";
import { serveTestApp } from "../support/web-server";

let ctx: TestContext;
let stopServer: (() => void) | undefined;
let base: string;
let browser: Browser;
let surveyId: string;

const question = (page: Page, title: string) => page.locator(".sd-question").filter({ hasText: title });
const pick = (page: Page, title: string, value: string) => question(page, title).getByText(value, { exact: true }).first().click();
const picked = (page: Page, title: string) => question(page, title).locator(".sd-rating__item--selected").textContent();
const saved = (page: Page) => expect.poll(() => page.getByTestId("save-state").textContent(), { timeout: 10_000 }).toBe("Saved");

const shoot = async (page: Page, name: string) => {
  if (process.env.RESUME_SCREENSHOTS) await page.screenshot({ path: `${process.env.RESUME_SCREENSHOTS}/${name}.png`, fullPage: true });
};

describe.skipIf(!chromiumAvailable)("stopping and coming back to a survey", () => {
  beforeAll(async () => {
    ({ ctx, base, close: stopServer } = await serveTestApp());
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    stopServer?.();
  });

  it("resumes after a reload, merges a second tab's answers, and tells a stale tab the survey was already answered", async () => {
    surveyId = await publishedSurvey(ctx);
    const email = "resume@example.org";
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ customer: { email } })] } });
    await runDispatchTick({ ...ctx.deps, now: () => new Date() });
    const link = `${base}/s/${await tokenFromMailbox(ctx, email)}`;
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });

    const first = await phone.newPage();
    await first.goto(link);
    await pick(first, "Recommend us?", "9");
    await saved(first);
    await first.reload();
    await expect.poll(() => picked(first, "Recommend us?")).toBe("9");
    await shoot(first, "resumed-390");

    const second = await phone.newPage();
    await second.goto(link);
    await expect.poll(() => picked(second, "Recommend us?")).toBe("9");
    await pick(second, "Satisfied?", "4");
    await saved(second);

    await first.bringToFront();
    await pick(first, "Easy?", "6");
    const notice = first.getByTestId("merge-notice");
    await notice.waitFor();
    expect(await notice.textContent()).toContain("Your answers from another tab or device were loaded");
    await saved(first);
    expect(await picked(first, "Recommend us?")).toBe("9");
    expect(await picked(first, "Satisfied?")).toBe("4");
    expect(await picked(first, "Easy?")).toBe("6");
    expect(await seriousAxeViolations(first)).toEqual([]);
    await shoot(first, "merged-390");

    // A third tab, opened now, has nothing of its own when the first one submits.
    const third = await phone.newPage();
    await third.goto(link);
    await expect.poll(() => picked(third, "Easy?")).toBe("6");

    await first.bringToFront();
    await first.getByRole("button", { name: "Complete" }).click();
    await first.getByTestId("thank-you").waitFor();
    const [stored] = (await ctx.request("/api/responses?limit=5", { as: "admin" })).json.items;
    expect(stored.scores.map((s: { question: string; value: number }) => [s.question, s.value])).toEqual([["nps", 9], ["csat", 4], ["ces", 6]]);

    await second.bringToFront();
    await question(second, "Anything else?").getByRole("textbox").fill("Typed too late");
    await second.keyboard.press("Tab");
    const lost = second.getByTestId("respond-error");
    await lost.waitFor({ timeout: 10_000 });
    expect(await lost.getAttribute("data-reason")).toBe("answered");
    expect(await second.getByTestId("respond-note").textContent()).toContain("Your last changes on this page were not included");
    expect(await seriousAxeViolations(second)).toEqual([]);
    await shoot(second, "answered-lost-390");

    await third.bringToFront();
    await third.getByRole("button", { name: "Complete" }).click();
    await third.getByTestId("respond-error").waitFor();
    expect(await third.getByTestId("respond-note").textContent()).toContain("Nothing you typed here was lost");
    expect(await seriousAxeViolations(third)).toEqual([]);
    await shoot(third, "answered-kept-390");
    await phone.close();
  }, 90_000);

  it("shows reviewers where customers stopped, saved answers included, and asks for a survey when none is chosen", async () => {
    const email = "stopped@example.org";
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ customer: { email } })] } });
    await runDispatchTick({ ...ctx.deps, now: () => new Date() });
    const token = await tokenFromMailbox(ctx, email);
    const saved = await ctx.request(`/api/public/invitations/${token}/progress`, { method: "PUT", body: { data: { nps: 3 }, currentPage: 0, furthestPage: 0, revision: 0 } });
    expect(saved.status).toBe(200);

    for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
      const context = await browser.newContext({ viewport });
      const page = await signInAs(await context.newPage(), base, "reviewer@test.example", PASSWORD);
      await page.goto(`${base}/analytics`);
      await page.getByTestId("dropoff-empty").waitFor();
      expect(await page.getByTestId("dropoff-empty").textContent()).toContain("Choose a survey");

      await page.goto(`${base}/analytics?surveyId=${surveyId}`);
      const table = page.getByTestId("dropoff-table");
      await table.waitFor();
      const rows = await table.locator("tbody tr").allTextContents();
      expect(rows[0]).toMatch(/Recommend us\?.*22100%/);
      expect(rows[3]).toMatch(/Anything else\?.*20/);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.getByTestId("section-dropoff").scrollIntoViewIfNeeded();
      if (process.env.RESUME_SCREENSHOTS) await page.getByTestId("section-dropoff").screenshot({ path: `${process.env.RESUME_SCREENSHOTS}/dropoff-${viewport.width}.png` });
      await context.close();
    }
  }, 60_000);
});
