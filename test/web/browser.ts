import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Result as AxeResult } from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's chromium; the tests never download a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Whether the browser tests can run. On a machine without Chromium they are skipped with a
 * warning, so `npm test` still passes for a newcomer; under CI (CI=true) a missing browser fails.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`no Chromium at ${CHROMIUM}: CI must install it (apt-get install chromium)`);
  process.stderr.write(
    `\n  The dashboard's browser tests are skipped: no Chromium at ${CHROMIUM}. Install it with apt-get install chromium, or set CHROMIUM_PATH.\n\n`,
  );
  return false;
}

export const SCREENSHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/**
 * A page that remembers every console error and uncaught exception, for the test to assert none;
 * and every 4xx answer it received (`404 GET /api/v1/missions/{id}/survey`), which the console
 * check lets pass, for a test to assert that each was one the pages expect.
 */
export async function newWatchedPage(browser: Browser, locale = 'nl-BE'): Promise<{ page: Page; problems: string[]; clientErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale, timezoneId: 'Europe/Brussels' });
  // Generous: the machine is shared with the rest of the suite.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // The browser logs every 4xx it receives; those the pages expect (a due date not understood)
    // are theirs to show. Server errors are caught below, by status.
    if (message.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  const clientErrors: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`${response.status()} from ${response.request().method()} ${response.url()}`);
    else if (response.status() >= 400) clientErrors.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { page, problems, clientErrors };
}

/** axe-core on the page as it stands: the serious and critical violations, by rule and the elements they concern. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const violations: AxeResult[] = (await new AxeBuilder({ page }).analyze()).violations;
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export async function signIn(
  page: Page,
  email: string,
  password: string,
  labels = { email: 'E-mailadres', password: 'Wachtwoord', submit: 'Aanmelden' },
): Promise<void> {
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill(password);
  await page.getByRole('button', { name: labels.submit }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}
