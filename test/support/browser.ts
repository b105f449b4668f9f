// Chromium for browser tests: Debian's build through playwright-core, or a loud skip (a failure under CI).
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const chromiumAvailable = existsSync(chromiumPath);

if (!chromiumAvailable) {
  const message = `Chromium not found at ${chromiumPath} (set CHROMIUM_PATH, or apt-get install chromium): browser tests ${process.env.CI === "true" ? "FAIL under CI" : "are SKIPPED"}.`;
  console.warn(`\n${"!".repeat(message.length)}\n${message}\n${"!".repeat(message.length)}\n`);
  if (process.env.CI === "true") throw new Error(message);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    // Flags that keep Chromium from reaching for the network or a sandbox a container lacks.
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

// The built web app the browser tests serve; another folder lets parallel builds stay out of each other's way.
export const webDist = process.env.WEB_DIST ?? "dist";

/** Signs in through the login page and waits for the signed-in shell. */
export async function signInAs(page: Page, base: string, email: string, password: string): Promise<Page> {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Attached, not visible: at phone width the signed-in user sits in the folded menu.
  await page.getByTestId("current-user").waitFor({ state: "attached" });
  return page;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
type Violation = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };

/** axe-core's serious and critical findings on the page as it stands, one readable line each. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ["violations"] })).violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}
