// The respondent page before and without its script: the server's plain form answered and sent with JavaScript
// off, checked by the server's rules; and SurveyJS taking over a form already in use, keeping what was tapped,
// what was typed and where the caret was.
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invitations, partialResponses, responses } from "../../db/schema";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { chromiumAvailable, launchChromium, seriousAxeViolations } from "../support/browser";
import { interaction, mailTo, surveyDefinition } from "../support/factories";
import { serveTestApp, type ServedApp } from "../support/web-server";

let served: ServedApp;
let browser: Browser;
const shots = process.env.SCREENSHOTS;

async function invite(email: string, definition: Record<string, unknown> = surveyDefinition()) {
  const { ctx, base } = served;
  const created = await ctx.request("/api/surveys", { as: "manager", body: { title: "After-service", definition } });
  await ctx.request(`/api/surveys/${created.json.id}/publish`, { as: "manager", body: {} });
  await ctx.request(`/api/surveys/${created.json.id}/rules`, { as: "manager", body: { match: { types: [email] }, delayMinutes: 0, expiresAfterDays: 7 } });
  await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ type: email, customer: { email } })] } });
  await runDispatchTick({ ...ctx.deps, now: () => new Date() });
  const [mail] = await mailTo(ctx.db, email);
  const token = /\/s\/([\w-]+)/.exec(mail!.text!)![1]!;
  return { token, url: `${base}/s/${token}` };
}

async function expectAxeClean(page: Page, state: string) {
  expect(await seriousAxeViolations(page), state).toEqual([]);
}

describe.skipIf(!chromiumAvailable)("the respondent page's plain form", () => {
  beforeAll(async () => {
    served = await serveTestApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    served?.close();
  });

  it("is answered and sent without its script, checked by the server's rules, at 390 px", async () => {
    const { token, url } = await invite("nojs@example.org");
    // The page's scripts never arrive (axe itself needs the page's JavaScript to run, so it is not switched off).
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.route(/\/assets\/[^/]+\.js$/, (route) => route.abort());
    await page.goto(url);
    const nps = page.getByRole("group", { name: /Recommend us\?/ });
    await nps.waitFor();
    // Numbers a thumb can hit, the whole scale within the screen.
    const box = (await nps.locator(".plain-point").first().boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    if (shots) await page.screenshot({ path: `${shots}/plain-390.png`, fullPage: true });

    // Sent at once with nothing chosen: the browser's own check is stepped around, as a scanner or old browser would.
    await page.evaluate(() => document.querySelector("form")!.setAttribute("novalidate", ""));
    await page.waitForTimeout(1600);
    await page.getByRole("button", { name: "Send" }).click();
    const problem = page.getByTestId("submit-problem");
    await problem.waitFor();
    expect(await problem.textContent()).toContain("Recommend us? — Please answer this question.");
    expect(await nps.getAttribute("aria-invalid")).toBe("true");
    await expectAxeClean(page, "error");
    if (shots) await page.screenshot({ path: `${shots}/plain-error-390.png`, fullPage: true });

    await nps.getByText("9", { exact: true }).click();
    await page.getByLabel("Anything else?").fill("Quick, thanks");
    await page.waitForTimeout(1600);
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByTestId("thank-you").waitFor();
    await expectAxeClean(page, "thanks");
    const [stored] = await served.ctx.db.select().from(responses).where(eq(responses.orgId, served.ctx.orgId)).all();
    expect(stored!.data).toEqual({ nps: 9, comment: "Quick, thanks" });

    await page.goto(url);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("already answered");
    await expectAxeClean(page, "answered");
    await context.close();
    expect(token).toBeTruthy();

    // And with JavaScript switched off altogether.
    const off = await invite("js-off@example.org");
    const noScript = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(`${off.url}?rating=6`);
    await plain.waitForTimeout(1600);
    await plain.getByRole("button", { name: "Send" }).click();
    await plain.getByTestId("thank-you").waitFor();
    const sent = await served.ctx.db.select().from(responses).where(eq(responses.customerEmail, "js-off@example.org")).all();
    expect(sent.map((r) => r.nps)).toEqual([6]);
    await noScript.close();
  }, 60_000);

  it("is taken over by SurveyJS keeping the number tapped, the words typed, and the caret, then saved as the person's own", async () => {
    const { token, url } = await invite("takeover@example.org");
    for (const width of [390, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      // SurveyJS held back until the person has answered on the plain form, as on a slow phone.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await page.route(/\/assets\/respond-start-[^/]+\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      const surveyRead = page.waitForResponse((r) => r.url().includes("/api/public/invitations/") && r.request().method() === "GET");
      await page.goto(url);
      const nps = page.getByRole("group", { name: /Recommend us\?/ });
      const visitedAt = async () => (await served.ctx.db.select({ at: invitations.visitedAt }).from(invitations).where(eq(invitations.email, "takeover@example.org")).get())!.at;
      // Loaded, scripts and all, is not opened: a link scanner does as much. The first tap is.
      await surveyRead;
      if (width === 390) expect(await visitedAt()).toBeNull();
      await nps.getByText(width === 390 ? "8" : "7", { exact: true }).click();
      await expect.poll(visitedAt).toBeInstanceOf(Date);
      const comment = page.getByLabel("Anything else?");
      await comment.fill("Friendly staff");
      await comment.press("ArrowLeft");
      await comment.press("ArrowLeft");
      await expectAxeClean(page, `plain form at ${width}`);

      release();
      await page.locator(".sd-root-modern").waitFor();
      await expect.poll(() => page.locator("form.plain-survey").count()).toBe(0);
      const chosen = page.locator('.sd-question[data-name="nps"] .sd-rating__item--selected');
      expect(await chosen.textContent()).toBe(width === 390 ? "8" : "7");
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLTextAreaElement;
        return { tag: el.tagName, value: el.value, caret: el.selectionStart };
      });
      expect(focused).toEqual({ tag: "TEXTAREA", value: "Friendly staff", caret: "Friendly staff".length - 2 });
      // What the person did before SurveyJS arrived is theirs: saved like any answer.
      await expect
        .poll(async () => (await served.ctx.db.select().from(partialResponses).all()).map((p) => p.data).filter((d) => "comment" in d), { timeout: 10_000 })
        .toEqual([{ nps: width === 390 ? 8 : 7, comment: "Friendly staff" }]);
      await expectAxeClean(page, `after takeover at ${width}`);
      await context.close();
    }
    expect(token).toBeTruthy();
  }, 60_000);

  it("keeps the server's form when the survey cannot be fetched for SurveyJS, and it still sends", async () => {
    const { url } = await invite("kept@example.org");
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    // The script's own read of the survey refused, as the rate limit or a dropped connection would.
    await page.route(/\/api\/public\/invitations\/[^/]+$/, (route) =>
      route.request().method() === "GET" ? route.fulfill({ status: 429, contentType: "application/problem+json", body: JSON.stringify({ title: "Too many requests", status: 429 }) }) : route.continue(),
    );
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    expect(await page.locator("form.plain-survey").count()).toBe(1);
    expect(await page.getByTestId("respond-error").isVisible()).toBe(false);
    await page.getByRole("group", { name: /Recommend us\?/ }).getByText("7", { exact: true }).click();
    await page.waitForTimeout(1600);
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByTestId("thank-you").waitFor();
    await context.close();
  }, 60_000);

  it("lays the scale out from the right on a right-to-left page, as SurveyJS will, its English question left to right", async () => {
    const { url } = await invite("rtl@example.org");
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false, locale: "ar" });
    const page = await context.newPage();
    await page.goto(url);
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    const points = page.getByRole("group", { name: /Recommend us\?/ }).locator(".plain-point");
    const [zero, one] = [(await points.nth(0).boundingBox())!, (await points.nth(1).boundingBox())!];
    expect(zero.x).toBeGreaterThan(one.x);
    // The English question text starts at the card's left edge: its own direction, not the page's.
    const textLeft = await page.locator(".plain-title").first().evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return range.getClientRects()[0]!.left - el.getBoundingClientRect().left;
    });
    expect(textLeft).toBeLessThan(5);
    await context.close();
  });

  it("sends a form submitted before SurveyJS arrives through the server, once", async () => {
    const { url } = await invite("early@example.org");
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.route(/\/assets\/respond-start-[^/]+\.js$/, () => undefined);
    await page.goto(`${url}?rating=10`);
    const nps = page.getByRole("group", { name: /Recommend us\?/ });
    expect(await nps.getByRole("radio", { name: "10" }).isChecked()).toBe(true);
    await page.waitForTimeout(1600);
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByTestId("thank-you").waitFor();
    const stored = await served.ctx.db.select().from(responses).where(eq(responses.customerEmail, "early@example.org")).all();
    expect(stored.map((r) => r.nps)).toEqual([10]);
    await context.close();
  });
});
