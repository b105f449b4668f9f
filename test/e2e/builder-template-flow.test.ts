// The builder end to end, never typing JSON: the service-centre survey from its template, a follow-up question
// shown only to detractors, translated, reordered with the keyboard, published twice with the difference read
// in the publish dialog, and the respondent page asking it in the customer's language.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { PASSWORD } from "../support/app";
import { chromiumAvailable, launchChromium, seriousAxeViolations, signInAs } from "../support/browser";
import { interaction, mailTo } from "../support/factories";
import { serveTestApp, type ServedApp } from "../support/web-server";

let served: ServedApp;
let browser: Browser;
const shots = process.env.SCREENSHOTS;

describe.skipIf(!chromiumAvailable)("building a survey from a template", () => {
  beforeAll(async () => {
    served = await serveTestApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    served?.close();
  });

  it("adds a show-if, translates it, reorders by keyboard, publishes with the diff, and the customer sees it", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAs(await context.newPage(), served.base, "manager@test.example", PASSWORD);
    await page.getByRole("button", { name: /Create your first survey|New survey/ }).click();
    await page.getByTestId("new-survey-dialog").getByText("Service centre visit").click();
    await page.getByRole("button", { name: "Create survey" }).click();
    await page.waitForURL(/\/surveys\/[\w-]+$/);
    const surveyId = page.url().split("/").pop()!;
    const builder = page.getByTestId("builder");

    // A long-text question after the NPS one, shown only when NPS is at most 6.
    await builder.getByRole("button", { name: /^After this visit, how likely/ }).click();
    await builder.getByRole("button", { name: "Add Long text question" }).click();
    await builder.getByLabel("Question text", { exact: true }).fill("What went wrong?");
    await builder.getByText("Only when…").click();
    await builder.getByLabel("Question", { exact: true }).selectOption({ label: "After this visit, how likely are you to recommend us?" });
    await builder.getByLabel("Condition").selectOption({ label: "is at most" });
    await builder.getByLabel("Score").selectOption("6");
    expect(await seriousAxeViolations(page)).toEqual([]);
    if (shots) await page.locator(".editor-layout").screenshot({ path: `${shots}/builder-logic-1280.png` });

    // Reordered with the keyboard: the loyalty question moved above the new one.
    await builder.getByRole("button", { name: "Move up “Would you use us again?”" }).press("Enter");
    await builder.getByRole("button", { name: "Move up “Would you use us again?”" }).press("Enter");

    // Translated: the template is in French; the new question gets its French text.
    await page.getByRole("tab", { name: "Translate" }).click();
    const translations = page.locator(".translations-panel");
    await translations.getByLabel("Language", { exact: true }).selectOption("fr");
    await translations.locator("tr", { hasText: "What went wrong?" }).locator("input, textarea").first().fill("Qu'est-ce qui n'a pas été ?");
    expect(await seriousAxeViolations(page)).toEqual([]);
    if (shots) await page.locator(".editor-layout").screenshot({ path: `${shots}/builder-translate-1280.png` });
    await page.getByRole("tab", { name: "Build" }).click();

    await page.getByRole("button", { name: "Save draft" }).click();
    await expect.poll(() => page.getByTestId("notice").textContent()).toContain("saved");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByRole("button", { name: "Publish version 1" }).click();
    await expect.poll(() => page.getByTestId("notice").textContent()).toContain("Published version 1");

    // A second version, its difference read before publishing.
    const card = builder.getByRole("button", { name: /^What went wrong\?/ }).first();
    // Still open from before publishing, or opened now.
    if ((await card.getAttribute("aria-expanded")) !== "true") await card.click();
    await builder.getByLabel("Question text", { exact: true }).fill("What should we have done better?");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect.poll(() => page.getByTestId("notice").textContent()).toContain("saved");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect.poll(() => page.getByTestId("publish-changes").textContent()).toContain("Rewords “What went wrong?” as “What should we have done better?”");
    await page.getByRole("button", { name: "Publish version 2" }).click();
    await expect.poll(() => page.getByTestId("notice").textContent()).toContain("Published version 2");

    const stored = (await served.ctx.request(`/api/surveys/${surveyId}`, { as: "manager" })).json.definition;
    const names = stored.pages[0].elements.map((e: { name: string }) => e.name);
    const asked = stored.pages[0].elements.find((e: { title: unknown }) => JSON.stringify(e.title).includes("What should we have done better?"));
    expect(names.indexOf("loyalty")).toBeLessThan(names.indexOf(asked.name));
    expect(asked).toMatchObject({ visibleIf: "{nps} <= 6", title: { default: "What should we have done better?", fr: "Qu'est-ce qui n'a pas été ?" } });

    // A French customer: a low score brings up the follow-up, in French.
    await served.ctx.request(`/api/surveys/${surveyId}/rules`, { as: "manager", body: { match: {}, delayMinutes: 0, expiresAfterDays: 7 } });
    await served.ctx.request("/api/interactions", { apiKey: served.ctx.apiKey, body: { interactions: [interaction({ customer: { email: "amelie@example.org", locale: "fr" } })] } });
    await runDispatchTick({ ...served.ctx.deps, now: () => new Date() });
    const [mail] = await mailTo(served.ctx.db, "amelie@example.org");
    const link = /https?:\/\/\S+\/s\/[\w-]+/.exec(mail!.text!)![0];
    const customer = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await customer.goto(link);
    await customer.locator(".sd-root-modern").waitFor();
    expect(await customer.getByText("Qu'est-ce qui n'a pas été ?").count()).toBe(0);
    await customer.locator('.sd-question[data-name="nps"] .sd-rating__item').filter({ hasText: /^3$/ }).click();
    await customer.getByText("Qu'est-ce qui n'a pas été ?").waitFor();
    await customer.context().close();
    await context.close();
  }, 120_000);
});
