/**
 * Headless Chromium for the console's browser tests: Debian's `chromium` package driven by playwright-core
 * (Playwright's own browser download does not work here). One browser per test file, reused.
 * A missing browser fails loudly: CI must never pass by skipping these tests.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOT_DIR = path.resolve("test-output/screenshots");

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM_PATH}. Install Debian's package: "apt-get update && apt-get install -y chromium" (or set CHROMIUM_PATH).`,
    );
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Without the networking flags Chromium keeps trying to reach the internet (stack notes).
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/** Saves a screenshot (git-ignored folder) to look at: test-output/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage });
}
