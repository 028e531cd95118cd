import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

/** Debian's Chromium (scripts/lib/chromium.mjs installs it); Playwright's own browser downloads cannot work here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'artifacts', 'screenshots');

/** Headless Chromium through playwright-core; fails with the reason when Chromium is missing. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    const why = process.env.ACCORD_CHROMIUM_MISSING ?? `install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH`;
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: ${why}`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Root (CI, containers) cannot use Chromium's sandbox; /dev/shm is small in containers.
    chromiumSandbox: false,
    args: ['--disable-dev-shm-usage', '--no-first-run'],
    timeout: 30000,
  });
}

/** Saves a full-page screenshot under artifacts/screenshots/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
