// Chromium for browser tests: Debian's build through playwright-core, or a loud skip (a failure under CI).
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

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
