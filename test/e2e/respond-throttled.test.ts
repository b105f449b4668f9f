// The respondent page when its network address has used up the public rate limit: a plain sentence, not "something went wrong".
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDispatchTick } from "../../server/features/dispatch/dispatch.service";
import { LIMITS } from "../../server/features/throttle/throttle.service";
import type { TestContext } from "../support/app";
import { chromiumAvailable, launchChromium } from "../support/browser";
import { interaction, publishedSurvey, tokenFromMailbox } from "../support/factories";
import { serveTestApp } from "../support/web-server";

let ctx: TestContext;
let stopServer: (() => void) | undefined;
let base: string;
let browser: Browser;
// Each test is its own network, so neither inherits the other's used-up limit.
let address = "";

const THROTTLED = "Too many attempts from your network; wait a minute and try again.";

// Every request, the browser's and the test's own, counts against one address, as behind one office NAT.
async function useUpPublicLimit() {
  for (let i = 0; i < LIMITS.publicPerAddress.max; i++) await ctx.request("/api/public/invitations/used-up");
  expect((await ctx.request("/api/public/invitations/used-up")).status).toBe(429);
}

async function invitationToken(email: string) {
  await publishedSurvey(ctx);
  await ctx.request("/api/interactions", { apiKey: ctx.apiKey, body: { interactions: [interaction({ customer: { email } })] } });
  await runDispatchTick({ ...ctx.deps, now: () => new Date() });
  return tokenFromMailbox(ctx, email);
}

const shoot = async (page: Page, name: string) => {
  if (process.env.XSS_SCREENSHOTS) await page.screenshot({ path: `${process.env.XSS_SCREENSHOTS}/${name}.png`, fullPage: true });
};

describe.skipIf(!chromiumAvailable)("the respondent page under the public rate limit", () => {
  beforeAll(async () => {
    ({ ctx, base, close: stopServer } = await serveTestApp({ clientAddress: () => address }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    stopServer?.();
  });

  it("says the network must wait a minute when the survey cannot be opened, and offers to try again", async () => {
    address = "198.51.100.7";
    const token = await invitationToken("open@example.org");
    await useUpPublicLimit();
    for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
      const page = await (await browser.newContext({ viewport })).newPage();
      await page.goto(`${base}/s/${token}`);
      const error = page.getByTestId("respond-error");
      await error.waitFor();
      expect(await error.getAttribute("data-reason")).toBe("throttled");
      expect(await error.textContent()).toContain(THROTTLED);
      // The server's page says it before any script runs; its "Try again" asks for the page once more.
      expect(await page.getByRole("link", { name: "Try again" }).getAttribute("href")).toBe(`/s/${token}`);
      await shoot(page, `throttled-open-${viewport.width}`);
      await page.context().close();
    }
  }, 60_000);

  it("says the same when the answers cannot be sent, and keeps them on the page", async () => {
    address = "198.51.100.8";
    const token = await invitationToken("send@example.org");
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    // Answers kept from an earlier visit, as the page stores them, so the send is the only request left.
    await page.addInitScript((key) => sessionStorage.setItem(key, JSON.stringify({ nps: 9 })), `rapport:answers:${token}`);
    await page.goto(`${base}/s/${token}`);
    await page.getByRole("button", { name: "Complete" }).waitFor();
    await useUpPublicLimit();
    await page.getByRole("button", { name: "Complete" }).click();
    const problem = page.getByTestId("submit-problem");
    await problem.waitFor();
    expect(await problem.textContent()).toContain(THROTTLED);
    expect(await problem.textContent()).toContain("Nothing is lost");
    await shoot(page, "throttled-send-390");
    await page.context().close();
  }, 60_000);
});
