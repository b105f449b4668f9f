// A manager makes a distribution rule from the values interactions have used, tries it on the last 30 days,
// saves, edits, pauses and deletes it; an admin sets the contact rules and a unit's time zone. Phone and desktop.
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, type TestContext } from "../support/app";
import { chromiumAvailable, launchChromium, seriousAxeViolations, signInAs } from "../support/browser";
import { interaction, surveyDefinition } from "../support/factories";
import { serveTestApp } from "../support/web-server";

// Set RULES_SHOTS=/some/folder to keep screenshots of each step at each width for a person to look at.
const shots = process.env.RULES_SHOTS;

let ctx: TestContext;
let stopServer: (() => void) | undefined;
let base: string;
let browser: Browser;
let surveyId = "";

const DAY = 86_400_000;

async function signedIn(role: "admin" | "manager", width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  return signInAs(await context.newPage(), base, `${role}@test.example`, PASSWORD);
}

async function settle(page: Page) {
  await page.locator("h1").first().waitFor();
  await page.waitForFunction(() => !document.querySelector(".loading, .spinner"), undefined, { timeout: 10_000 });
}

async function assess(page: Page, name: string, width: number) {
  if (shots) {
    await page.screenshot({ path: `${shots}/${width}-${name}.png`, fullPage: true });
    // The editor is long; the rules panel on its own is small enough to read.
    const panel = page.getByTestId("rules-panel");
    if (await panel.count()) await panel.screenshot({ path: `${shots}/${width}-${name}-panel.png` });
  }
  const { scroll, viewport } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(scroll, `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(viewport);
  expect(await seriousAxeViolations(page), `${name} at ${width} px`).toEqual([]);
}

describe.skipIf(!chromiumAvailable)("distribution rules in a browser", () => {
  beforeAll(async () => {
    ({ ctx, base, close: stopServer } = await serveTestApp());
    browser = await launchChromium();
    if (shots) mkdirSync(shots, { recursive: true });
    const created = await ctx.request("/api/surveys", { as: "manager", body: { title: "After the call", definition: surveyDefinition() } });
    surveyId = created.json.id;
    await ctx.request(`/api/surveys/${surveyId}/publish`, { as: "manager", body: {} });
    // Thirty days of interactions, before any rule exists: what the pickers offer and the dry run weighs.
    const items = Array.from({ length: 120 }, (_, i) =>
      interaction({
        externalId: `CALL-${1000 + i}`,
        occurredAt: new Date(Date.now() - (i % 28) * DAY - 3_600_000).toISOString(),
        type: i % 3 === 0 ? "enquiry" : "complaint",
        channel: i % 4 === 0 ? "email" : "phone",
        unit: i % 2 ? "North branch" : "South branch",
        customer: { email: `caller${i % 40}@example.org` },
        attributes: { tier: i % 5 === 0 ? "silver" : "gold", spend: i * 3 },
      }),
    );
    expect((await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: items } })).status).toBe(202);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    stopServer?.();
  });

  it("makes a rule from seen values, tries it on the last 30 days, then edits, pauses and deletes it", async () => {
    const page = await signedIn("manager", 1280);
    await page.goto(`${base}/surveys/${surveyId}`);
    await settle(page);
    const panel = page.getByTestId("rules-panel");
    await panel.getByTestId("rules-empty").waitFor();
    await panel.getByTestId("rules-note").getByText("never changes invitations already scheduled").waitFor();

    // Types from what interactions used; a channel typed by hand; a new value is warned about.
    await panel.getByTestId("picker-rule-types").getByRole("button", { name: /complaint/ }).click();
    const channels = panel.getByLabel("Channels", { exact: true });
    await channels.fill("phone");
    await channels.press("Enter");
    await channels.fill("carrier pigeon");
    await channels.press("Enter");
    await panel.getByTestId("picker-rule-channels").getByTestId("unseen-warning").getByText("“carrier pigeon”").waitFor();
    await panel.getByRole("button", { name: "Remove channel “carrier pigeon”" }).click();
    expect(await panel.getByTestId("picker-rule-channels").getByTestId("unseen-warning").count()).toBe(0);
    await panel.getByTestId("picker-rule-units").getByRole("button", { name: /North branch/ }).click();

    await panel.getByRole("button", { name: "Add a condition" }).click();
    await panel.getByLabel("Attribute 1").fill("tier");
    await panel.getByLabel("Value", { exact: true }).fill("gold");
    await panel.getByLabel("Delay (minutes)").fill("60");
    await panel.getByLabel("Customers surveyed (%)").fill("50");
    await panel.getByLabel("First reminder (days after the invitation)").fill("3");
    await panel.getByLabel("Second reminder (days after the first)").fill("4");
    await panel.getByTestId("reminder-warning").getByText("The second reminder would go 7 days after the invitation (3 + 4), but the link closes after 7.").waitFor();
    await panel.getByLabel("Second reminder (days after the first)").fill("2");
    expect(await panel.getByTestId("reminder-warning").count()).toBe(0);

    await panel.getByRole("button", { name: "Try it on the last 30 days" }).click();
    const summary = panel.getByTestId("dry-run-summary");
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/^\d+ of 120 interactions would have been surveyed, with \d+ reminders\./);
    const reasons = panel.getByTestId("dry-run-reasons");
    for (const reason of ["type", "channel", "unit", "attributes"]) expect(await reasons.locator(`[data-reason="${reason}"]`).count()).toBe(1);
    expect(await reasons.locator('[data-reason="type"]').textContent()).toMatch(/^40 another interaction type — for example CALL-\d+ \(\w+ \d+\), /);
    await assess(page, "editor-dry-run", 1280);

    // A change after the try marks it as out of date.
    await panel.getByLabel("Customers surveyed (%)").fill("100");
    await panel.getByTestId("dry-run").getByText("You have changed the rule since this try.").waitFor();
    await panel.getByLabel("Customers surveyed (%)").fill("50");

    await panel.getByRole("button", { name: "Add rule" }).click();
    const rule = panel.getByTestId("rule");
    await rule.waitFor();
    expect(await rule.locator(".rule-summary").textContent()).toBe(
      "Complaints by phone at North branch where tier is gold, 1 in 2 customers, 60 min after, 2 reminders after 3 and 2 days, link open 7 days",
    );
    await assess(page, "editor-rule-saved", 1280);

    // Edit: the form takes the rule, says what an edit does not change, and saves.
    await rule.getByRole("button", { name: /^Edit/ }).click();
    await panel.getByRole("heading", { name: "Edit rule" }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Edit rule");
    await panel.getByLabel("Delay (minutes)").fill("120");
    await panel.getByRole("button", { name: "Save changes" }).click();
    await panel.getByTestId("notice").getByText("Invitations already scheduled keep the rule as it was.").waitFor();
    await expect.poll(() => rule.locator(".rule-summary").textContent()).toContain("2 hours after");

    await rule.getByRole("button", { name: /^Pause/ }).click();
    await rule.getByText("Paused", { exact: true }).waitFor();
    await panel.getByTestId("notice").getByText("Rule paused").waitFor();
    expect((await ctx.request(`/api/surveys/${surveyId}/rules`, { as: "manager" })).json.items[0].active).toBe(false);

    await rule.getByRole("button", { name: /^Delete/ }).click();
    const dialog = page.getByTestId("confirm-dialog");
    await dialog.getByText("Invitations it has already scheduled are still sent").waitFor();
    await assess(page, "editor-delete-confirm", 1280);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect(await panel.getByTestId("rule").count()).toBe(1);
    await rule.getByRole("button", { name: /^Delete/ }).click();
    await dialog.getByRole("button", { name: "Delete rule" }).click();
    await panel.getByTestId("rules-empty").waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("rules-heading");
    expect((await ctx.request(`/api/surveys/${surveyId}/rules`, { as: "manager" })).json.items).toEqual([]);
    await page.context().close();
  }, 120_000);

  it("fits a phone: the form, its errors and a dry run", async () => {
    const page = await signedIn("manager", 390);
    await page.goto(`${base}/surveys/${surveyId}`);
    await settle(page);
    const panel = page.getByTestId("rules-panel");
    await panel.getByTestId("rules-empty").waitFor();
    await panel.getByLabel("Delay (minutes)").fill("");
    await panel.getByRole("button", { name: "Add rule" }).click();
    await panel.getByText("Enter the delay in minutes.", { exact: true }).waitFor();
    await panel.getByLabel("Delay (minutes)").fill("60");
    await panel.getByRole("button", { name: "Add a condition" }).click();
    await panel.getByLabel("Attribute 1").fill("spend");
    await panel.getByLabel("Comparison").selectOption("at-least");
    await panel.getByLabel("Value", { exact: true }).fill("lots");
    await panel.getByRole("button", { name: "Add rule" }).click();
    await panel.getByText("Attribute “spend”: “is at least” compares numbers; enter a number.", { exact: true }).waitFor();
    await assess(page, "editor-errors", 390);
    await panel.getByLabel("Value", { exact: true }).fill("100");
    await panel.getByRole("button", { name: "Try it on the last 30 days" }).click();
    await panel.getByTestId("dry-run-summary").waitFor();
    await assess(page, "editor-dry-run", 390);
    await page.context().close();
  }, 60_000);

  it("lets an admin set the contact rules and a unit's time zone, and shows managers the same rules to read", async () => {
    for (const width of [390, 1280]) {
      const page = await signedIn("admin", width);
      await page.goto(`${base}/surveys`);
      await settle(page);
      if (width === 390) await page.getByRole("button", { name: "Menu" }).click();
      await page.getByRole("link", { name: "Settings" }).click();
      await page.getByRole("link", { name: "Contact rules" }).click();
      await page.getByRole("heading", { name: "Contact rules", level: 1 }).waitFor();
      await settle(page);
      await page.getByTestId("unit-row").first().waitFor();
      await assess(page, "contact-rules", width);

      await page.getByLabel("Days between two surveys to one customer").fill("400");
      await page.getByRole("button", { name: "Save contact rules" }).click();
      await page.getByText("Enter at most 365 days between surveys.", { exact: true }).waitFor();
      await assess(page, "contact-rules-error", width);
      await page.getByLabel("Days between two surveys to one customer").fill("14");
      const quiet = page.getByLabel("Keep quiet hours");
      if (!(await quiet.isChecked())) await quiet.check();
      await page.getByLabel("Quiet from").fill("22:00");
      await page.getByLabel("Until").fill("07:30");
      await page.getByRole("button", { name: "Save contact rules" }).click();
      await page.getByTestId("notice").getByText("Contact rules saved.").waitFor();
      expect((await ctx.request("/api/contact-rules", { as: "manager" })).json).toMatchObject({ contactGapDays: 14, quietHours: { start: "22:00", end: "07:30" } });

      const north = page.getByTestId("unit-row").filter({ hasText: "North branch" });
      await north.getByLabel("Time zone of North branch").fill("Mars/Olympus");
      await north.getByRole("button", { name: "Save time zone of North branch" }).click();
      await north.getByText("that one is not a zone we know", { exact: false }).waitFor();
      await north.getByLabel("Time zone of North branch").fill("Europe/Paris");
      await north.getByRole("button", { name: "Save time zone of North branch" }).click();
      await north.getByText("Saved.").waitFor();
      await assess(page, "contact-rules-saved", width);
      await page.context().close();
    }
    const units: { name: string; timeZone: string | null }[] = (await ctx.request("/api/units", { as: "admin" })).json.items;
    expect(units.find((u) => u.name === "North branch")?.timeZone).toBe("Europe/Paris");

    const manager = await signedIn("manager", 1280);
    await manager.goto(`${base}/settings/contact-rules`);
    await settle(manager);
    await manager.getByText("Only admins can change the contact rules.").waitFor();
    expect(await manager.getByLabel("Days between two surveys to one customer").isDisabled()).toBe(true);
    expect(await manager.getByRole("button", { name: "Save contact rules" }).count()).toBe(0);
    await manager.getByText("Europe/Paris").waitFor();
    await assess(manager, "contact-rules-manager", 1280);
    await manager.context().close();
  }, 120_000);
});
