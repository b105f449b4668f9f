// Follow-up cases in the browser: a detractor's answer opens a case for the agent who served them; the agent works it
// (answers, a note, the outcome emailed after a confirmation, a root cause, resolved); a manager finds another case
// overdue once its due time passes and reassigns it; a reviewer reads cases and their settings without changing them.
import { mkdirSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agents } from "../../db/schema";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { PASSWORD } from "../support/app";
import { chromiumAvailable, launchChromium, signInAs } from "../support/browser";
import { tabTo, focusedText as focused, fitsAndPasses as checkPage } from "../support/page-checks";
import { interaction, mailTo, publishedSurvey, tokenFromMailbox } from "../support/factories";
import { serveTestApp, type ServedApp } from "../support/web-server";

// Set CASE_SHOTS=/some/folder to keep screenshots of the pages at both widths for a person to look at.
const shots = process.env.CASE_SHOTS;
const fitsAndPasses = (page: Page, name: string) => checkPage(page, name, shots);

let served: ServedApp;
let browser: Browser;
// The server's clock runs with the real one, and is moved on to pass a case's due time.
let ahead = 0;
const now = () => new Date(Date.now() + ahead);

type Opened = { id: string; number: number; customer: string; dueAt: string };
let worked: Opened;
let unhappyLater = "";
let late: Opened;

async function signedIn(email: string, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  return signInAs(await context.newPage(), served.base, email, PASSWORD);
}

/** A real visit: the interaction posted with the API key, its invitation sent, and the customer answering 2 out of 10. */
async function detractorAnswers(customer: string): Promise<Opened> {
  const item = interaction({ agent: "Ann", unit: "Harbour branch", customer: { email: customer, name: customer.split("@")[0] } });
  const res = await served.ctx.request("/api/interactions", { apiKey: served.ctx.apiKey, body: { interactions: [item] } });
  expect(res.status, res.text).toBe(202);
  await runDispatchTick({ ...served.ctx.deps, now });
  const token = await tokenFromMailbox(served.ctx, customer);
  const answered = await served.ctx.request(`/api/public/invitations/${token}/response`, { body: { data: { nps: 2, comment: "Nobody called me back about the refund." } } });
  expect(answered.status, answered.text).toBe(201);
  const list = await served.ctx.request("/api/cases?status=all", { as: "admin" });
  const found = (list.json.items as { id: string; number: number; customer: { email: string }; dueAt: string }[]).find((c) => c.customer.email === customer);
  if (!found) throw new Error(`no case opened for ${customer}`);
  return { id: found.id, number: found.number, customer: customer.split("@")[0]!, dueAt: found.dueAt };
}

describe.skipIf(!chromiumAvailable)("follow-up cases in the admin app", () => {
  beforeAll(async () => {
    served = await serveTestApp({ now });
    browser = await launchChromium();
    if (shots) mkdirSync(shots, { recursive: true });
    await publishedSurvey(served.ctx);
    // The staff record exists once an interaction names Ann; the agent's account is linked to it before answers come.
    const first = interaction({ agent: "Ann", unit: "Harbour branch" });
    unhappyLater = first.customer.email;
    expect((await served.ctx.request("/api/interactions", { apiKey: served.ctx.apiKey, body: { interactions: [first] } })).status).toBe(202);
    const ann = await served.ctx.db.select().from(agents).where(and(eq(agents.orgId, served.ctx.orgId), eq(agents.name, "Ann"))).get();
    const people = (await served.ctx.request("/api/people", { as: "admin" })).json.items as { id: string; email: string }[];
    const agentPerson = people.find((p) => p.email === "agent@test.example")!;
    const linked = await served.ctx.request(`/api/people/${agentPerson.id}`, { as: "admin", method: "PATCH", body: { agentId: ann!.id } });
    expect(linked.status, linked.text).toBe(200);
    worked = await detractorAnswers("robin@customers.example");
    late = await detractorAnswers("sasha@customers.example");
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    served?.close();
  });

  it("lets an agent work their case: answers beside it, a note, the outcome emailed after a confirmation, a root cause, resolved", async () => {
    const page = await signedIn("agent@test.example", 1280);
    await page.waitForURL(/\/cases$/);
    await page.getByRole("heading", { name: "Follow-up cases", level: 1 }).waitFor();
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cases" }).getAttribute("aria-current")).toBe("page");
    expect(await page.getByRole("button", { name: "Mine" }).getAttribute("aria-pressed")).toBe("true");
    const rows = page.getByTestId("case-row");
    await expect.poll(() => rows.count()).toBe(2);
    const row = rows.filter({ hasText: `Case ${worked.number}` });
    expect(await row.textContent()).toContain("robin");
    expect(await row.textContent()).toContain("Harbour branch · Ann");
    // The due time in words, never colour alone.
    expect(await row.getByTestId("case-timing").textContent()).toMatch(/^Due (soon: )?in \d+ (min|h|days)$/);
    await fitsAndPasses(page, "cases-1280-agent");

    await row.getByRole("link", { name: `Case ${worked.number}` }).click();
    await page.waitForURL(new RegExp(`/cases/${worked.id}$`));
    await page.getByRole("heading", { name: `Case ${worked.number}: robin`, level: 1 }).waitFor();
    const answers = page.getByTestId("case-answers");
    expect(await answers.textContent()).toContain("Recommend us?");
    expect(await answers.textContent()).toContain("Nobody called me back about the refund.");
    expect(await page.getByTestId("case-status").first().textContent()).toBe("Open");
    // No owner or priority controls for an agent.
    expect(await page.getByTestId("assign-form").count()).toBe(0);
    await fitsAndPasses(page, "case-1280-agent-open");

    await page.getByLabel("Add a note").fill("Called at 10:05, no answer; will write instead.");
    await page.getByRole("button", { name: "Add the note" }).click();
    await page.getByTestId("case-event").filter({ hasText: "Called at 10:05, no answer; will write instead." }).waitFor();
    expect(await page.getByLabel("Add a note").inputValue()).toBe("");

    // The composer starts from the draft; the confirmation names the recipient and the subject, and Escape sends nothing.
    const subject = page.getByLabel("Subject");
    expect(await subject.inputValue()).not.toBe("");
    await subject.fill(`Your refund, case ${worked.number}`);
    await page.getByLabel("Message").fill("Dear Robin, your refund was sent today and should reach your account within three working days. Sorry for the wait.");
    await page.getByRole("button", { name: "Review and send" }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByTestId("confirm-dialog");
    await dialog.getByRole("heading", { name: "Send this email to the customer?" }).waitFor();
    expect(await dialog.getByTestId("confirm-email").textContent()).toBe(`Torobin@customers.exampleSubjectYour refund, case ${worked.number}`);
    expect(await focused(page)).toBe("Send the email");
    await fitsAndPasses(page, "case-1280-agent-confirm");
    await page.keyboard.press("Escape");
    await dialog.getByRole("heading").waitFor({ state: "detached" });
    expect(await page.getByTestId("case-email").count()).toBe(0);

    await page.getByRole("button", { name: "Review and send" }).focus();
    await page.keyboard.press("Enter");
    await dialog.getByRole("heading", { name: "Send this email to the customer?" }).waitFor();
    await page.keyboard.press("Enter");
    const kept = page.getByTestId("case-email");
    await kept.waitFor();
    expect(await kept.textContent()).toContain(`Subject: Your refund, case ${worked.number}`);
    expect(await kept.textContent()).toContain("Dear Robin, your refund was sent today");
    await expect.poll(() => page.getByTestId("case-status").first().textContent()).toBe("Contacted");
    await page.getByTestId("case-event").filter({ hasText: "Status: Open → Contacted" }).waitFor();

    await page.getByLabel("Root cause").selectOption("Process or policy");
    await page.getByRole("button", { name: "Save root cause" }).click();
    await expect.poll(() => page.getByTestId("case-root-cause").textContent()).toBe("Process or policy");

    // By keyboard from the heading to the status buttons.
    await page.locator("h1").focus();
    await tabTo(page, "Mark resolved");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("case-status").first().textContent()).toBe("Resolved");
    expect(await page.getByTestId("case-timing").first().textContent()).toBe("Closed");
    await page.getByRole("button", { name: "Reopen" }).waitFor();
    expect(await focused(page)).toBe("Reopen");

    await page.getByRole("button", { name: "Send the re-survey" }).click();
    await page.getByTestId("resurvey-sent").waitFor();
    await fitsAndPasses(page, "case-1280-agent-resolved");

    const mail = await mailTo(served.ctx.db, "robin@customers.example");
    const outcome = mail.find((m) => m.subject === `Your refund, case ${worked.number}`);
    expect(outcome?.text).toContain("your refund was sent today");
    await page.context().close();
  });

  it("fits a phone for the agent: the list and the case stacked under its answers", async () => {
    const page = await signedIn("agent@test.example", 390);
    await page.waitForURL(/\/cases$/);
    await page.getByTestId("case-row").first().waitFor();
    await fitsAndPasses(page, "cases-390-agent");
    await page.goto(`${served.base}/cases/${late.id}`);
    await page.getByTestId("case-answers").waitFor();
    const [answers, work] = await Promise.all([page.getByTestId("case-answers").boundingBox(), page.getByTestId("case-facts").boundingBox()]);
    expect(work!.y).toBeGreaterThan(answers!.y + answers!.height - 1);
    await fitsAndPasses(page, "case-390-agent");
    await page.goto(`${served.base}/cases?view=overdue`);
    await page.getByTestId("cases-empty").waitFor();
    expect(await page.getByTestId("cases-empty").textContent()).toBe("No case is past its due time. Well done.");
    await page.context().close();
  });

  it("shows a manager the case in Overdue once its due time passes, and lets them reassign it", async () => {
    ahead = new Date(late.dueAt).getTime() - Date.now() + 3 * 3_600_000;
    const page = await signedIn("manager@test.example", 1280);
    await page.goto(`${served.base}/cases`);
    await page.getByRole("button", { name: "Overdue" }).click();
    await page.waitForURL(/view=overdue/);
    const row = page.getByTestId("case-row");
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(`Case ${late.number}`);
    expect(await row.getByTestId("case-timing").textContent()).toMatch(/^Overdue by (3|4) h$/);
    await fitsAndPasses(page, "cases-1280-manager-overdue");

    await row.getByRole("link", { name: `Case ${late.number}` }).click();
    await page.getByRole("heading", { name: `Case ${late.number}: sasha`, level: 1 }).waitFor();
    expect(await page.getByTestId("case-owner").textContent()).toBe("agent");
    const owner = page.getByLabel("Owner");
    const managerOption = await owner.locator("option", { hasText: "(manager)" }).first().getAttribute("value");
    await owner.selectOption(managerOption!);
    await page.getByLabel("Priority").selectOption("urgent");
    await page.getByRole("button", { name: "Save owner and priority" }).click();
    await expect.poll(() => page.getByTestId("case-owner").textContent()).toBe("manager");
    expect(await page.getByTestId("case-priority").textContent()).toBe("Urgent");
    await page.getByTestId("case-event").filter({ hasText: "Assigned to manager" }).waitFor();
    await fitsAndPasses(page, "case-1280-manager");
    await page.setViewportSize({ width: 390, height: 900 });
    await fitsAndPasses(page, "case-390-manager");
    await page.context().close();

    // The agent no longer owns it, so it leaves their list.
    const agent = await served.ctx.request("/api/cases?view=mine&status=all", { as: "agent" });
    expect((agent.json.items as { id: string }[]).map((c) => c.id)).toEqual([worked.id]);
  });

  it("lets a reviewer read cases and their settings without changing anything", async () => {
    const page = await signedIn("reviewer@test.example", 1280);
    await page.goto(`${served.base}/cases?view=all&status=all`);
    await expect.poll(() => page.getByTestId("case-row").count()).toBe(2);
    await page.getByRole("link", { name: `Case ${worked.number}` }).click();
    await page.getByTestId("case-history").waitFor();
    expect(await page.getByText("You can read this case; its owner, a manager or an admin works it.").count()).toBe(1);
    for (const testId of ["case-moves", "root-cause-form", "assign-form", "note-form", "outcome-form", "resurvey-form"]) {
      expect(await page.getByTestId(testId).count(), testId).toBe(0);
    }
    expect(await page.getByTestId("case-email").textContent()).toContain("Dear Robin");
    await fitsAndPasses(page, "case-1280-reviewer");

    await page.goto(`${served.base}/settings/cases`);
    await page.getByRole("heading", { name: "Follow-up case settings", level: 1 }).waitFor();
    await page.getByTestId("case-settings-form").waitFor();
    expect(await page.getByText("You can read these settings; a manager or an admin changes them.").count()).toBe(1);
    expect(await page.getByRole("button", { name: "Save the settings" }).count()).toBe(0);
    expect(await page.getByLabel("Opens at a score of at most").isDisabled()).toBe(true);
    expect(await page.getByLabel("Opens at a score of at most").inputValue()).toBe("4");
    await fitsAndPasses(page, "case-settings-1280-reviewer");
    await page.setViewportSize({ width: 390, height: 900 });
    await fitsAndPasses(page, "case-settings-390-reviewer");
    await page.context().close();
  });

  it("lets a manager change the case settings from the Settings page", async () => {
    const page = await signedIn("manager@test.example", 1280);
    await page.goto(`${served.base}/settings`);
    await page.getByRole("link", { name: "Follow-up cases" }).click();
    await page.getByTestId("case-settings-form").waitFor();
    await page.getByLabel("Opens at a score of at most").fill("3");
    const urgent = page.getByTestId("case-sla").filter({ hasText: "Urgent priority" });
    await urgent.getByLabel("Follow up within (hours)").fill("2");
    await page.getByRole("button", { name: "Save the settings" }).click();
    await page.getByText("Saved. New answers follow these settings; open cases keep their due times.").waitFor();
    const saved = await served.ctx.request("/api/case-settings", { as: "manager" });
    expect(saved.json.rules.find((r: { kind: string }) => r.kind === "nps-detractor").atMost).toBe(3);
    expect(saved.json.sla.urgent.hours).toBe(2);
    await fitsAndPasses(page, "case-settings-1280-manager");
    await page.context().close();
  });

  it("opens a case by hand from a response, and links to the case a response already has", async () => {
    // A promoter opens nothing by itself; the manager opens a case from the answers anyway.
    const token = await tokenFromMailbox(served.ctx, unhappyLater);
    expect((await served.ctx.request(`/api/public/invitations/${token}/response`, { body: { data: { nps: 9, comment: "Fine, but the queue was long." } } })).status).toBe(201);
    const responses = (await served.ctx.request("/api/responses", { as: "manager" })).json.items as { id: string }[];
    const withCase = (await served.ctx.request(`/api/cases/${worked.id}`, { as: "manager" })).json.response.id as string;
    const casesNow = (await served.ctx.request("/api/cases?status=all", { as: "manager" })).json.items as { id: string }[];
    const caseResponses = new Set(await Promise.all(casesNow.map(async (c) => (await served.ctx.request(`/api/cases/${c.id}`, { as: "manager" })).json.response.id as string)));
    const without = responses.find((r) => !caseResponses.has(r.id))!;

    const page = await signedIn("manager@test.example", 1280);
    await page.goto(`${served.base}/responses/${withCase}`);
    await page.getByRole("button", { name: "Open a follow-up case" }).click();
    await page.getByText("These answers already have a follow-up case.").waitFor();
    await page.getByRole("link", { name: "Go to the case" }).click();
    await page.waitForURL(new RegExp(`/cases/${worked.id}$`));

    await page.goto(`${served.base}/responses/${without.id}`);
    await page.getByRole("button", { name: "Open a follow-up case" }).click();
    await page.waitForURL(/\/cases\/[\w-]+$/);
    await page.getByTestId("case-answers").getByText("Fine, but the queue was long.").waitFor();
    expect(await page.locator(".case-reason").textContent()).toBe("Opened by hand from the customer's answers");
    await page.context().close();
  });
});
