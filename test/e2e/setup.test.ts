import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launchChromium } from "../support/browser";
import { serveTestApp } from "../support/web-server";

const SETUP_TOKEN = "browser-setup-token-browser-setup-token-1";

let stopServer: (() => void) | undefined;
let base: string;
let browser: Browser;

describe.skipIf(!chromiumAvailable)("first run in a browser", () => {
  beforeAll(async () => {
    // Emailed links must name the port, which is known only once listening: bind first, build the app after.
    ({ base, close: stopServer } = await serveTestApp({ empty: true, settings: { production: true, setupToken: SETUP_TOKEN } }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    stopServer?.();
  });

  it("sets up the organisation, invites a manager from the People page, and the manager joins and signs in", async () => {
    const operator = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await operator.goto(`${base}/setup?token=${SETUP_TOKEN}`);
    await operator.getByLabel("Organisation name").fill("Harbour Services");
    await operator.getByLabel("Time zone").selectOption("Europe/London");
    await operator.getByLabel("Your name").fill("Olu Operator");
    await operator.getByLabel("Email").fill("ops@harbour.example");
    await operator.getByLabel("Password", { exact: true }).fill("operator password 1");
    await operator.getByRole("button", { name: "Create organisation and sign in" }).click();
    await operator.waitForURL(`${base}/settings/people`);
    await expect.poll(() => operator.getByTestId("current-user").textContent()).toContain("ops@harbour.example");
    await operator.getByTestId("people-empty").waitFor();

    await operator.getByLabel("Email").fill("mina@harbour.example");
    await operator.getByLabel("Role", { exact: true }).selectOption("manager");
    await operator.getByRole("button", { name: "Send invitation" }).click();
    await expect.poll(() => operator.getByTestId("notice").textContent()).toContain("Invitation emailed to mina@harbour.example");
    await expect.poll(() => operator.locator('[data-email="mina@harbour.example"]').textContent()).toContain("Invited");

    // The invitation is in the dev mailbox; the operator passes the link on.
    await operator.getByRole("link", { name: "Settings" }).click();
    await operator.getByRole("link", { name: "Dev mailbox" }).click();
    await operator.getByTestId("mail-item").first().click();
    const link = await operator.getByTestId("mail-link").first().getAttribute("href");
    expect(link).toMatch(new RegExp(`^${base}/accept-invite\\?token=[\\w-]{40,}$`));

    // The manager, on a phone, signed out: chooses a password and lands in the app.
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await phone.goto(link!);
    await phone.getByRole("heading", { name: "Join Harbour Services" }).waitFor();
    await phone.getByLabel("Your name").fill("Mina Manager");
    await phone.getByLabel("Password", { exact: true }).fill("manager password 1");
    await phone.getByRole("button", { name: "Join and sign in" }).click();
    await phone.waitForURL(`${base}/surveys`);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

    // At phone width the navigation folds behind Menu, which opens and closes by keyboard.
    const menu = phone.getByRole("button", { name: "Menu" });
    const account = phone.getByRole("link", { name: "Account" });
    expect(await account.isVisible()).toBe(false);
    await menu.focus();
    await phone.keyboard.press("Enter");
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    await account.waitFor();
    await phone.keyboard.press("Escape");
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    expect(await menu.evaluate((el) => el === document.activeElement)).toBe(true);
    await phone.keyboard.press("Enter");
    await account.click();
    await phone.getByRole("heading", { name: "Your account" }).waitFor();
    expect(await account.isVisible()).toBe(false);

    // The link is spent; the password works at the sign-in page.
    const later = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await later.goto(link!);
    await expect.poll(() => later.getByTestId("link-problem").textContent()).toMatch(/already been used/);
    await later.goto(`${base}/login`);
    await later.getByLabel("Email").fill("mina@harbour.example");
    await later.getByLabel("Password", { exact: true }).fill("manager password 1");
    await later.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => later.getByTestId("current-user").textContent()).toContain("manager");

    // Setup is over for good.
    await operator.goto(`${base}/setup?token=${SETUP_TOKEN}`);
    await operator.getByRole("heading", { name: "There is no setup to do here" }).waitFor();
  });
});
