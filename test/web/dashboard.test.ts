import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { seedDemoData, demoId } from '../../src/demo/seed.js';
import { actionUrl, renderActionMessage } from '../../src/reminders/delivery/messages.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { takeTurn } from '../support/turns.js';
import en from '../../web/src/i18n/en.json' with { type: 'json' };
import nl from '../../web/src/i18n/nl.json' with { type: 'json' };
import { AN, DEMO_PASSWORD, ELS, giveDemoPassword } from './demo-users.js';
import { browserAvailable, launchBrowser, newWatchedPage, screenshot, seriousViolations, signIn } from './browser.js';

// An officer's day on the reference mission, in a real browser against the real service.

const MOW_VISIT = demoId('action', 'action-mow-mrc-visit');

const flatten = (tree: object, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' ? flatten(value as object, `${prefix}${key}.`) : [[`${prefix}${key}`, String(value)]],
  );
const dutch = new Map(flatten(nl));
/** Interface strings that read differently in English: none of them may show in the Dutch interface. */
const ENGLISH_ONLY = new Set(flatten(en).flatMap(([key, text]) => (dutch.get(key) !== text && !text.includes('{{') ? [text] : [])));

/** The texts of the interface's own elements (navigation, headings, buttons, labels, column heads). */
async function chromeTexts(page: Page): Promise<string[]> {
  return page
    .locator('nav a, h1, h2, h3, button, label, th, legend, .tile-label, .badge')
    .evaluateAll((elements) =>
      elements
        .map((element) =>
          element.childNodes.length === 1
            ? (element.textContent ?? '')
            : Array.from(element.childNodes, (node) => (node.nodeType === 3 ? node.textContent : '')).join(''),
        )
        .map((text) => text.trim()),
    );
}

const inBrowser = browserAvailable() ? describe : describe.skip;
// A real browser on a machine shared with the rest of the suite: steps take seconds, not milliseconds.
jest.setTimeout(180_000);

inBrowser('the dashboard in Chromium', () => {
  let endTurn: (() => Promise<void>) | undefined;
  let app: TestApp;
  let browser: Browser;
  let missionId: string;

  beforeAll(async () => {
    endTurn = await takeTurn('shared');
    app = await startTestApp();
    await seedDemoData({ url: app.database.url });
    await giveDemoPassword(app, ELS, AN);
    const missions = await app.get('missions?q=VN-2023');
    missionId = missions.body.items[0].id;
    browser = await launchBrowser();
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await endTurn?.();
  });

  describe('an officer’s day in the Dutch interface', () => {
    let page: Page;
    let problems: string[];
    const visited: string[] = [];

    const visit = async (path: string, name: string, heading: string | RegExp): Promise<void> => {
      await page.goto(`${app.baseUrl}${path}`);
      await expect(page.getByRole('heading', { level: 1, name: heading }).waitFor()).resolves.toBeUndefined();
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page)).toEqual([]);
      const english = (await chromeTexts(page)).filter((text) => ENGLISH_ONLY.has(text));
      expect(english).toEqual([]);
      await screenshot(page, name);
      visited.push(path);
    };

    beforeAll(async () => {
      ({ page, problems } = await newWatchedPage(browser));
    });

    it('opens the action of a reminder e-mail’s link, signing in first and then going on to it', async () => {
      const action = (await app.get(`actions/${MOW_VISIT}`)).body;
      const message = renderActionMessage(
        'overdue',
        { ...action, missionCode: 'VN-2023', missionTitle: 'Economic mission to Vietnam 2023', ownerName: 'Els Vermeulen' },
        { name: 'Els Vermeulen', language: 'nl' },
        {
          actionUrl: actionUrl(app.baseUrl, MOW_VISIT),
        },
      );
      const link = /https?:\/\/\S+\/actions\/[0-9a-f-]{36}/.exec(message.text)?.[0];
      expect(link).toBe(`${app.baseUrl}/actions/${MOW_VISIT}`);

      await page.goto(link!);
      await page.waitForURL(/\/sign-in\?next=/);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'sign-in');
      await signIn(page, ELS.email, DEMO_PASSWORD);
      expect(new URL(page.url()).pathname).toBe(`/actions/${MOW_VISIT}`);
      await expect(page.getByRole('heading', { level: 1, name: action.title }).waitFor()).resolves.toBeUndefined();
    });

    it('shows my overdue follow-ups of the Vietnam mission on the home page, with counts', async () => {
      await visit('/', 'my-follow-ups', 'Mijn opvolging');
      const overdue = page.getByRole('region', { name: /^Achterstallig/ });
      await expect(overdue.getByRole('link', { name: 'MOW visit to Vietnam for the Mekong River Commission' }).waitFor()).resolves.toBeUndefined();
      const mine = await app.get(`actions?ownerId=${ELS.id}&overdue=true&limit=200`);
      const heading = await overdue.getByRole('heading', { level: 2 }).textContent();
      // Owned or watched: at least the ones I own.
      expect(Number(/\((\d+)\)/.exec(heading ?? '')?.[1])).toBeGreaterThanOrEqual(mine.body.total);
      expect(mine.body.total).toBeGreaterThan(0);
    });

    it('postpones an overdue follow-up to "najaar 2027", showing the window while typing, and the API holds it', async () => {
      const before = (await app.get(`actions/${MOW_VISIT}`)).body;
      await visit(`/actions/${MOW_VISIT}`, 'action', 'MOW visit to Vietnam for the Mekong River Commission');
      await page.getByRole('button', { name: 'Uitstellen: MOW visit to Vietnam for the Mekong River Commission' }).click();
      await page.getByLabel('Nieuwe termijn').fill('najaar 2027');
      const window = (await app.get('actions/due-window?dueLabel=najaar%202027')).body;
      await expect(page.getByText(/^Gelezen als: /).waitFor()).resolves.toBeUndefined();
      expect(await page.getByText(/^Gelezen als: /).textContent()).toContain('2027');
      await page.getByRole('button', { name: 'Uitstellen', exact: true }).last().click();
      await expect(page.getByText('najaar 2027').first().waitFor()).resolves.toBeUndefined();

      // A new window, still active (not the API's on-hold `postponed`): reminders are planned for autumn 2027.
      const stored = (await app.get(`actions/${MOW_VISIT}`)).body;
      expect(window.dueFrom).toMatch(/^2027-/);
      expect(stored).toMatchObject({ status: before.status, dueLabel: 'najaar 2027', dueFrom: window.dueFrom, dueTo: window.dueTo, overdue: false });
      const reminders = (await app.get(`actions/${MOW_VISIT}/reminders?limit=100`)).body;
      const planned = reminders.items.filter((reminder: { status: string; fireAt: string }) => reminder.status === 'planned' && /^2027-/.test(reminder.fireAt));
      expect(planned.length).toBeGreaterThan(0);
      // A reminder skipped says why, in Dutch: the API's reason is English.
      const skipped = await app.post(`reminders/${planned[0].id}/skip`, {});
      expect([skipped.status, skipped.body.reason]).toEqual([200, 'skipped by request']);
      await page.reload();
      const panel = page.locator('section', { has: page.getByRole('heading', { name: 'Herinneringen' }) });
      await expect(panel.getByText('overgeslagen op verzoek').first().waitFor()).resolves.toBeUndefined();
      expect(await panel.getByText('skipped by request').count()).toBe(0);
    });

    it('creates a follow-up with a fuzzy date, shows the API’s field errors beside the fields, and the API holds it', async () => {
      await visit(`/actions/new?missionId=${missionId}`, 'action-form', 'Nieuwe opvolgactie');
      await page.getByLabel('Termijn').fill('ergens binnenkort');
      await page.getByLabel('Titel').fill('Webinar for the delegation on port logistics');
      await expect(page.getByText(/^Niet begrepen als datum/).waitFor()).resolves.toBeUndefined();
      await page.getByRole('button', { name: 'Aanmaken' }).click();
      // The API's message for dueLabel, in Dutch, next to the field, and the form's own summary.
      await expect(
        page
          .locator('.field.has-error .field-error')
          .getByText(/^Niet begrepen als datum/)
          .waitFor(),
      ).resolves.toBeUndefined();
      await expect(page.getByRole('alert').getByText('Enkele velden vragen aandacht.').waitFor()).resolves.toBeUndefined();

      await page.getByLabel('Termijn').fill('maart 2028');
      await expect(page.getByText(/^Gelezen als: /).waitFor()).resolves.toBeUndefined();
      await page.getByRole('button', { name: 'Aanmaken' }).click();
      await page.waitForURL(/\/actions\/[0-9a-f-]{36}$/);
      const id = new URL(page.url()).pathname.split('/').pop()!;
      await expect(page.getByRole('heading', { level: 1, name: 'Webinar for the delegation on port logistics' }).waitFor()).resolves.toBeUndefined();
      const created = (await app.get(`actions/${id}`)).body;
      expect(created).toMatchObject({
        title: 'Webinar for the delegation on port logistics',
        missionId,
        dueLabel: 'maart 2028',
        dueFrom: '2028-03-01',
        dueTo: '2028-03-31',
        status: 'open',
        // Owned by whoever records it unless they choose otherwise: an action without owner is in nobody's list.
        ownerId: ELS.id,
      });
    });

    it('walks the other pages: the mission with its tiles and charts, the overdue board, organisations, contacts, tokens', async () => {
      await visit(`/missions/${missionId}`, 'mission', 'Economic mission to Vietnam 2023');
      const summary = (await app.get(`missions/${missionId}/summary`)).body;
      await expect(
        page.getByRole('list', { name: 'Resultaten' }).getByText(String(summary.participants.total), { exact: true }).waitFor(),
      ).resolves.toBeUndefined();
      await expect(page.getByRole('heading', { name: 'Voortgang van de opvolging' }).waitFor()).resolves.toBeUndefined();
      await expect(page.getByRole('heading', { name: 'Ontmoetingen per dag' }).waitFor()).resolves.toBeUndefined();
      await expect(page.locator('.recharts-bar-rectangle').first().waitFor()).resolves.toBeUndefined();
      await expect(page.getByRole('link', { name: 'NXTPORT International' }).first().waitFor()).resolves.toBeUndefined();
      await screenshot(page, 'mission');

      await visit('/missions', 'missions', 'Missies');
      await visit('/overdue', 'overdue-board', 'Achterstallige opvolging');
      await visit('/organisations?q=NXTPORT', 'organisations', 'Organisaties');
      await page.getByRole('link', { name: 'NXTPORT International' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'NXTPORT International' }).waitFor()).resolves.toBeUndefined();
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'organisation');
      await visit('/contacts', 'contacts', 'Contactpersonen');
      await visit('/tokens', 'tokens', 'API-sleutels');
      // Users are for admins: an officer is not offered the page.
      expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Gebruikers' }).count()).toBe(0);
    }, 180_000);

    it('passes axe on every form and remaining page, with no English in the Dutch interface', async () => {
      const contact = (await app.get('contacts?q=Vermeulen')).body.items[0];
      const pages: [string, string][] = [
        [`/actions/${MOW_VISIT}/edit`, 'Opvolgactie wijzigen'],
        ['/missions/new', 'Nieuwe missie'],
        [`/missions/${missionId}/edit`, 'Missie wijzigen'],
        [`/missions/${missionId}/participants/new`, 'Aan delegatie toevoegen'],
        [`/meetings/new?missionId=${missionId}`, 'Nieuwe ontmoeting'],
        [`/agreements/new?missionId=${missionId}`, 'Nieuw akkoord'],
        ['/organisations/new', 'Nieuwe organisatie'],
        ['/contacts/new', 'Nieuwe contactpersoon'],
        [`/contacts/${contact.id}`, contact.name],
        ['/imports', 'Importeren'],
        ['/profile', 'Mijn profiel'],
      ];
      for (const [path, heading] of pages) await visit(path, path.split('?')[0].replaceAll('/', '-').slice(1), heading);
    });

    it('signs out, after which the pages ask to sign in again', async () => {
      await page.getByRole('button', { name: 'Afmelden' }).click();
      await page.waitForURL(/\/sign-in$/);
      await page.goto(`${app.baseUrl}/missions`);
      await page.waitForURL(/\/sign-in\?next=%2Fmissions$/);
      expect(visited.length).toBeGreaterThan(5);
      expect(problems).toEqual([]);
    });
  });

  describe('a viewer', () => {
    it('sees the follow-ups and missions but no button that would answer 403', async () => {
      const { page, problems } = await newWatchedPage(browser);
      await page.goto(`${app.baseUrl}/sign-in`);
      await signIn(page, AN.email, DEMO_PASSWORD);
      await page.goto(`${app.baseUrl}/missions/${missionId}`);
      await expect(page.getByRole('heading', { level: 1, name: 'Economic mission to Vietnam 2023' }).waitFor()).resolves.toBeUndefined();
      await page.waitForLoadState('networkidle');
      for (const name of ['Wijzigen', 'Aan delegatie toevoegen', 'Nieuwe ontmoeting', 'Nieuw akkoord', 'Nieuwe opvolgactie']) {
        expect(await page.getByRole('link', { name }).count()).toBe(0);
      }
      await page.goto(`${app.baseUrl}/actions/${demoId('action', 'action-loi-signing')}`);
      await expect(page.getByRole('heading', { name: 'Herinneringen' }).waitFor()).resolves.toBeUndefined();
      await page.waitForLoadState('networkidle');
      for (const name of [/^Afronden/, /^Uitstellen/, /^Toewijzen/, 'Later', 'Overslaan']) expect(await page.getByRole('button', { name }).count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'viewer-action');
      // The buttons are hidden because the API would refuse: check that it does.
      const token = await app.signIn(AN.email, DEMO_PASSWORD);
      const refused = await app.as(token).patch(`actions/${demoId('action', 'action-loi-signing')}`, { status: 'done', version: 1 });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('forbidden');
      // Typing a form's address gives the designed refusal, not a form whose saving would answer 403.
      for (const path of [
        `/actions/new?missionId=${missionId}`,
        '/missions/new',
        `/actions/${demoId('action', 'action-loi-signing')}/edit`,
        '/organisations/new',
      ]) {
        await page.goto(`${app.baseUrl}${path}`);
        await expect(page.getByText(nl.state.forbidden).waitFor()).resolves.toBeUndefined();
        expect([path, await page.getByRole('button', { name: /^(Aanmaken|Bewaren)$/ }).count()]).toEqual([path, 0]);
      }
      expect(problems).toEqual([]);
      await page.context().close();
    });
  });

  describe('the English interface and an admin', () => {
    it('switches to English, remembers it, and offers users to admins', async () => {
      const { page, problems } = await newWatchedPage(browser, 'en-GB');
      await page.goto(`${app.baseUrl}/sign-in`);
      await signIn(page, app.admin.email, app.admin.password);
      await page.getByLabel('Taal').first().selectOption('en');
      await expect(page.getByRole('heading', { level: 1, name: 'My follow-ups' }).waitFor()).resolves.toBeUndefined();
      await page.reload();
      await expect(page.getByRole('heading', { level: 1, name: 'My follow-ups' }).waitFor()).resolves.toBeUndefined();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Users' }).waitFor()).resolves.toBeUndefined();
      await expect(page.getByRole('link', { name: 'Els Vermeulen' }).waitFor()).resolves.toBeUndefined();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'users');
      await page.getByRole('link', { name: 'Els Vermeulen' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Edit user' }).waitFor()).resolves.toBeUndefined();
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('signs in with the keyboard alone and reaches the content through the skip link', async () => {
      const { page, problems } = await newWatchedPage(browser);
      await page.goto(`${app.baseUrl}/sign-in`);
      // The e-mail field has the focus when the page opens; Tab leads on to the password.
      await page.getByLabel('E-mailadres').waitFor();
      await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'email');
      await page.keyboard.type(ELS.email);
      await page.keyboard.press('Tab');
      await page.keyboard.type(DEMO_PASSWORD);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${app.baseUrl}/`);
      await page.getByRole('heading', { level: 1, name: 'Mijn opvolging' }).waitFor();
      // A page opened afresh: the first stop of the keyboard is the skip link.
      await page.goto(`${app.baseUrl}/overdue`);
      await page.getByRole('heading', { level: 1, name: 'Achterstallige opvolging' }).waitFor();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))).toContain('Naar de inhoud');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('passes axe on the pages one reaches without signing in', async () => {
      const { page, problems } = await newWatchedPage(browser);
      for (const [path, heading] of [
        ['/forgot-password', 'Wachtwoord vergeten?'],
        ['/reset-password?token=not-a-real-link', 'Kies je wachtwoord'],
      ]) {
        await page.goto(`${app.baseUrl}${path}`);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        expect(await seriousViolations(page)).toEqual([]);
      }
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('answers unknown API paths with JSON 404s, not the dashboard', async () => {
      const response = await fetch(`${app.baseUrl}/api/v1/no-such-thing`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ statusCode: 404, code: 'not_found' });
    });
  });
});
