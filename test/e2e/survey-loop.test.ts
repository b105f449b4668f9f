import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { PASSWORD, type TestContext } from "../support/app";
import { chromiumAvailable, launchChromium, signInAs } from "../support/browser";
import { serveTestApp } from "../support/web-server";

let ctx: TestContext;
let stopServer: (() => void) | undefined;
let base: string;
let browser: Browser;

describe.skipIf(!chromiumAvailable)("the survey loop in a browser", () => {
  beforeAll(async () => {
    // The port is known only once listening, and emailed links must name it: bind first, build the app after.
    ({ ctx, base, close: stopServer } = await serveTestApp());
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    stopServer?.();
  });

  async function signIn(role: "admin" | "manager" | "reviewer", viewport = { width: 1280, height: 900 }) {
    const context = await browser.newContext({ viewport });
    return signInAs(await context.newPage(), base, `${role}@test.example`, PASSWORD);
  }

  it("takes a survey from design to a counted response", async () => {
    // Manager: create from the starter, publish, add a rule.
    const manager = await signIn("manager");
    await manager.getByRole("button", { name: /Create your first survey|New survey/ }).click();
    // The ready-made survey is chosen in the dialog unless another template is.
    await manager.getByRole("button", { name: "Create survey" }).click();
    await manager.waitForURL(/\/surveys\/[\w-]+$/);
    const surveyId = manager.url().split("/").pop()!;
    await manager.getByLabel("Title").fill("Counter visit");
    await manager.getByRole("button", { name: "Save draft" }).click();
    await expect.poll(() => manager.getByTestId("notice").textContent()).toContain("saved");
    await manager.getByRole("button", { name: "Publish", exact: true }).click();
    await manager.getByRole("button", { name: "Publish version 1" }).click();
    await expect.poll(() => manager.getByTestId("notice").textContent()).toContain("Published version 1");
    await manager.getByLabel("Delay (minutes)").fill("0");
    await manager.getByRole("button", { name: "Add rule" }).click();
    await manager.getByTestId("rule").first().waitFor();

    // A helpdesk reports an interaction; the dispatcher emails the invitation.
    const ingest = await ctx.request("/api/interactions", {
      apiKey: ctx.apiKey,
      body: { interactions: [{ externalId: "HD-1", occurredAt: new Date(Date.now() - 60_000).toISOString(), type: "enquiry", channel: "email", customer: { email: "pat@example.org" } }] },
    });
    expect(ingest.json).toEqual({ accepted: 1, duplicates: 0, invitations: 1 });
    expect((await runDispatchTick({ ...ctx.deps, now: () => new Date() })).sent).toBe(1);

    // Admin: the link is in the dev mailbox.
    const admin = await signIn("admin");
    await admin.getByRole("link", { name: "Settings" }).click();
    await admin.getByRole("link", { name: "Dev mailbox" }).click();
    await admin.getByTestId("mail-item").first().click();
    const link = await admin.getByTestId("mail-link").first().getAttribute("href");
    expect(link).toMatch(new RegExp(`^${base}/s/[\\w-]{22,}$`));

    // Customer: answers on a phone-sized screen.
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await phone.goto(link!);
    await phone.getByText("How likely are you to recommend us", { exact: false }).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const rating = (question: RegExp, value: string) =>
      phone.locator(".sd-question").filter({ hasText: question }).getByText(value, { exact: true }).first().click();
    await rating(/recommend/, "9");
    await rating(/satisfied/, "5");
    await rating(/easy/, "6");
    await phone.getByRole("textbox").last().fill("Quick and friendly");
    await phone.getByRole("button", { name: "Complete" }).click();
    await phone.getByTestId("thank-you").waitFor();

    // The same link now says it has been answered.
    await phone.reload();
    await expect.poll(() => phone.getByTestId("respond-error").getAttribute("data-reason")).toBeTruthy();

    // Reviewer: the response is counted.
    const reviewer = await signIn("reviewer");
    await reviewer.goto(`${base}/analytics?surveyId=${surveyId}`);
    await expect.poll(() => reviewer.getByTestId("responses-count").textContent(), { timeout: 10_000 }).toBe("1");
    await expect.poll(() => reviewer.getByTestId("metric-nps").textContent()).toContain("+100");
  }, 90_000);

  it("shows a clear page for a link that is not valid", async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`${base}/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
    await page.getByTestId("respond-error").waitFor();
    expect(await page.getByRole("heading").first().textContent()).toContain("isn't valid");
  }, 30_000);
});
