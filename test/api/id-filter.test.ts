import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { VIETNAM_2023 } from '../support/fixtures.js';
import { type ApiResponse, startTestApp, type TestApp } from '../support/app.js';

function expectIdRefused(response: ApiResponse, message: string): void {
  expect(response.status).toBe(400);
  expect(response.body).toEqual({
    statusCode: 400,
    code: 'validation_failed',
    message: 'The request is not valid; see details',
    details: [{ field: 'id', message }],
    requestId: response.headers.get('x-request-id'),
  });
}

const byId = (a: string, b: string) => a.localeCompare(b);

describe('the id filter of the lists', () => {
  let api: TestApp;
  const ids: Record<string, string[]> = {};

  beforeAll(async () => {
    api = await startTestApp();
    const created = async (path: string, bodies: Record<string, unknown>[]) => {
      ids[path] = [];
      for (const body of bodies) ids[path].push((await api.create<{ id: string }>(path, body)).id);
    };
    await created('organisations', [
      { name: 'Vinamarine', kind: 'government_body', country: 'VN', city: 'Hanoi' },
      { name: 'NXTPORT International', kind: 'company', country: 'BE', city: 'Antwerp' },
      { name: 'HCMC University of Education', kind: 'university', country: 'VN' },
    ]);
    const [vinamarine, nxtport] = ids.organisations;
    await created('contacts', [
      { organisationId: vinamarine, name: 'Nguyen Van Hai', role: 'Director of International Cooperation' },
      { organisationId: nxtport, name: 'Marleen Peeters', role: 'Business developer' },
      { organisationId: nxtport, name: 'Koen De Smet' },
    ]);
    await created('users', [
      { email: 'bart.claes@fit.example', name: 'Bart Claes' },
      { email: 'eva.maes@fit.example', name: 'Eva Maes' },
      { email: 'chris.viewer@fit.example', name: 'Chris Viewer', role: 'viewer' },
    ]);
    await created('missions', [
      VIETNAM_2023,
      { ...VIETNAM_2023, code: 'VN-2025', title: 'Economic mission to Vietnam 2025', startDate: '2025-03-10', endDate: '2025-03-14' },
      {
        ...VIETNAM_2023,
        code: 'TH-2024',
        title: 'Sector mission to Thailand 2024',
        hostCountries: ['TH'],
        timeZone: 'Asia/Bangkok',
        startDate: '2024-05-06',
        endDate: '2024-05-10',
      },
    ]);
  });

  afterAll(async () => {
    await api.close();
  });

  describe.each(['organisations', 'contacts', 'users', 'missions'])('GET /%s', (path) => {
    it('returns exactly the records named, whatever else there is', async () => {
      const [first, , third] = ids[path];
      const everything = await api.get(path);
      expect(everything.body.total).toBeGreaterThanOrEqual(3);

      const response = await api.get(`${path}?id=${first},${third}`);
      expect(response.status).toBe(200);
      expect(response.body.total).toBe(2);
      expect(response.body.items.map((item: { id: string }) => item.id).sort(byId)).toEqual([first, third].sort(byId));
    });

    it('takes one id, ids with spaces after the commas, and ids that name nothing', async () => {
      const [first, second] = ids[path];
      const one = await api.get(`${path}?id=${second}`);
      expect(one.status).toBe(200);
      expect(one.body.items.map((item: { id: string }) => item.id)).toEqual([second]);

      const spaced = await api.get(`${path}?id=${first},%20${second}`);
      expect(spaced.body.items.map((item: { id: string }) => item.id).sort(byId)).toEqual([first, second].sort(byId));

      const unknown = await api.get(`${path}?id=${randomUUID()}`);
      expect(unknown.status).toBe(200);
      expect(unknown.body).toMatchObject({ total: 0, items: [] });
    });

    it('combines with the other filters', async () => {
      const response = await api.get(`${path}?id=${ids[path].join(',')}&q=zzz-matches-nothing`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ total: 0, items: [] });
    });

    it('refuses an id that is not a UUID', async () => {
      expectIdRefused(await api.get(`${path}?id=${ids[path][0]},42`), 'id must be one or several UUIDs separated by commas');
    });

    it('refuses more than 200 ids', async () => {
      const many = Array.from({ length: 201 }, () => randomUUID()).join(',');
      expectIdRefused(await api.get(`${path}?id=${many}`), 'id must contain no more than 200 elements');
    });

    it('takes 200 ids', async () => {
      const many = [ids[path][0], ...Array.from({ length: 199 }, () => randomUUID())].join(',');
      const response = await api.get(`${path}?id=${many}`);
      expect(response.status).toBe(200);
      expect(response.body.items.map((item: { id: string }) => item.id)).toEqual([ids[path][0]]);
    });
  });
});
