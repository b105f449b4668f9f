import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invitations, responses, suppressions } from "../../db/schema";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { chromiumAvailable, launchChromium, seriousAxeViolations } from "../support/browser";
import { interaction, mailTo, surveyDefinition } from "../support/factories";
import { serveTestApp, type ServedApp } from "../support/web-server";

let served: ServedApp;
let browser: Browser;
// Screenshots for a person to look at, when asked for: SCREENSHOTS=/some/folder.
const shots = process.env.SCREENSHOTS;

describe.skipIf(!chromiumAvailable)("rating from the email", () => {
  beforeAll(async () => {
    served = await serveTestApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    served?.close();
  });

  it("opens the survey with the emailed rating chosen, records nothing a scanner does, and one response when the person submits", async () => {
    const { ctx, base } = served;
    const definition = surveyDefinition();
    // Buttons at any width: this test is about the link, not about how narrow screens draw a scale.
    (definition.pages[0]!.elements[0] as Record<string, unknown>).displayMode = "buttons";
    const created = await ctx.request("/api/surveys", { as: "manager", body: { title: "After-service", definition } });
    await ctx.request(`/api/surveys/${created.json.id}/publish`, { as: "manager", body: {} });
    await ctx.request(`/api/surveys/${created.json.id}/rules`, { as: "manager", body: { match: {}, delayMinutes: 0, expiresAfterDays: 7 } });
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ customer: { email: "pat@example.org", name: "Pat" } })] } });
    expect((await runDispatchTick({ ...ctx.deps, now: () => new Date() })).sent).toBe(1);

    const [mail] = await mailTo(ctx.db, "pat@example.org");
    const links = [...new Set([...mail!.html!.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&")))];
    const nine = links.find((l) => l.endsWith("?rating=9"))!;
    expect(nine).toMatch(new RegExp(`^${base}/s/[\\w-]{22,}\\?rating=9$`));
    expect(links.filter((l) => l.includes("?rating=")).length).toBe(11);

    const stored = async () => ({
      responses: (await ctx.db.select().from(responses).where(eq(responses.orgId, ctx.orgId)).all()).map((r) => ({ nps: r.nps })),
      status: (await ctx.db.select({ status: invitations.status }).from(invitations).where(eq(invitations.orgId, ctx.orgId)).get())!.status,
      suppressed: (await ctx.db.select().from(suppressions).where(eq(suppressions.orgId, ctx.orgId)).all()).length,
    });
    const nothing = { responses: [], status: "sent", suppressed: 0 };

    // A scanner: a GET and a HEAD of every link in the email.
    for (const link of links) {
      for (const method of ["GET", "HEAD"]) expect((await fetch(link, { method, redirect: "manual" })).status).toBeLessThan(500);
    }
    expect(await stored()).toEqual(nothing);

    // A scanner that runs the page's scripts and follows every link on it, but presses nothing a person would.
    const scanner = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    for (const link of links.filter((l) => l.includes("?rating="))) {
      const page = await scanner.newPage();
      await page.goto(link);
      await page.locator(".sd-question").first().waitFor();
      for (const a of await page.locator("a[href]").all()) await a.click({ timeout: 2_000 }).catch(() => undefined);
      await page.close();
    }
    await scanner.close();
    expect(await stored()).toEqual(nothing);

    // The person, on a phone: the 9 is chosen, nothing is stored, and the page is usable.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await page.goto(nine);
    const question = page.locator(".sd-question").filter({ hasText: "Recommend us?" });
    await question.waitFor();
    await expect.poll(() => question.locator(".sd-rating__item--selected").textContent()).toBe("9");
    expect(await question.locator(".sd-rating__item--selected").count()).toBe(1);
    // Applied once: a reload keeps whatever the person picks next.
    expect(new URL(page.url()).search).toBe("");
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/one-click-390.png`, fullPage: true });
    expect(await stored()).toEqual(nothing);

    await page.getByRole("button", { name: "Complete" }).click();
    await page.getByTestId("thank-you").waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await stored()).toEqual({ responses: [{ nps: 9 }], status: "responded", suppressed: 0 });
    await phone.close();
  }, 120_000);

  it("ignores a rating that is not on the question's scale", async () => {
    const { ctx } = served;
    await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ customer: { email: "off@example.org" } })] } });
    expect((await runDispatchTick({ ...ctx.deps, now: () => new Date() })).sent).toBeGreaterThanOrEqual(1);
    const [mail] = await mailTo(ctx.db, "off@example.org");
    const link = /Open the survey: (\S+)/.exec(mail!.text!)![1]!;
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`${link}?rating=11`);
    const question = page.locator(".sd-question").filter({ hasText: "Recommend us?" });
    await question.waitFor();
    expect(await question.locator(".sd-rating__item--selected").count()).toBe(0);
    await page.context().close();
  }, 60_000);
});
