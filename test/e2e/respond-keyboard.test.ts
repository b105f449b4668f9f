// The respondent page with the keyboard alone, as a screen-reader user moves through it: where focus lands after
// each answer, on an error, on a new page and on the thanks; and axe on every state the page can be in.
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invitations } from "../../db/schema";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { chromiumAvailable, launchChromium, seriousAxeViolations } from "../support/browser";
import { interaction, mailTo } from "../support/factories";
import { serveTestApp, type ServedApp } from "../support/web-server";

let served: ServedApp;
let browser: Browser;
const shots = process.env.SCREENSHOTS;

const definition = {
  showQuestionNumbers: "off",
  completeText: "Send",
  pages: [
    {
      name: "first",
      elements: [
        { type: "rating", name: "nps", title: "How likely are you to recommend us?", rateMin: 0, rateMax: 10, metric: "nps", isRequired: true },
        { type: "rating", name: "csat", title: "How satisfied are you?", rateMin: 1, rateMax: 5, metric: "csat" },
      ],
    },
    { name: "second", elements: [{ type: "comment", name: "comment", title: "Anything else?", metric: "comment" }] },
  ],
};

async function invite(email: string) {
  const { ctx, base } = served;
  const created = await ctx.request("/api/surveys", { as: "manager", body: { title: "Keyboard", definition } });
  await ctx.request(`/api/surveys/${created.json.id}/publish`, { as: "manager", body: {} });
  await ctx.request(`/api/surveys/${created.json.id}/rules`, { as: "manager", body: { match: { types: [email] }, delayMinutes: 0, expiresAfterDays: 7 } });
  await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ type: email, customer: { email } })] } });
  await runDispatchTick({ ...ctx.deps, now: () => new Date() });
  const [mail] = await mailTo(ctx.db, email);
  return `${base}/s/${/\/s\/([\w-]+)/.exec(mail!.text!)![1]}`;
}

/** Where focus is: the question it sits in (SurveyJS's data-name) and what kind of element has it. */
const focus = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { question: el?.closest<HTMLElement>("[data-name]")?.dataset.name ?? null, tag: el?.tagName ?? null, text: el?.textContent?.trim().slice(0, 40) ?? "" };
  });

async function axeClean(page: Page, state: string, width: number) {
  expect(await seriousAxeViolations(page), `${state} at ${width} px`).toEqual([]);
  if (shots) await page.screenshot({ path: `${shots}/keyboard-${state}-${width}.png`, fullPage: true });
}

describe.skipIf(!chromiumAvailable)("the respondent page with the keyboard alone", () => {
  beforeAll(async () => {
    served = await serveTestApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    served?.close();
  });

  for (const width of [390, 1280]) {
    it(`is answered with Tab, arrows, Space and Enter, focus following every step, axe-clean in every state, at ${width} px`, async () => {
      const url = await invite(`keys-${width}@example.org`);
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(url);
      await page.locator(".sd-root-modern").waitFor();
      await axeClean(page, "question", width);

      // Tab reaches the first scale; Send-less "Next" with nothing chosen puts focus on the question to fix.
      await page.keyboard.press("Tab");
      expect(await focus(page)).toMatchObject({ question: "nps", tag: "INPUT" });
      await page.getByRole("button", { name: "Next" }).focus();
      await page.keyboard.press("Enter");
      await page.locator(".sd-question--error").first().waitFor();
      expect((await focus(page)).question).toBe("nps");
      await axeClean(page, "error", width);

      // Arrows choose within the scale; Tab moves on to the next question, then to Next.
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      // Focus was on 0: two steps right choose 2.
      expect(await page.locator('.sd-question[data-name="nps"] .sd-rating__item--selected').textContent()).toBe("2");
      await page.keyboard.press("Tab");
      expect((await focus(page)).question).toBe("csat");
      await page.keyboard.press("Space");
      await page.getByRole("button", { name: "Next" }).focus();
      await page.keyboard.press("Enter");

      // A new page starts at its first question, so a screen reader reads on from there.
      await page.getByText("Anything else?").waitFor();
      expect(await focus(page)).toMatchObject({ question: "comment", tag: "TEXTAREA" });
      await page.keyboard.type("All by keyboard");
      await page.getByRole("button", { name: "Send" }).focus();
      await page.keyboard.press("Enter");

      // The thanks takes focus, so it is what is read next.
      await page.getByTestId("thank-you").waitFor();
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("thank-you");
      await axeClean(page, "thanks", width);

      await page.goto(url);
      await page.getByTestId("respond-error").waitFor();
      expect(await page.getByTestId("respond-error").getAttribute("data-reason")).toBe("answered");
      await axeClean(page, "answered", width);
      await context.close();
    }, 60_000);
  }

  it("says a closed link has closed, axe-clean at 390 and 1280 px", async () => {
    const url = await invite("closed@example.org");
    await served.ctx.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.email, "closed@example.org")).run();
    for (const width of [390, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const res = await page.goto(url);
      expect(res!.status()).toBe(410);
      expect(await page.getByTestId("respond-error").getAttribute("data-reason")).toBe("closed");
      await axeClean(page, "closed", width);
      await context.close();
    }
  });
});
