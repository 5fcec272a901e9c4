/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { seedDemoData } from '../../src/demo/seed.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { takeTurn } from '../support/turns.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { AN, DEMO_PASSWORD, ELS, giveDemoPassword } from './demo-users.js';
import { browserAvailable, launchBrowser, newWatchedPage, screenshot, seriousViolations, signIn } from './browser.js';

// What an officer does with the data in the dashboard: the report, the survey, exports,
// imports, the calendar link, their own profile, and a password chosen from an e-mail's link.

const inBrowser = browserAvailable() ? describe : describe.skip;
// A real browser on a machine shared with the rest of the suite: steps take seconds, not milliseconds.
jest.setTimeout(180_000);

inBrowser('data in and out of the dashboard in Chromium', () => {
  let endTurn: (() => Promise<void>) | undefined;
  let app: TestApp;
  let smtp: SmtpSink;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let missionId: string;

  beforeAll(async () => {
    endTurn = await takeTurn('shared');
    smtp = await startSmtpSink();
    app = await startTestApp({ SMTP_URL: smtp.url });
    await seedDemoData({ url: app.database.url });
    await giveDemoPassword(app, ELS);
    missionId = (await app.get('missions?q=VN-2023')).body.items[0].id;
    browser = await launchBrowser();
    ({ page, problems } = await newWatchedPage(browser));
    await page.goto(`${app.baseUrl}/sign-in`);
    await signIn(page, ELS.email, DEMO_PASSWORD);
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await smtp?.close();
    await endTurn?.();
  });

  it('shows the mission’s report for the day of the parliamentary question, in Dutch, printable', async () => {
    await page.goto(`${app.baseUrl}/missions/${missionId}#report`);
    const section = page.getByRole('region', { name: 'Verslag' });
    await section.getByLabel('Stand op').fill('2023-09-22');
    await section.getByRole('button', { name: 'Verslag tonen' }).click();
    const report = page.frameLocator('iframe.report-frame');
    await report
      .getByText(/NXTPORT International/)
      .first()
      .waitFor();
    await report
      .getByText(/Vinamarine/)
      .first()
      .waitFor();
    expect(await section.getByRole('button', { name: 'Afdrukken' }).isEnabled()).toBe(true);
    await screenshot(page, 'mission-report');
    // axe does not enter the report's frame (it runs no scripts): the report is checked as a page of its own.
    const html = await (
      await fetch(`${app.baseUrl}/api/v1/missions/${missionId}/report?asOf=2023-09-22&lang=nl`, {
        headers: { authorization: `Bearer ${app.token}`, accept: 'text/html' },
      })
    ).text();
    const printable = await page.context().newPage();
    await printable.setContent(html);
    expect(await seriousViolations(printable)).toEqual([]);
    await printable.close();
    await section.getByRole('button', { name: 'Verslag verbergen' }).click();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('sends the satisfaction survey and shows its progress as the API counts it', async () => {
    const section = page.getByRole('region', { name: 'Tevredenheidsbevraging' });
    const closesOn = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    await section.getByLabel('Antwoorden tot').fill(closesOn);
    await section.getByRole('button', { name: 'Bevraging versturen' }).click();
    await expect(section.getByText('bedrijven uitgenodigd').waitFor()).resolves.toBeUndefined();
    const progress = (await app.get(`missions/${missionId}/survey`)).body;
    expect(progress.invited).toBeGreaterThan(0);
    await expect(section.locator('.tile-value').first().textContent()).resolves.toBe(String(progress.invited));
  });

  it('exports every organisation the search matches as CSV, past the page on screen', async () => {
    await page.goto(`${app.baseUrl}/organisations?q=demo`);
    await page.getByRole('heading', { level: 1, name: 'Organisaties' }).waitFor();
    const expected = (await app.get('organisations?q=demo&limit=1')).body.total;
    expect(expected).toBeGreaterThan(25);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exporteren (CSV)' }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toContain('name');
    expect(lines.length - 1).toBe(expected);
  });

  it('exports the same organisations as an .xlsx workbook beside the CSV', async () => {
    const expected = (await app.get('organisations?q=demo&limit=1')).body.total;
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exporteren (.xlsx)' }).click();
    expect((await download).suggestedFilename()).toBe('organisations.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await (await download).path());
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toContain('name');
    expect(sheet.rowCount - 1).toBe(expected);
  });

  it("exports a mission's agreements from its page, as its section lists them", async () => {
    await page.goto(`${app.baseUrl}/missions/${missionId}`);
    const section = page.locator('#agreements');
    await section.getByRole('heading', { level: 2 }).waitFor();
    const expected = (await app.get(`agreements?missionId=${missionId}&limit=200`)).body.items.map((agreement: { id: string }) => agreement.id);
    expect(expected.length).toBeGreaterThan(1);
    const download = page.waitForEvent('download');
    await section.getByRole('button', { name: 'Exporteren (CSV)' }).click();
    const [header, ...rows] = readFileSync(await (await download).path(), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(header.split(',')[0]).toBe('id');
    expect(rows.map((row) => row.split(',')[0]).sort()).toEqual([...expected].sort());
  });

  it('checks an organisations file row by row, then imports it, and the API holds the rows', async () => {
    await page.goto(`${app.baseUrl}/imports`);
    await page.getByRole('heading', { level: 1, name: 'Importeren' }).waitFor();
    await page.getByLabel('Wat het bestand bevat').selectOption('organisations');
    const csv = 'naam;soort;land;stad\nHải Phòng Port Services;company;VN;Hải Phòng\nMekong Delta Logistics;company;VN;Cần Thơ\n';
    await page.getByLabel('Bestand (CSV of .xlsx)').setInputFiles({ name: 'organisaties.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Bestand controleren' }).click();
    await expect(page.getByRole('heading', { name: 'Gecontroleerd: nog niets bewaard' }).waitFor()).resolves.toBeUndefined();
    expect((await app.get('organisations?q=Mekong%20Delta%20Logistics')).body.total).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'import-dry-run');
    await page.getByRole('button', { name: 'Importeren', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Geïmporteerd' }).waitFor()).resolves.toBeUndefined();
    expect((await app.get('organisations?q=Mekong%20Delta%20Logistics')).body.total).toBe(1);
  });

  it('makes a calendar link that a calendar program can read without signing in', async () => {
    await page.goto(`${app.baseUrl}/profile`);
    await page.getByRole('heading', { level: 1, name: 'Mijn profiel' }).waitFor();
    await page.getByRole('button', { name: 'Agendalink maken' }).click();
    const url = (await page.locator('code.secret').textContent())!;
    expect(url).toMatch(/\/calendar\/[^/]+\.ics$/);
    const feed = await fetch(url.replace(/^https?:\/\/[^/]+/, app.baseUrl));
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('saves my language in my profile, and the interface follows it', async () => {
    await page.getByRole('region', { name: 'Instellingen' }).getByLabel('Taal').selectOption('en');
    await page.getByRole('button', { name: 'Bewaren' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor()).resolves.toBeUndefined();
    expect((await app.get(`users/${ELS.id}`)).body.language).toBe('en');
    expect(problems).toEqual([]);
  });

  it('lets an invited user choose a password from the e-mail’s link, then sign in', async () => {
    const before = smtp.received.length;
    expect((await app.post('auth/invitations', { userId: AN.id })).status).toBe(201);
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    const token = /reset-password\?token=([\w-]+)/.exec(mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '='))?.[1];
    expect(token).toBeDefined();

    const visitor = await newWatchedPage(browser);
    await visitor.page.goto(`${app.baseUrl}/reset-password?token=${token}`);
    await visitor.page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('An-Claes-chooses-this-one');
    await visitor.page.getByLabel('Nieuw wachtwoord nogmaals').fill('An-Claes-chooses-this-one');
    expect(await seriousViolations(visitor.page)).toEqual([]);
    await visitor.page.getByRole('button', { name: 'Wachtwoord bewaren' }).click();
    await expect(visitor.page.getByText('Je wachtwoord is ingesteld.').waitFor()).resolves.toBeUndefined();
    await visitor.page.getByRole('link', { name: 'Aanmelden' }).click();
    await signIn(visitor.page, AN.email, 'An-Claes-chooses-this-one');
    await expect(visitor.page.getByRole('heading', { level: 1, name: 'Mijn opvolging' }).waitFor()).resolves.toBeUndefined();

    // The link works once.
    await visitor.page.goto(`${app.baseUrl}/reset-password?token=${token}`);
    await visitor.page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('Another-password-2024');
    await visitor.page.getByLabel('Nieuw wachtwoord nogmaals').fill('Another-password-2024');
    await visitor.page.getByRole('button', { name: 'Wachtwoord bewaren' }).click();
    await expect(
      visitor.page
        .getByRole('alert')
        .getByText(/Deze link werkt niet meer/)
        .waitFor(),
    ).resolves.toBeUndefined();
    expect(visitor.problems).toEqual([]);
    await visitor.page.context().close();
  });
});
