import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/app.js';

// A list's total is exact up to 10,000 matching rows and PostgreSQL's estimate past that, said
// so by totalIsEstimate: a broad list over a million rows must not count them all for every page.
describe('list totals', () => {
  let api: TestApp;
  let missionId: string;
  let otherMissionId: string;

  beforeAll(async () => {
    api = await startTestApp();
    const mission = (code: string) =>
      api.create('missions', {
        code,
        title: `Mission ${code}`,
        type: 'economic_mission',
        hostCountries: ['VN'],
        startDate: '2023-09-11',
        endDate: '2023-09-16',
        timeZone: 'Asia/Ho_Chi_Minh',
      });
    missionId = (await mission('VN-2023')).id;
    otherMissionId = (await mission('JP-2024')).id;
    // 10,050 actions on one mission and 120 on the other, straight into the table: a count past the cap needs that many rows.
    const db = api.app.get(DataSource);
    await db.query(
      `INSERT INTO actions (title, kind, mission_id, status, due_from, due_to, due_precision)
       SELECT 'Follow-up ' || i, 'other', $1, 'open', DATE '2024-01-01' + (i % 300), DATE '2024-01-01' + (i % 300) + 30, 'range' FROM generate_series(1, 10050) i`,
      [missionId],
    );
    await db.query(`INSERT INTO actions (title, kind, mission_id, status) SELECT 'Webinar ' || i, 'other', $1, 'done' FROM generate_series(1, 120) i`, [
      otherMissionId,
    ]);
    await db.query('ANALYZE actions');
  });

  afterAll(async () => {
    await api.close();
  });

  it('gives an estimate past 10,000 matching rows, saying so, and never 10,000 or fewer', async () => {
    const response = await api.get('actions?limit=10');
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(10);
    expect(response.body.totalIsEstimate).toBe(true);
    expect(response.body.total).toBeGreaterThan(10_000);
    // The planner's estimate after ANALYZE: near the 10,170 rows, not a made-up figure.
    expect(response.body.total).toBeGreaterThan(9_000);
    expect(response.body.total).toBeLessThan(12_000);
  });

  it('counts exactly when the filters leave 10,000 rows or fewer, also when the page is full', async () => {
    const response = await api.get(`actions?missionId=${otherMissionId}&limit=50`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ total: 120, totalIsEstimate: false, limit: 50, offset: 0 });
    expect(response.body.items).toHaveLength(50);
    const window = await api.get(`actions?missionId=${missionId}&dueAfter=2024-01-01&dueBefore=2024-01-10&limit=10`);
    // Windows ending on or after 1 January and starting on or before 10 January: i % 300 in 0…9, 34 rows each (33 for 0).
    const expected = Array.from({ length: 10 }, (_, day) => Array.from({ length: 10050 }, (_, i) => (i + 1) % 300).filter((d) => d === day).length).reduce(
      (a, b) => a + b,
      0,
    );
    expect(window.body).toMatchObject({ total: expected, totalIsEstimate: false });
  });

  it('counts a short page exactly from the rows it holds', async () => {
    const response = await api.get(`actions?missionId=${otherMissionId}&offset=100&limit=50`);
    expect(response.body).toMatchObject({ total: 120, totalIsEstimate: false });
    expect(response.body.items).toHaveLength(20);
  });

  it('says an empty list is exactly empty', async () => {
    const response = await api.get('actions?q=nothing-is-called-this');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [], total: 0, totalIsEstimate: false, limit: 50, offset: 0 });
  });

  it('marks every list with totalIsEstimate, small ones exact', async () => {
    for (const path of [
      'missions',
      'organisations',
      'contacts',
      'meetings',
      'agreements',
      'reminders',
      'users',
      'audit',
      `missions/${missionId}/participants`,
      'auth/tokens',
    ]) {
      const response = await api.get(path);
      expect([path, response.status, response.body.totalIsEstimate]).toEqual([path, 200, false]);
    }
  });
});
