import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { PASSWORD, type TestContext } from "../support/app";
import { chromiumAvailable, launchChromium, seriousAxeViolations, signInAs } from "../support/browser";
import { interaction, publishedSurvey } from "../support/factories";
import { serveTestApp } from "../support/web-server";

let ctx: TestContext;
let stopServer: (() => void) | undefined;
let base: string;
let browser: Browser;

const answers = [
  { nps: 10, csat: 5, comment: "Quick and friendly, thank you!", unit: "North branch", agent: "Sam Lee", name: "Robin Happy" },
  { nps: 2, csat: 1, comment: "The wait was far too long and the staff were rude.", unit: "Harbour branch", agent: "Ana Diaz", name: "Kim Waiting" },
  { nps: 8, csat: 4, comment: "Fine overall.", unit: "Harbour branch", agent: "Sam Lee", name: "Lee Passive" },
];

async function answerThroughTheApi() {
  await publishedSurvey(ctx);
  const items = answers.map((a, i) => interaction({ customer: { email: `e2e-${i}@example.org`, name: a.name }, unit: a.unit, agent: a.agent, channel: i === 1 ? "phone" : "email" }));
  await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: items } });
  await runDispatchTick({ ...ctx.deps, now: () => new Date() });
  const mail: { to: string; text: string }[] = (await ctx.request("/api/dev/mailbox?limit=200", { as: "admin" })).json.items;
  for (const [i, a] of answers.entries()) {
    const token = /\/s\/([\w-]+)/.exec(mail.find((m) => m.to === items[i]!.customer.email)!.text)![1]!;
    const res = await ctx.request(`/api/public/invitations/${token}/response`, { body: { data: { nps: a.nps, csat: a.csat, comment: a.comment } } });
    expect(res.status).toBe(201);
  }
}

describe.skipIf(!chromiumAvailable)("responses in a browser", () => {
  beforeAll(async () => {
    ({ ctx, base, close: stopServer } = await serveTestApp());
    browser = await launchChromium();
    await answerThroughTheApi();
  });

  afterAll(async () => {
    await browser?.close();
    stopServer?.();
  });

  async function reviewer(width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    return signInAs(await context.newPage(), base, "reviewer@test.example", PASSWORD);
  }

  for (const width of [1280, 390]) {
    it(`lists, filters and opens a response, and comes back to the same filters (${width} px)`, async () => {
      const page = await reviewer(width);
      if (width < 600) await page.getByRole("button", { name: "Menu" }).click();
      await page.getByRole("link", { name: "Responses" }).click();
      await page.waitForURL(/\/responses$/);
      await expect.poll(() => page.getByTestId("response-row").count()).toBe(3);
      expect(await seriousAxeViolations(page)).toEqual([]);

      await page.getByLabel("Score band").selectOption("detractor");
      await page.waitForURL(/band=detractor/);
      await expect.poll(() => page.getByTestId("response-row").count()).toBe(1);
      await expect.poll(() => page.getByTestId("response-row").textContent()).toContain("The wait was far too long");

      await page.getByTestId("response-row").getByRole("link").click();
      await page.waitForURL(/\/responses\/[\w-]+\?band=detractor/);
      await page.getByRole("heading", { name: /^Response of/ }).waitFor();
      await expect.poll(() => page.getByTestId("answers").textContent()).toContain("Recommend us?");
      await expect.poll(() => page.getByTestId("customer").textContent()).toContain("Kim Waiting");
      await page.getByTestId("email-history").waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);

      await page.getByTestId("back-to-responses").click();
      await page.waitForURL(/\/responses\?band=detractor$/);
      await expect.poll(() => page.getByTestId("response-row").count()).toBe(1);
      expect(await page.getByLabel("Score band").inputValue()).toBe("detractor");

      await page.getByLabel("Text contains").fill("friendly");
      await page.getByRole("button", { name: "Search" }).click();
      await page.waitForURL(/q=friendly/);
      await page.getByTestId("responses-empty").waitFor();
      await page.getByRole("button", { name: "Clear filters" }).click();
      await expect.poll(() => page.getByTestId("response-row").count()).toBe(3);
      await page.context().close();
    }, 60_000);
  }
});
