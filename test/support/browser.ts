import { existsSync, mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { UserAccountRepository } from '../../libs/db';
import type { AccordStack } from './accord-stack';
import type { TestUser } from './users';

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

/** Serves the test stack's API on a loopback port the browser can reach; returns its base URL. */
export async function listen(stack: AccordStack): Promise<string> {
  await stack.api.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(stack.api.getHttpServer().address() as AddressInfo).port}`;
}

/** Signs a person in through the web app's sign-in page (either language). */
export async function signIn(p: Page, base: string, who: TestUser): Promise<void> {
  await p.goto(`${base}/app/`);
  await p.waitForURL(/\/app\/login/);
  await p.getByLabel(/Имэйл|Email/).fill(who.email);
  await p.getByLabel(/Нууц үг|Password/).fill(who.password);
  await p.getByRole('button', { name: /Нэвтрэх|Sign in/ }).click();
  await p.waitForURL((u) => !u.pathname.startsWith('/app/login'));
}

/** Gives a test person a name of our choosing (the fixture's are `Test <role> <tag>`), so a picker can find them. */
export async function rename(stack: AccordStack, who: TestUser, nameLatin: string, nameMn: string): Promise<void> {
  await new UserAccountRepository(stack.api.get(DataSource)).update(who.id, { nameLatin, nameMn });
}
