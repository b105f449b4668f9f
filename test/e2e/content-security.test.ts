// The strict Content-Security-Policy in Chromium: the admin app, the editor preview, the dev mailbox and
// the respondent page all work under it with no violation, served compressed as the Node server does.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { PASSWORD, type TestContext } from "../support/app";
import { chromiumAvailable, launchChromium, signInAs } from "../support/browser";
import { serveTestApp } from "../support/web-server";
import { surveyDefinition } from "../support/factories";

let ctx: TestContext;
let stopServer: (() => void) | undefined;
let base: string;
let browser: Browser;
const violations: string[] = [];

// Chromium reports every refused script, style, frame or image on the console, from frames too.
function watch(page: Page) {
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(`${page.url()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => violations.push(`${page.url()}: ${err.message}`));
  return page;
}

describe.skipIf(!chromiumAvailable)("the content security policy in a browser", () => {
  beforeAll(async () => {
    ({ ctx, base, close: stopServer } = await serveTestApp({ compress: true }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    stopServer?.();
  });

  async function signIn(role: "admin" | "manager") {
    const page = watch(await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage());
    return signInAs(page, base, `${role}@test.example`, PASSWORD);
  }

  it("would notice a violation: an injected inline script is refused and reported", async () => {
    const page = await (await browser.newContext()).newPage();
    const seen: string[] = [];
    page.on("console", (msg) => seen.push(msg.text()));
    await page.goto(`${base}/login`);
    await page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "document.body.dataset.ran = 'yes'";
      document.body.append(s);
    });
    await expect.poll(() => seen.some((t) => /Content Security Policy/.test(t))).toBe(true);
    expect(await page.evaluate(() => document.body.dataset.ran)).toBeUndefined();
  });

  it("runs the admin app, the editor preview, the dev mailbox and the respondent page without a violation", async () => {
    // Rating buttons even on a phone, where SurveyJS would otherwise fold 0-10 into a dropdown.
    const definition = surveyDefinition();
    for (const q of definition.pages[0]!.elements) Object.assign(q, { displayMode: "buttons" });
    const surveyId: string = (await ctx.request("/api/surveys", { as: "manager", body: { title: "After-service", definition } })).json.id;
    expect((await ctx.request(`/api/surveys/${surveyId}/publish`, { as: "manager", body: {} })).status).toBe(201);
    expect((await ctx.request(`/api/surveys/${surveyId}/rules`, { as: "manager", body: { match: {}, delayMinutes: 0, expiresAfterDays: 7 } })).status).toBe(201);

    const manager = await signIn("manager");
    await manager.goto(`${base}/surveys/${surveyId}`);
    const preview = manager.getByTestId("survey-preview");
    await preview.locator(".sd-rating__item").first().waitFor();
    // survey-core's run-time <style> with its theme variables took effect: the rating items have a shape.
    expect(await preview.locator(".sd-rating__item").first().evaluate((el) => getComputedStyle(el).borderRadius)).not.toBe("0px");
    await manager.goto(`${base}/analytics?surveyId=${surveyId}`);
    await manager.getByRole("heading").first().waitFor();

    await ctx.request("/api/interactions", {
      apiKey: ctx.apiKey,
      body: { interactions: [{ externalId: "CSP-1", occurredAt: new Date(Date.now() - 60_000).toISOString(), type: "enquiry", channel: "email", customer: { email: "pat@example.org" } }] },
    });
    expect((await runDispatchTick({ ...ctx.deps, now: () => new Date() })).sent).toBe(1);

    const admin = await signIn("admin");
    await admin.getByRole("link", { name: "Settings" }).click();
    await admin.getByRole("link", { name: "Dev mailbox" }).click();
    await admin.getByTestId("mail-item").first().click();
    // The email's own inline styles apply inside the sandboxed frame, which inherits the page's policy.
    const mail = admin.frameLocator("iframe.mail-html");
    await mail.locator("h1").waitFor();
    expect(await mail.locator("h1").evaluate((el) => getComputedStyle(el).fontSize)).toBe("20px");
    const link = await admin.getByTestId("mail-link").first().getAttribute("href");
    await admin.getByRole("link", { name: "Settings" }).click();
    await admin.getByRole("link", { name: "API keys" }).click();
    await admin.getByRole("heading").first().waitFor();

    const phone = watch(await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage());
    const page = await phone.goto(link!);
    expect(page?.headers()["referrer-policy"]).toBe("no-referrer");
    await phone.locator(".sd-rating__item").first().waitFor();
    await phone.locator(".sd-question").filter({ hasText: /Recommend/ }).getByText("9", { exact: true }).first().click();
    await phone.getByRole("button", { name: "Complete" }).click();
    await phone.getByTestId("thank-you").waitFor();

    expect(violations).toEqual([]);
  }, 90_000);
});
