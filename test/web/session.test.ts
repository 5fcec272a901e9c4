import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { takeTurn } from '../support/turns.js';
import { browserAvailable, launchBrowser, newWatchedPage, signIn } from './browser.js';

const inBrowser = browserAvailable() ? describe : describe.skip;
// A real browser on a machine shared with the rest of the suite: steps take seconds, not milliseconds.
jest.setTimeout(180_000);

// Access tokens that live a minute (the shortest the service allows); the dashboard refreshes
// one that has less than 30 seconds left. The page's Date.now is moved on instead of waiting
// (Playwright's fake clock would also stop the page's timers).
inBrowser('the dashboard’s session in Chromium', () => {
  let endTurn: (() => Promise<void>) | undefined;
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    endTurn = await takeTurn('shared');
    app = await startTestApp({ JWT_ACCESS_TTL: '60' });
    browser = await launchBrowser();
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await endTurn?.();
  });

  it('refreshes an expiring access token silently, keeps the session across a reload, and ends it on sign-out', async () => {
    const { page, problems } = await newWatchedPage(browser);
    const refreshes: number[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/api/v1/auth/refresh')) refreshes.push(response.status());
    });
    await page.addInitScript(() => {
      const realNow = Date.now.bind(Date);
      Date.now = () => realNow() + ((window as unknown as { clockOffset?: number }).clockOffset ?? 0);
    });
    await page.goto(`${app.baseUrl}/sign-in`);
    await signIn(page, app.admin.email, app.admin.password);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(refreshes).toEqual([]);
    await page.evaluate(() => {
      (window as unknown as { clockOffset: number }).clockOffset = 45_000;
    });

    const refreshed = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/refresh'));
    const listed = page.waitForResponse((response) => response.url().includes('/api/v1/missions?'));
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /^(Missies|Missions)$/ })
      .click();
    expect((await refreshed).status()).toBe(200);
    expect((await listed).status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: /^(Missies|Missions)$/ }).waitFor();
    // One refresh, however many requests found the token stale together.
    expect(refreshes).toEqual([200]);
    expect(new URL(page.url()).pathname).toBe('/missions');

    // A reload forgets the access token; the refresh token kept on the device brings the session back.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /^(Missies|Missions)$/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/missions');

    await page.getByRole('button', { name: /^(Afmelden|Sign out)$/ }).click();
    await page.waitForURL(/\/sign-in$/);
    const kept = await page.evaluate(() => localStorage.getItem('mission-crm.refresh'));
    expect(kept).toBeNull();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('stays signed in when a deep link opens by full load while the previous page’s refresh is still in flight', async () => {
    const { page, problems } = await newWatchedPage(browser);
    await page.goto(`${app.baseUrl}/sign-in`);
    await signIn(page, app.admin.email, app.admin.password);
    await page.getByRole('heading', { level: 1 }).waitFor();

    // The first refresh reaches the service, which rotates the token, but its answer never reaches
    // the page: the officer opens a link first, and the new page sends the same refresh token again.
    const statuses: number[] = [];
    let rotated!: () => void;
    const reachedService = new Promise<void>((resolve) => (rotated = resolve));
    let first = true;
    await page.route('**/api/v1/auth/refresh', async (route) => {
      if (!first) {
        const response = await route.fetch();
        statuses.push(response.status());
        return route.fulfill({ response });
      }
      first = false;
      const response = await route.fetch();
      statuses.push(response.status());
      rotated();
      // Held until the page is gone.
      await new Promise(() => undefined);
    });
    await page.reload({ waitUntil: 'commit' });
    await reachedService;
    const again = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/refresh'));
    await page.goto(`${app.baseUrl}/overdue`);
    expect((await again).status()).toBe(200);
    await page.waitForLoadState('networkidle');
    await page.getByRole('heading', { level: 1, name: /^(Achterstallige opvolging|Overdue follow-ups)$/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/overdue');
    expect(statuses).toEqual([200, 200]);
    // And the session goes on: another full load refreshes again.
    await page.unroute('**/api/v1/auth/refresh');
    const onward = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/refresh'));
    await page.reload();
    expect((await onward).status()).toBe(200);
    await page.waitForLoadState('networkidle');
    await page.getByRole('heading', { level: 1, name: /^(Achterstallige opvolging|Overdue follow-ups)$/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/overdue');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('sends a session whose refresh token was revoked back to sign-in, then on to the page asked for', async () => {
    const { page, problems } = await newWatchedPage(browser);
    await page.goto(`${app.baseUrl}/sign-in`);
    await signIn(page, app.admin.email, app.admin.password);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const refreshToken = await page.evaluate(() => localStorage.getItem('mission-crm.refresh'));
    const revoked = await app.as(null).post('auth/logout', { refreshToken });
    expect(revoked.status).toBe(204);

    await page.goto(`${app.baseUrl}/overdue`);
    await page.waitForURL(/\/sign-in\?next=%2Foverdue$/);
    await signIn(page, app.admin.email, app.admin.password);
    expect(new URL(page.url()).pathname).toBe('/overdue');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
