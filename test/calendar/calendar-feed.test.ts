import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ICAL from 'ical.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { VIETNAM_2023 } from '../support/fixtures.js';

const PUBLIC_URL = 'https://crm.fit.example';
const OFFICER = { email: 'els.vermeulen@fit.example', name: 'Els Vermeulen', role: 'officer', password: 'Haiphong-follow-up-2023' };

interface FeedEvent {
  uid: string;
  summary: string;
  description: string;
  start: string;
  end: string;
  allDay: boolean;
  sequence: number;
  url: string;
}

/** Parses a feed with ical.js, a standard iCalendar parser: a feed it cannot read fails the test. */
function parseFeed(text: string): FeedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      allDay: event.startDate.isDate && event.endDate.isDate,
      sequence: event.sequence,
      url: String(component.getFirstPropertyValue('url')),
    };
  });
}

describe('calendar feed', () => {
  let api: TestApp;
  let officer: { id: string };
  let token: string;
  let missionId: string;
  const actions = {} as Record<'visit' | 'signing' | 'done' | 'undated' | 'others', { id: string; version: number }>;

  const feedPath = (url: string): string => url.slice(PUBLIC_URL.length);
  const fetchFeed = (url: string, headers: Record<string, string> = {}) => fetch(`${api.baseUrl}${feedPath(url)}`, { headers });
  const asOfficer = () => api.as(token);

  beforeAll(async () => {
    api = await startTestApp({ PUBLIC_URL });
    officer = await api.create<{ id: string }>('users', OFFICER);
    token = await api.signIn(OFFICER.email, OFFICER.password);
    missionId = (await api.create<{ id: string }>('missions', { ...VIETNAM_2023, ownerId: officer.id })).id;
    const action = (body: Record<string, unknown>) => api.create<{ id: string; version: number }>('actions', { missionId, ...body });
    actions.visit = await action({ title: 'MOW visit for the Mekong River Commission', dueLabel: 'early November 2023', ownerId: officer.id });
    actions.signing = await action({ title: 'Signing of the letter of intent', dueLabel: 'November 2023', watcherIds: [officer.id], status: 'in_progress' });
    actions.done = await action({ title: 'Satisfaction survey', dueDate: '2023-10-01', ownerId: officer.id, status: 'done' });
    actions.undated = await action({ title: 'Individual follow-up appointments', ownerId: officer.id });
    actions.others = await action({ title: 'GOOSE project mission', dueLabel: 'March 2024', ownerId: api.admin.id });
  }, 60_000);

  afterAll(() => api.close());

  it('needs a signed-in user to create a feed', async () => {
    const response = await api.as(null).post('auth/calendar-feed', {});
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'unauthorized' });
  });

  let url: string;

  it('gives a secret URL whose feed holds the open actions one owns or watches and the missions one is responsible for', async () => {
    const created = await asOfficer().post('auth/calendar-feed', {});
    expect(created.status).toBe(201);
    url = created.body.url;
    expect(url).toMatch(/^https:\/\/crm\.fit\.example\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);

    const response = await fetchFeed(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const events = parseFeed(await response.text());
    expect(events.map((event) => event.summary).sort()).toEqual([
      'MOW visit for the Mekong River Commission (early November 2023)',
      'Signing of the letter of intent (November 2023)',
      'VN-2023 – Economic mission to Vietnam 2023',
    ]);
    const visit = events.find((event) => event.uid === `action-${actions.visit.id}@crm.fit.example`)!;
    // "early November" is 1–10 November; DTEND is the day after, as all-day events have it.
    expect(visit).toMatchObject({
      allDay: true,
      start: '2023-11-01',
      end: '2023-11-11',
      sequence: actions.visit.version,
      url: `${PUBLIC_URL}/actions/${actions.visit.id}`,
    });
    expect(visit.description).toBe(`Mission: VN-2023 – Economic mission to Vietnam 2023\nStatus: open\n${PUBLIC_URL}/actions/${actions.visit.id}`);
    const signing = events.find((event) => event.uid === `action-${actions.signing.id}@crm.fit.example`)!;
    expect(signing).toMatchObject({ start: '2023-11-01', end: '2023-12-01' });
    expect(signing.description).toContain('Status: in progress');
    const mission = events.find((event) => event.uid === `mission-${missionId}@crm.fit.example`)!;
    expect(mission).toMatchObject({ allDay: true, start: '2023-09-11', end: '2023-09-17', url: `${PUBLIC_URL}/missions/${missionId}` });
  });

  it('answers 304 to a client that holds the current ETag', async () => {
    const first = await fetchFeed(url);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await fetchFeed(url, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await fetchFeed(url, { 'if-none-match': '"something else"' })).status).toBe(200);
  });

  it('after a change the feed has a new ETag, and the event keeps its UID with a higher SEQUENCE', async () => {
    const before = await fetchFeed(url);
    const etag = before.headers.get('etag')!;
    const beforeVisit = parseFeed(await before.text()).find((event) => event.uid === `action-${actions.visit.id}@crm.fit.example`)!;
    const changed = await asOfficer().patch(`actions/${actions.visit.id}`, { dueLabel: 'mid November 2023', version: actions.visit.version });
    expect(changed.status).toBe(200);
    const after = await fetchFeed(url, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const afterVisit = parseFeed(await after.text()).find((event) => event.uid === beforeVisit.uid)!;
    expect(afterVisit.sequence).toBeGreaterThan(beforeVisit.sequence);
    expect(afterVisit).toMatchObject({ summary: 'MOW visit for the Mekong River Commission (mid November 2023)', start: '2023-11-11', end: '2023-11-21' });
  });

  it('an action that is done leaves the feed', async () => {
    const current = (await api.get(`actions/${actions.signing.id}`)).body;
    expect((await api.patch(`actions/${actions.signing.id}`, { status: 'done', version: current.version })).status).toBe(200);
    const events = parseFeed(await (await fetchFeed(url)).text());
    expect(events.map((event) => event.uid)).not.toContain(`action-${actions.signing.id}@crm.fit.example`);
    expect(events).toHaveLength(2);
  });

  it('rotating gives a new URL and the old one answers 404', async () => {
    const rotated = await asOfficer().post('auth/calendar-feed', {});
    expect(rotated.status).toBe(201);
    expect(rotated.body.url).not.toBe(url);
    const old = await fetchFeed(url);
    expect(old.status).toBe(404);
    expect(await old.json()).toMatchObject({ statusCode: 404, code: 'not_found' });
    expect((await fetchFeed(rotated.body.url)).status).toBe(200);
    url = rotated.body.url;
  });

  it('after revocation the URL answers 404, and revoking again is a 404 too', async () => {
    const revoked = await asOfficer().delete('auth/calendar-feed');
    expect(revoked.status).toBe(204);
    const response = await fetchFeed(url);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'not_found' });
    const again = await asOfficer().delete('auth/calendar-feed');
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ code: 'not_found' });
  });

  it('a URL that is no feed answers 404, and the feed is not under /api', async () => {
    for (const path of ['/calendar/not-a-token.ics', `/calendar/${'A'.repeat(43)}.ics`, `/api/v1/calendar/${'A'.repeat(43)}.ics`]) {
      const response = await fetch(`${api.baseUrl}${path}`);
      expect([path, response.status]).toEqual([path, 404]);
      expect(await response.json()).toMatchObject({ statusCode: 404 });
    }
  });
});
