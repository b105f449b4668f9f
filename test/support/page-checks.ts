// What every admin-page browser test checks: the page has settled, fits its width, passes axe; and the keyboard path.
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { seriousAxeViolations } from "./browser";

/** The page's heading is up and nothing is loading any more. */
export async function settled(page: Page) {
  await page.locator("h1").first().waitFor();
  await page.waitForFunction(() => !document.querySelector(".loading, .spinner, .skeleton, .dash-skeleton"), undefined, { timeout: 10_000 });
}

/** Settled, no sideways scrolling, no serious axe finding; a screenshot in `shots` when a folder is given. */
export async function fitsAndPasses(page: Page, name: string, shots?: string) {
  await settled(page);
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  const { scroll, viewport } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(scroll, `${name} scrolls sideways`).toBeLessThanOrEqual(viewport);
  expect(await seriousAxeViolations(page), name).toEqual([]);
}

export const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");

/** Tabs forward until the named control has focus, as a keyboard user would; fails if it never comes. */
export async function tabTo(page: Page, name: string) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    if ((await focusedText(page)) === name) return;
  }
  throw new Error(`Tab never reached “${name}”`);
}
