// The survey builder in a browser: a manager builds, edits, reorders, undoes, saves and publishes a survey without
// typing JSON, and the respondent page asks the questions in the order built.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { PASSWORD } from "../support/app";
import { chromiumAvailable, launchChromium, seriousAxeViolations, signInAs } from "../support/browser";
import { interaction, mailTo } from "../support/factories";
import { serveTestApp, type ServedApp } from "../support/web-server";

let served: ServedApp;
let browser: Browser;
const shots = process.env.SCREENSHOTS;

const cardTitles = (page: Page) => page.getByTestId("builder-card").locator(".builder-card-title").allTextContents();
const trimmed = (titles: string[]) => titles.map((t) => t.replace(/\s*\*\s*\(required\)$/, "").trim());

async function expectAxeClean(page: Page, state: string) {
  expect(await seriousAxeViolations(page), state).toEqual([]);
}

describe.skipIf(!chromiumAvailable)("the survey builder", () => {
  beforeAll(async () => {
    served = await serveTestApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    served?.close();
  });

  it("builds a survey from the palette, edits, reorders and undoes by keyboard, publishes it, and the respondent page follows the built order", async () => {
    const { ctx, base } = served;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAs(await context.newPage(), base, "manager@test.example", PASSWORD);
    await page.getByRole("button", { name: /Create your first survey|New survey/ }).click();
    await page.getByRole("button", { name: "Create survey" }).click();
    await page.waitForURL(/\/surveys\/[\w-]+$/);
    const surveyId = page.url().split("/").pop()!;
    await page.getByLabel("Title", { exact: true }).fill("Built by pointing");

    // Build is the tab the editor opens on.
    expect(await page.getByRole("tab", { name: "Build" }).getAttribute("aria-selected")).toBe("true");
    const builder = page.getByTestId("builder");
    await builder.waitFor();

    // The ready-made questions go, one Delete at a time, down to the empty survey's prompt.
    while ((await page.getByTestId("builder-card").count()) > 0) {
      await builder.getByRole("button", { name: /^Delete “/ }).first().click();
    }
    await builder.getByText("This survey has no questions yet.").waitFor();
    await expectAxeClean(page, "empty builder");

    // From the palette: NPS, CSAT shown as stars, a long text, a page break, then a dimension rating on page 2.
    await builder.getByRole("button", { name: "Add NPS question" }).click();
    await builder.getByRole("button", { name: "Add CSAT question" }).click();
    await builder.getByLabel("Show the scale as").selectOption({ label: "Stars" });
    await builder.getByRole("button", { name: "Add Long text question" }).click();
    await builder.getByRole("button", { name: "Add Page break" }).click();
    await builder.getByText("New blocks go at the end of page 2.").waitFor();
    await builder.getByRole("button", { name: "Add Dimension rating" }).click();
    expect(await builder.getByRole("heading", { name: /^Page \d$/ }).allTextContents()).toEqual(["Page 1", "Page 2"]);

    // The NPS question's wording and end labels, in its properties.
    await builder.getByRole("button", { name: /^How likely are you to recommend us/ }).click();
    await builder.getByLabel("Question text", { exact: true }).fill("How likely are you to recommend Rapport Motors?");
    await builder.getByLabel("Label at 0").fill("Never");
    await builder.getByLabel("Label at 10").fill("Certainly");
    await expectAxeClean(page, "builder with properties open at 1280");
    if (shots) await page.locator(".editor-layout").screenshot({ path: `${shots}/builder-1280.png` });

    // Reordering by keyboard: the long-text question picked up by its handle and moved above the CSAT one.
    const handle = builder.getByRole("button", { name: /^Drag “What is the main reason/ });
    await handle.focus();
    await page.keyboard.press("Space");
    await page.waitForTimeout(150);
    await page.keyboard.press("ArrowUp");
    await page.waitForTimeout(250);
    await page.keyboard.press("Space");
    await expect
      .poll(async () => trimmed(await cardTitles(page)))
      .toEqual([
        "How likely are you to recommend Rapport Motors?",
        "What is the main reason for your answers?",
        "Overall, how satisfied are you with the service you received?",
        "How would you rate the service?",
      ]);
    // And by the Move buttons: the dimension rating up across the page break and back down again.
    const dimensionUp = builder.getByRole("button", { name: "Move up “How would you rate the service?”" });
    await dimensionUp.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => builder.getByText("No questions on this page yet", { exact: false }).count()).toBe(1);
    await builder.getByRole("button", { name: "Move down “How would you rate the service?”" }).press("Enter");
    await expect.poll(() => builder.getByText("No questions on this page yet", { exact: false }).count()).toBe(0);

    // Duplicate, delete the copy, undo with Ctrl+Z, then redo with Ctrl+Shift+Z.
    await builder.getByRole("button", { name: "Duplicate “How likely are you to recommend Rapport Motors?”" }).click();
    await expect.poll(() => page.getByTestId("builder-card").count()).toBe(5);
    await builder.getByRole("button", { name: "Delete “How likely are you to recommend Rapport Motors?”" }).nth(1).click();
    await expect.poll(() => builder.getByTestId("builder-status").textContent()).toContain("Deleted “How likely are you to recommend Rapport Motors?”");
    await expect.poll(() => page.getByTestId("builder-card").count()).toBe(4);
    await page.keyboard.press("Control+z");
    await expect.poll(() => page.getByTestId("builder-card").count()).toBe(5);
    await builder.getByRole("button", { name: "Undo" }).first().focus();
    await page.keyboard.press("Control+Shift+z");
    await expect.poll(() => page.getByTestId("builder-card").count()).toBe(4);

    // The same draft is in the JSON tab, never typed.
    await page.getByRole("tab", { name: "Build" }).focus();
    await page.keyboard.press("End");
    expect(await page.getByRole("tab", { name: "Advanced (JSON)" }).getAttribute("aria-selected")).toBe("true");
    expect(await page.getByLabel("Survey JSON").inputValue()).toContain('"rateType": "stars"');
    await page.keyboard.press("Home");

    await page.getByRole("button", { name: "Save draft" }).click();
    await expect.poll(() => page.getByTestId("notice").textContent()).toContain("saved");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByRole("button", { name: "Publish version 1" }).click();
    await expect.poll(() => page.getByTestId("notice").textContent()).toContain("Published version 1");

    const stored = (await ctx.request(`/api/surveys/${surveyId}`, { as: "manager" })).json.definition;
    expect(stored.pages.map((p: { elements: { name: string }[] }) => p.elements.map((e) => e.name))).toEqual([["nps", "comment", "csat"], ["service"]]);
    expect(stored.pages[0].elements[0]).toMatchObject({ metric: "nps", minRateDescription: "Never", maxRateDescription: "Certainly", isRequired: true });
    expect(stored.pages[0].elements[2]).toMatchObject({ metric: "csat", rateType: "stars" });
    expect(stored.pages[1].elements[0]).toMatchObject({ metric: "dimension:service", rateMin: 1, rateMax: 5 });

    // At phone width the builder stays within the screen and clean.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const small = await signInAs(await phone.newPage(), base, "manager@test.example", PASSWORD);
    await small.goto(`${base}/surveys/${surveyId}`);
    await small.getByTestId("builder").getByRole("button", { name: /^How likely are you to recommend Rapport Motors/ }).click();
    await small.getByLabel("Question text", { exact: true }).waitFor();
    if (shots) await small.getByTestId("builder").screenshot({ path: `${shots}/builder-390.png` });
    // The builder itself stays within the screen: nothing in it reaches past the right edge.
    const widest = await small.getByTestId("builder").evaluate((el) => Math.max(...[el, ...el.querySelectorAll("*")].map((e) => e.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(390);
    await expectAxeClean(small, "builder at 390");
    await phone.close();
    await context.close();

    // A customer's invitation: the questions come in the built order, page by page.
    const email = "built@example.org";
    await ctx.request(`/api/surveys/${surveyId}/rules`, { as: "manager", body: { match: { types: [email] }, delayMinutes: 0, expiresAfterDays: 7 } });
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ type: email, customer: { email } })] } });
    await runDispatchTick({ ...ctx.deps, now: () => new Date() });
    const [mail] = await mailTo(ctx.db, email);
    const token = /\/s\/([\w-]+)/.exec(mail!.text!)![1]!;
    const respondent = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const answering = await respondent.newPage();
    await answering.goto(`${base}/s/${token}`);
    const titles = answering.locator(".sd-question__title");
    await answering.locator(".sd-question").first().waitFor();
    await expect
      .poll(async () => (await titles.allTextContents()).map((t) => t.replace(/\s*\*$/, "").trim()))
      .toEqual(["How likely are you to recommend Rapport Motors?", "What is the main reason for your answers?", "Overall, how satisfied are you with the service you received?"]);
    await answering.locator(".sd-question").first().getByText("9", { exact: true }).click();
    await answering.getByRole("button", { name: "Next" }).click();
    await answering.getByText("How would you rate the service?").waitFor();
    await respondent.close();
  }, 120_000);

  it("sends the manager to the JSON tab when the JSON does not parse, builds again once it does, and adds several dimensions at once", async () => {
    const { ctx, base } = served;
    const created = await ctx.request("/api/surveys", { as: "manager", body: { title: "Broken for a moment", definition: { pages: [{ elements: [{ type: "comment", name: "c", title: "Anything?" }] }] } } });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAs(await context.newPage(), base, "manager@test.example", PASSWORD);
    await page.goto(`${base}/surveys/${created.json.id}`);
    await page.getByTestId("builder").getByRole("button", { name: /^Anything\?/ }).waitFor();
    await page.getByRole("tab", { name: "Advanced (JSON)" }).click();
    const json = page.getByLabel("Survey JSON");
    const good = await json.inputValue();
    await json.fill(`${good},`);
    await page.getByRole("tab", { name: "Build" }).click();
    const blocked = page.getByTestId("builder-blocked");
    await blocked.getByText("Fix it in the Advanced (JSON) tab first.", { exact: false }).waitFor();
    await expectAxeClean(page, "builder blocked by a JSON mistake");
    await blocked.getByRole("button", { name: "Go to Advanced (JSON)" }).click();
    expect(await page.getByRole("tab", { name: "Advanced (JSON)" }).getAttribute("aria-selected")).toBe("true");
    await json.fill(good);
    await page.getByRole("tab", { name: "Build" }).click();
    await page.getByTestId("builder").getByRole("button", { name: /^Anything\?/ }).waitFor();
    expect(await blocked.count()).toBe(0);

    // Several dimensions at once: one rating per line typed.
    const builder = page.getByTestId("builder");
    await builder.getByRole("button", { name: "Add Several dimensions" }).click();
    await builder.getByLabel("Dimensions, one per line").fill("Location\nTime taken");
    await expectAxeClean(page, "asking for dimensions");
    await builder.getByRole("button", { name: "Add 2 dimension ratings" }).click();
    const group = page.getByTestId("builder-card").filter({ hasText: "Several dimensions" });
    expect(await group.locator(".builder-card-children").textContent()).toBe("How would you rate the location? · How would you rate the time taken?");
    expect(await json.inputValue()).toContain('"metric": "dimension:time-taken"');
    await context.close();
  }, 60_000);
});
