import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';

// Rules every list shares: bounded paging, text search only where there is text,
// and date ranges that cannot be empty by construction.
describe('list contract', () => {
  let api: TestApp;
  let missionId: string;

  beforeAll(async () => {
    api = await startTestApp();
    const mission = await api.post('missions', {
      code: 'VN-2023',
      title: 'Economic mission to Vietnam',
      type: 'economic_mission',
      hostCountries: ['VN'],
      startDate: '2023-09-11',
      endDate: '2023-09-16',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    missionId = mission.body.id;
  });

  afterAll(async () => {
    await api.close();
  });

  it('refuses to page deeper than 10,000 rows, pointing to filters', async () => {
    const response = await api.get('actions?offset=10001');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed' });
    expect(response.body.details).toEqual([{ field: 'offset', message: 'offset must not be greater than 10000; narrow the list with filters instead' }]);
    expect((await api.get('actions?offset=10000')).status).toBe(200);
  });

  it.each([
    [
      'meetings',
      'startsAfter=2023-09-16T00:00:00%2B07:00&startsBefore=2023-09-11T00:00:00%2B07:00',
      'startsBefore',
      'startsBefore must not be before startsAfter',
    ],
    ['agreements', 'signedAfter=2023-12-01&signedBefore=2023-09-01', 'signedBefore', 'signedBefore must not be before signedAfter'],
    ['missions', 'startsAfter=2024-01-01&startsBefore=2023-01-01', 'startsBefore', 'startsBefore must not be before startsAfter'],
  ])('rejects an inverted date range on %s with 400', async (resource, query, field, message) => {
    const response = await api.get(`${resource}?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation_failed');
    expect(response.body.details).toContainEqual({ field, message });
  });

  it.each(['reminders?q=visit', 'missions/{mission}/participants?q=NXTPORT'])('rejects a text search where there is no text to search: %s', async (path) => {
    const response = await api.get(path.replace('{mission}', missionId));
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'q', message: expect.stringMatching(/^unknown query parameter q: this list takes (\w+, )*sort$/) }]);
  });

  it('finds organisations by one of their sectors', async () => {
    await api.post('organisations', { name: 'NXTPORT International', kind: 'company', country: 'BE', sectors: ['logistics', 'ports'] });
    await api.post('organisations', { name: 'CamCO Technologies', kind: 'company', country: 'BE', sectors: ['energy'] });
    const ports = await api.get('organisations?sector=ports');
    expect(ports.body.items.map((organisation: { name: string }) => organisation.name)).toEqual(['NXTPORT International']);
    expect(ports.body.total).toBe(1);
  });
});

describe('integrity across resources', () => {
  let api: TestApp;
  const mission = (code: string) => ({
    code,
    title: `Mission ${code}`,
    type: 'economic_mission',
    hostCountries: ['VN'],
    startDate: '2023-09-11',
    endDate: '2023-09-16',
    timeZone: 'Asia/Ho_Chi_Minh',
  });

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(async () => {
    await api.close();
  });

  it('refuses missions that follow each other in a circle', async () => {
    const earlier = await api.post('missions', mission('VN-2018'));
    const later = await api.post('missions', { ...mission('VN-2023'), previousMissionId: earlier.body.id });
    const circle = await api.patch(`missions/${earlier.body.id}`, { previousMissionId: later.body.id });
    expect(circle.status).toBe(400);
    expect(circle.body.details).toEqual([
      { field: 'previousMissionId', message: `mission ${later.body.id} already follows this mission: missions cannot follow each other in a circle` },
    ]);
  });

  it('keeps a reference sent back unchanged after what it names was archived', async () => {
    const leader = await api.post('contacts', { name: 'Jan Jambon', role: 'Minister-President' });
    const created = await api.post('missions', { ...mission('VN-2024'), leaderContactId: leader.body.id });
    expect((await api.delete(`contacts/${leader.body.id}`)).status).toBe(204);
    const again = await api.patch(`missions/${created.body.id}`, { leaderContactId: leader.body.id, theme: '50 years of diplomatic relations' });
    expect(again.status).toBe(200);
    expect(again.body.theme).toBe('50 years of diplomatic relations');
  });

  it('refuses to move a meeting with follow-ups to another mission (409)', async () => {
    const first = await api.post('missions', mission('VN-2025'));
    const second = await api.post('missions', mission('VN-2026'));
    const meeting = await api.post('meetings', {
      missionId: first.body.id,
      kind: 'official',
      title: 'Prime Minister Pham Minh Chinh',
      startsAt: '2023-09-12T10:00:00+07:00',
    });
    await api.post('actions', { title: 'State visit', missionId: first.body.id, meetingId: meeting.body.id, dueLabel: 'autumn 2024' });
    const moved = await api.patch(`meetings/${meeting.body.id}`, { missionId: second.body.id });
    expect(moved.status).toBe(409);
    expect(moved.body).toMatchObject({
      code: 'still_referenced',
      details: [{ field: 'missionId', message: 'the meeting has actions or agreements of its current mission' }],
    });
  });
});
