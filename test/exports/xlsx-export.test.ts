import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { XLSX_MEDIA_TYPE } from '../../src/common/media-types.js';
import { MAX_PAGE_SIZE } from '../../src/common/paging.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { missionWithManyActions } from './export-fixture.js';

const XLSX = { accept: XLSX_MEDIA_TYPE };

interface Sheet {
  name: string;
  header: string[];
  /** Each data row by column name, as exceljs reads the cells' values. */
  rows: Record<string, ExcelJS.CellValue>[];
  /** The cells themselves, by row and column name. */
  cells: Record<string, ExcelJS.Cell>[];
}

/** An .xlsx answer's first sheet, after checking that it is a workbook with one sheet. */
async function readXlsx(response: { status: number; headers: Headers; body: unknown }): Promise<Sheet> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe(XLSX_MEDIA_TYPE);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.body as ArrayBuffer);
  expect(workbook.worksheets).toHaveLength(1);
  const sheet = workbook.worksheets[0];
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  const cells: Record<string, ExcelJS.Cell>[] = [];
  for (let number = 2; number <= sheet.rowCount; number += 1) {
    const row = sheet.getRow(number);
    cells.push(Object.fromEntries(header.map((name, index) => [name, row.getCell(index + 1)])));
    rows.push(Object.fromEntries(header.map((name, index) => [name, row.getCell(index + 1).value])));
  }
  return { name: sheet.name, header, rows, cells };
}

describe('lists as .xlsx workbooks', () => {
  let api: TestApp;
  let missionId: string;
  let otherMissionId: string;
  let openApi: { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };

  beforeAll(async () => {
    api = await startTestApp();
    ({ missionId, otherMissionId } = await missionWithManyActions(api, 2400));
    openApi = (await api.get('/api/docs-json')).body;
  }, 60_000);

  afterAll(() => api.close());

  it('answers every action matching the filters, past the page cap and over several batches, in list order, with the documented fields as header', async () => {
    const response = await api.request('GET', `actions?missionId=${missionId}&status=open&sort=-dueTo&limit=5`, undefined, XLSX);
    const { name, header, rows } = await readXlsx(response);
    expect(name).toBe('actions');
    expect(header).toEqual(Object.keys(openApi.components.schemas.ActionResponseDto.properties));
    expect(rows).toHaveLength(1200);
    expect(rows.length).toBeGreaterThan(MAX_PAGE_SIZE);
    expect(rows.every((row) => row.status === 'open' && row.missionId === missionId)).toBe(true);
    expect(rows[0].title).toBe('Individual follow-up appointment 2400');
    expect(rows[1199].title).toBe('Individual follow-up appointment 0002');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="actions.xlsx"');
    // The JSON list says the same of the first row.
    const json = await api.get(`actions?missionId=${missionId}&status=open&sort=-dueTo&limit=1`);
    expect(json.body.total).toBe(1200);
    expect(rows[0].id).toBe(json.body.items[0].id);
    expect(rows[0].version).toBe(json.body.items[0].version);
  });

  it('writes days and moments as dates, numbers and booleans as values, lists joined by "; "', async () => {
    const { rows, cells } = await readXlsx(await api.request('GET', `actions?missionId=${missionId}&status=open&sort=dueTo`, undefined, XLSX));
    const json = (await api.get(`actions?missionId=${missionId}&status=open&sort=dueTo&limit=1`)).body.items[0];
    expect(rows[0].dueTo).toEqual(new Date(`${json.dueTo}T00:00:00Z`));
    expect(rows[0].dueTo).toEqual(new Date('2023-10-03T00:00:00Z'));
    expect(cells[0].dueTo.type).toBe(ExcelJS.ValueType.Date);
    expect(cells[0].dueTo.numFmt).toBe('yyyy-mm-dd');
    expect(rows[0].createdAt).toEqual(new Date(json.createdAt));
    expect(cells[0].createdAt.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect([rows[0].overdue, rows[0].version]).toEqual([json.overdue, json.version]);
    expect(cells[0].completedAt.type).toBe(ExcelJS.ValueType.Null);
    expect(rows[0].reminderPolicy).toBe(JSON.stringify(json.reminderPolicy));
  });

  it('ignores limit and offset, and an empty result is the header alone', async () => {
    const all = await readXlsx(await api.request('GET', `actions?missionId=${otherMissionId}&limit=5&offset=10`, undefined, XLSX));
    expect(all.rows).toHaveLength(30);
    const none = await readXlsx(await api.request('GET', `actions?missionId=${otherMissionId}&status=cancelled`, undefined, XLSX));
    expect(none.rows).toHaveLength(0);
    expect(none.header).toContain('dueLabel');
  });

  it('prefers what the client asks for most, and keeps JSON for clients that prefer it', async () => {
    const preferred = await api.request('GET', `actions?missionId=${otherMissionId}`, undefined, { accept: `text/csv;q=0.5, ${XLSX_MEDIA_TYPE}` });
    expect((await readXlsx(preferred)).rows).toHaveLength(30);
    const json = await api.request('GET', `actions?missionId=${otherMissionId}`, undefined, { accept: `application/json, ${XLSX_MEDIA_TYPE};q=0.5` });
    expect(json.status).toBe(200);
    expect(json.body.total).toBe(30);
  });

  it('validates the filters as the JSON list does', async () => {
    const response = await api.request('GET', 'actions?sort=owner', undefined, XLSX);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'sort', message: expect.stringContaining('cannot sort by owner') }] });
  });

  it('writes a text that a spreadsheet would evaluate as a text cell, never a formula', async () => {
    const dangerous = ['=HYPERLINK("http://example.test","x")', '+32 2 504 87 11', '-2+3', '@SUM(A1)'];
    for (const name of dangerous) await api.create('organisations', { name, kind: 'company', country: 'BE' });
    const { cells } = await readXlsx(await api.request('GET', 'organisations?sort=name', undefined, XLSX));
    for (const name of dangerous) {
      const cell = cells.find((row) => row.name.value === name)?.name;
      expect([name, cell?.type, cell?.formula]).toEqual([name, ExcelJS.ValueType.String, undefined]);
    }
    expect(cells.every((row) => Object.values(row).every((cell) => cell.type !== ExcelJS.ValueType.Formula))).toBe(true);
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
    const meetings = await readXlsx(await api.request('GET', `meetings?missionId=${missionId}`, undefined, XLSX));
    expect(meetings.rows).toHaveLength(1);
    expect(meetings.rows[0]).toMatchObject({
      title: 'NXTPORT – Vinamarine',
      organisationIds: nxtport.id,
      counterpartOrganisationIds: vinamarine.id,
      startsAt: new Date('2023-09-12T03:00:00Z'),
    });

    const participant = await api.create<{ id: string }>(`missions/${missionId}/participants`, {
      organisationId: nxtport.id,
      sectors: ['logistics', 'port management'],
    });
    const delegation = await readXlsx(await api.request('GET', `missions/${missionId}/participants`, undefined, XLSX));
    expect(delegation.rows.map((row) => [row.id, row.sectors])).toEqual([[participant.id, 'logistics; port management']]);

    const response = await api.request('GET', `organisations/${nxtport.id}/history`, undefined, XLSX);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="organisations-${nxtport.id}-history.xlsx"`);
    const history = await readXlsx(response);
    // A sheet's name holds 31 characters.
    expect(history.name).toBe(`organisations-${nxtport.id}-history`.slice(0, 31));
    expect(history.rows.map((row) => [row.action, row.entity, row.entityId, row.actorId])).toEqual([['create', 'organisation', nxtport.id, api.admin.id]]);
  });

  it('answers 404 for the delegation of an unknown mission, as the JSON list does', async () => {
    const response = await api.request('GET', 'missions/00000000-0000-4000-8000-000000000000/participants', undefined, XLSX);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'not_found' });
  });
});
