// A survey's life in the admin app: started from a template, published, changed, compared with its version in
// words, rolled back, closed, archived out of the list and brought back; and a draft deleted after asking.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../support/app";
import { chromiumAvailable, launchChromium, seriousAxeViolations, signInAs } from "../support/browser";
import { serveTestApp, type ServedApp } from "../support/web-server";

let served: ServedApp;
let browser: Browser;
const shots = process.env.SCREENSHOTS;

async function manager(width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  return signInAs(await context.newPage(), served.base, "manager@test.example", PASSWORD);
}

describe.skipIf(!chromiumAvailable)("a survey's life in the admin app", () => {
  beforeAll(async () => {
    served = await serveTestApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    served?.close();
  });

  it("starts from a template, compares versions in words, goes back, closes, archives and restores", async () => {
    const page = await manager(1280);
    await page.getByRole("button", { name: /Create your first survey|New survey/ }).click();
    const dialog = page.getByTestId("new-survey-dialog");
    await dialog.getByText("Complaint follow-up").click();
    expect(await dialog.getByLabel("Title").inputValue()).toBe("Complaint follow-up");
    expect(await seriousAxeViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/new-survey-1280.png` });
    await dialog.getByRole("button", { name: "Create survey" }).click();
    await page.waitForURL(/\/surveys\/[\w-]+$/);
    const id = page.url().split("/").pop()!;

    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByRole("button", { name: "Publish version 1" }).click();
    await expect.poll(() => page.getByTestId("notice").textContent()).toContain("Published version 1");

    // A change made elsewhere (another manager, or the API), then compared here.
    const survey = (await served.ctx.request(`/api/surveys/${id}`, { as: "manager" })).json;
    const definition = structuredClone(survey.definition);
    definition.pages[0].elements = definition.pages[0].elements.filter((e: { name: string }) => e.name !== "follow-up-time");
    expect((await served.ctx.request(`/api/surveys/${id}`, { method: "PUT", as: "manager", body: { definition } })).status).toBe(200);
    await page.reload();
    const versions = page.getByTestId("versions-panel");
    await versions.getByRole("button", { name: "Compare with the draft (version 1)" }).click();
    await expect.poll(() => versions.getByTestId("change-list").textContent()).toContain("Splits a series: Removes “The time it took to resolve”");
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect.poll(() => page.getByTestId("publish-changes").textContent()).toContain("Removes “The time it took to resolve”");
    await page.getByRole("button", { name: "Publish version 2" }).click();
    await expect.poll(() => page.getByTestId("notice").textContent()).toContain("Published version 2");

    await versions.getByRole("button", { name: "Go back to version 1" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Publish as version 3" }).click();
    await expect.poll(() => page.getByTestId("survey-status").first().textContent()).toContain("v3");

    const availability = page.getByTestId("lifecycle-panel");
    await availability.getByRole("button", { name: "Close survey" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Close survey" }).click();
    await expect.poll(() => availability.textContent()).toContain("Closed: no new invitations");
    expect((await served.ctx.request(`/api/surveys/${id}`, { as: "manager" })).json.closedAt).not.toBeNull();
    if (shots) await page.screenshot({ path: `${shots}/lifecycle-1280.png`, fullPage: true });

    await availability.getByRole("button", { name: "Archive" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Archive survey" }).click();
    await expect.poll(() => availability.textContent()).toContain("Archived");
    await page.goto(`${served.base}/surveys`);
    await page.getByRole("heading", { name: "Surveys", exact: true }).waitFor();
    expect(await page.getByRole("link", { name: "Complaint follow-up", exact: true }).count()).toBe(0);
    await page.getByLabel("Show archived surveys instead").check();
    await page.getByRole("button", { name: "Restore Complaint follow-up" }).click();
    await page.getByLabel("Show archived surveys instead").uncheck();
    await page.getByRole("link", { name: "Complaint follow-up", exact: true }).waitFor();
    await page.context().close();
  }, 90_000);

  it("tells the second of two managers saving the same draft, and lets them load the newer one or keep theirs", async () => {
    const created = await served.ctx.request("/api/surveys", { as: "manager", body: { title: "Shared draft", definition: { pages: [{ elements: [{ type: "comment", name: "c" }] }] } } });
    const first = await manager(1280);
    const second = await manager(1280);
    for (const page of [first, second]) await page.goto(`${served.base}/surveys/${created.json.id}`);
    for (const page of [first, second]) await page.getByRole("button", { name: "Save draft" }).waitFor();
    await first.getByLabel("Title", { exact: true }).fill("First's title");
    await first.getByRole("button", { name: "Save draft" }).click();
    await expect.poll(() => first.getByTestId("notice").textContent()).toContain("saved");

    await second.getByLabel("Title", { exact: true }).fill("Second's title");
    await second.getByRole("button", { name: "Save draft" }).click();
    const conflict = second.getByTestId("save-conflict");
    await conflict.waitFor();
    expect(await second.getByRole("alert").first().textContent()).toContain("Someone else saved this survey");
    expect((await served.ctx.request(`/api/surveys/${created.json.id}`, { as: "manager" })).json.title).toBe("First's title");
    expect(await seriousAxeViolations(second)).toEqual([]);
    await conflict.getByRole("button", { name: "Save my changes over it" }).click();
    await expect.poll(async () => (await served.ctx.request(`/api/surveys/${created.json.id}`, { as: "manager" })).json.title).toBe("Second's title");

    // The first manager, now behind, loads the newer draft instead.
    await first.getByLabel("Title", { exact: true }).fill("First again");
    await first.getByRole("button", { name: "Save draft" }).click();
    await first.getByTestId("save-conflict").getByRole("button", { name: "Load the newer draft (discard my changes)" }).click();
    await expect.poll(() => first.getByLabel("Title", { exact: true }).inputValue()).toBe("Second's title");
    await first.context().close();
    await second.context().close();
  }, 60_000);

  it("downloads the draft as a survey file and imports one in its place, refusing a broken one", async () => {
    const created = await served.ctx.request("/api/surveys", { as: "manager", body: { title: "File round trip", definition: { pages: [{ elements: [{ type: "comment", name: "c", title: "Say more" }] }] } } });
    const page = await manager(1280);
    await page.goto(`${served.base}/surveys/${created.json.id}`);
    await page.getByRole("tab", { name: "Advanced (JSON)" }).click();
    const files = page.getByTestId("survey-file");
    const [download] = await Promise.all([page.waitForEvent("download"), files.getByRole("button", { name: "Download survey file" }).click()]);
    expect(download.suggestedFilename()).toBe("file-round-trip.survey.json");
    const { readFile } = await import("node:fs/promises");
    expect(JSON.parse(await readFile((await download.path())!, "utf8"))).toEqual(created.json.definition);

    const input = page.locator('input[type="file"]');
    await input.setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from('{"pages": [') });
    await expect.poll(() => files.getByRole("alert").textContent()).toContain("“broken.json” is not SurveyJS JSON");
    const imported = { pages: [{ elements: [{ type: "rating", name: "nps", title: "From a file", rateMin: 0, rateMax: 10, metric: "nps" }] }] };
    await input.setInputFiles({ name: "nps.survey.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(imported)) });
    await expect.poll(() => page.locator("#survey-json").inputValue()).toContain("From a file");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect.poll(async () => (await served.ctx.request(`/api/surveys/${created.json.id}`, { as: "manager" })).json.definition).toEqual(imported);
    await page.context().close();
  }, 60_000);

  it("saves the draft by itself once typing stops, saying where it stands, and previews at phone width", async () => {
    const created = await served.ctx.request("/api/surveys", { as: "manager", body: { title: "Autosaved", definition: { pages: [{ elements: [{ type: "comment", name: "c", title: "Say more" }] }] } } });
    const page = await manager(1280);
    await page.goto(`${served.base}/surveys/${created.json.id}`);
    await page.getByLabel("Title", { exact: true }).fill("Autosaved, renamed");
    expect(await page.getByTestId("save-state").textContent()).toBe("Unsaved changes");
    await expect.poll(() => page.getByTestId("save-state").textContent(), { timeout: 10_000 }).toBe("All changes saved");
    expect((await served.ctx.request(`/api/surveys/${created.json.id}`, { as: "manager" })).json.title).toBe("Autosaved, renamed");

    await page.getByRole("button", { name: "Phone" }).click();
    expect(await page.getByRole("button", { name: "Phone" }).getAttribute("aria-pressed")).toBe("true");
    expect((await page.getByTestId("survey-preview").boundingBox())!.width).toBeLessThanOrEqual(390);
    await page.context().close();
  }, 60_000);

  it("deletes a draft that never went out, after asking, at 390 px", async () => {
    const page = await manager(390);
    await page.getByRole("button", { name: /Create your first survey|New survey/ }).click();
    await page.getByTestId("new-survey-dialog").getByRole("button", { name: "Create survey" }).click();
    await page.waitForURL(/\/surveys\/[\w-]+$/);
    const id = page.url().split("/").pop()!;
    await page.getByTestId("lifecycle-panel").getByRole("button", { name: "Delete draft" }).click();
    const confirm = page.getByRole("dialog");
    expect(await confirm.textContent()).toContain("deleted for good");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await confirm.getByRole("button", { name: "Delete draft" }).click();
    await page.waitForURL(/\/surveys$/);
    expect((await served.ctx.request(`/api/surveys/${id}`, { as: "manager" })).status).toBe(404);
    await page.context().close();
  }, 60_000);
});
