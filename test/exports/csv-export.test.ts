import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { MAX_PAGE_SIZE } from '../../src/common/paging.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { missionWithManyActions } from './export-fixture.js';

const CSV = { accept: 'text/csv' };

/** A CSV answer as header and rows, after checking it is one. */
function readCsv(response: { status: number; headers: Headers; body: unknown }): { header: string[]; rows: Record<string, string>[] } {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const text = response.body as string;
  const records: string[][] = parse(text, { bom: true });
  const [header = [], ...rest] = records;
  return { header, rows: rest.map((record) => Object.fromEntries(header.map((name, index) => [name, record[index] ?? '']))) };
}

describe('lists as CSV', () => {
  let api: TestApp;
  let missionId: string;
  let otherMissionId: string;
  let openApi: {
    paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
    components: { schemas: Record<string, { properties: Record<string, unknown> }> };
  };

  beforeAll(async () => {
    api = await startTestApp();
    ({ missionId, otherMissionId } = await missionWithManyActions(api, 500));
    openApi = (await api.get('/api/docs-json')).body;
  }, 60_000);

  afterAll(() => api.close());

  it('answers every action matching the filters, past the page cap, in list order, with the documented fields as header', async () => {
    const response = await api.request('GET', `actions?missionId=${missionId}&status=open&sort=-dueTo`, undefined, CSV);
    const { header, rows } = readCsv(response);
    expect(header).toEqual(Object.keys(openApi.components.schemas.ActionResponseDto.properties));
    expect(rows).toHaveLength(250);
    expect(rows.length).toBeGreaterThan(MAX_PAGE_SIZE);
    expect(rows.every((row) => row.status === 'open' && row.missionId === missionId)).toBe(true);
    expect(rows[0].title).toBe('Individual follow-up appointment 500');
    expect(rows[249].title).toBe('Individual follow-up appointment 002');
    expect(rows[0].dueTo).toBe('2025-02-12');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="actions.csv"');
    // The JSON list says the same of the first row.
    const json = await api.get(`actions?missionId=${missionId}&status=open&sort=-dueTo&limit=1`);
    expect(json.body.total).toBe(250);
    expect(rows[0].id).toBe(json.body.items[0].id);
    expect(rows[0].version).toBe(String(json.body.items[0].version));
  });

  it('ignores limit and offset, and an empty result is the header alone', async () => {
    const all = readCsv(await api.request('GET', `actions?missionId=${otherMissionId}&limit=5&offset=10`, undefined, CSV));
    expect(all.rows).toHaveLength(30);
    const none = readCsv(await api.request('GET', `actions?missionId=${otherMissionId}&status=cancelled`, undefined, CSV));
    expect(none.rows).toHaveLength(0);
    expect(none.header).toContain('dueLabel');
  });

  it('keeps JSON for clients that prefer it', async () => {
    const response = await api.request('GET', `actions?missionId=${otherMissionId}`, undefined, { accept: 'application/json, text/csv;q=0.5' });
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(30);
  });

  it('validates the filters as the JSON list does', async () => {
    const response = await api.request('GET', 'actions?sort=owner', undefined, CSV);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'sort', message: expect.stringContaining('cannot sort by owner') }] });
  });

  it('writes a text that a spreadsheet would evaluate with a leading apostrophe', async () => {
    const dangerous = ['=HYPERLINK("http://example.test","x")', '+32 2 504 87 11', '-2+3', '@SUM(A1)'];
    for (const name of dangerous) await api.create('organisations', { name, kind: 'company', country: 'BE' });
    const { rows } = readCsv(await api.request('GET', 'organisations?sort=name', undefined, CSV));
    const names = rows.map((row) => row.name);
    for (const name of dangerous) expect(names).toContain(`'${name}`);
    expect(names.some((name) => /^[=+\-@]/.test(name))).toBe(false);
  });

  it('answers meetings with their parties, the delegation of a mission and the history of a record', async () => {
    const [nxtport, vinamarine] = await Promise.all([
      api.create<{ id: string }>('organisations', { name: 'NXTPORT International', kind: 'company', country: 'BE' }),
      api.create<{ id: string }>('organisations', { name: 'Vietnam Maritime Administration (Vinamarine)', kind: 'government_body', country: 'VN' }),
    ]);
    await api.create('meetings', {
      missionId,
      kind: 'b2b',
      title: 'NXTPORT – Vinamarine',
      startsAt: '2023-09-12T03:00:00Z',
      organisationIds: [nxtport.id],
      counterpartOrganisationIds: [vinamarine.id],
    });
    await api.create('meetings', { missionId: otherMissionId, kind: 'b2b', title: 'Earlier meeting', startsAt: '2018-05-14T03:00:00Z' });
    const meetings = readCsv(await api.request('GET', `meetings?missionId=${missionId}`, undefined, CSV));
    expect(meetings.rows).toHaveLength(1);
    expect(meetings.rows[0]).toMatchObject({
      title: 'NXTPORT – Vinamarine',
      organisationIds: nxtport.id,
      counterpartOrganisationIds: vinamarine.id,
      startsAt: '2023-09-12T03:00:00.000Z',
    });

    const participant = await api.create<{ id: string }>(`missions/${missionId}/participants`, {
      organisationId: nxtport.id,
      sectors: ['logistics', 'port management'],
    });
    const delegation = readCsv(await api.request('GET', `missions/${missionId}/participants`, undefined, CSV));
    expect(delegation.rows.map((row) => [row.id, row.sectors])).toEqual([[participant.id, 'logistics; port management']]);

    const history = readCsv(await api.request('GET', `organisations/${nxtport.id}/history`, undefined, CSV));
    expect(history.rows.map((row) => [row.action, row.entity, row.entityId, row.actorId])).toEqual([['create', 'organisation', nxtport.id, api.admin.id]]);
  });

  it('answers 404 for the delegation of an unknown mission, as the JSON list does', async () => {
    const response = await api.request('GET', 'missions/00000000-0000-4000-8000-000000000000/participants', undefined, CSV);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'not_found' });
  });

  it("exports the signer's own live API tokens, and never a token's secret", async () => {
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const kept = await api.create<{ id: string; token: string }>('auth/tokens', { name: 'Quarterly report for parliament', expiresAt });
    const revoked = await api.create<{ id: string; token: string }>('auth/tokens', { name: 'Old sync script', expiresAt });
    expect((await api.request('DELETE', `auth/tokens/${revoked.id}`)).status).toBe(204);
    const response = await api.request('GET', 'auth/tokens', undefined, CSV);
    const { header, rows } = readCsv(response);
    expect(header).toEqual(Object.keys(openApi.components.schemas.ApiTokenResponseDto.properties));
    expect(rows.map((row) => [row.id, row.name])).toEqual([[kept.id, 'Quarterly report for parliament']]);
    expect(response.body as string).not.toContain(kept.token);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="api-tokens.csv"');
  });

  it('documents the CSV and .xlsx answers of every list in OpenAPI', () => {
    const lists = [
      '/api/v1/actions',
      '/api/v1/missions',
      '/api/v1/organisations',
      '/api/v1/contacts',
      '/api/v1/meetings',
      '/api/v1/agreements',
      '/api/v1/users',
      '/api/v1/reminders',
      '/api/v1/audit',
      '/api/v1/missions/{missionId}/participants',
      '/api/v1/actions/{id}/reminders',
      '/api/v1/{resource}/{id}/history',
      '/api/v1/auth/tokens',
    ];
    for (const path of lists) {
      expect([path, Object.keys(openApi.paths[path]?.get?.responses['200']?.content ?? {})]).toEqual([
        path,
        ['application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ]);
    }
  });
});
