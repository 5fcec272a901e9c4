import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { XLSX_MEDIA_TYPE } from '../../src/common/media-types.js';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '../../src/imports/import-limits.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { VIETNAM_2023 } from '../support/fixtures.js';

interface Report {
  kind: string;
  format: string;
  dryRun: boolean;
  written: boolean;
  totals: { rows: number; created: number; updated: number; unchanged: number; error: number };
  rows: { row: number; status: string; records: { resource: string; id: string | null; status: string }[]; errors: { column: string; message: string }[] }[];
}

/** Valid mod-97 enterprise numbers (synthetic). */
const NXTPORT_NUMBER = '0456789034';
const CAMCO_NUMBER = '0123456749';

async function workbook(rows: (string | number | Date | ExcelJS.CellFormulaValue | null)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Delegation');
  for (const row of rows) sheet.addRow(row);
  book.addWorksheet('Notes').addRow(['not read']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('imports', () => {
  let api: TestApp;
  let missionId: string;
  let database: DataSource;

  async function upload(path: string, body: string | Buffer, contentType: string): Promise<{ status: number; body: any }> {
    const response = await fetch(`${api.baseUrl}/api/v1/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token}`, 'content-type': contentType },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : text };
  }
  const csv = (path: string, text: string) => upload(path, text, 'text/csv');
  const count = async (table: string): Promise<number> => Number((await database.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    api = await startTestApp();
    database = api.app.get(DataSource);
    missionId = (await api.create<{ id: string }>('missions', VIETNAM_2023)).id;
  }, 60_000);

  afterAll(() => api.close());

  describe('organisations', () => {
    it('creates them from CSV with a BOM and semicolons, Dutch headers in any case, quoted fields', async () => {
      const file =
        '\uFEFFBedrijf;ONDERNEMINGSNUMMER;Land;Stad;Sectoren;Soort\n' +
        `NXTPORT International;BE ${NXTPORT_NUMBER.slice(0, 4)}.${NXTPORT_NUMBER.slice(4, 7)}.${NXTPORT_NUMBER.slice(7)};BE;Antwerpen;"logistics; data";bedrijf\n` +
        '"Cảng Hải Phòng; Port of Haiphong";;VN;Hải Phòng;ports;company\n';
      const response = await csv('imports/organisations', file);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        kind: 'organisations',
        format: 'csv',
        written: true,
        totals: { rows: 2, created: 2, updated: 0, unchanged: 0, error: 0 },
      });
      const { body } = await api.get('organisations?q=Haiphong');
      expect(body.items).toEqual([expect.objectContaining({ name: 'Cảng Hải Phòng; Port of Haiphong', country: 'VN', city: 'Hải Phòng', sectors: ['ports'] })]);
      const nxtport = (await api.get('organisations?q=NXTPORT')).body.items[0];
      expect(nxtport).toMatchObject({ enterpriseNumber: NXTPORT_NUMBER, city: 'Antwerpen', kind: 'company' });
    });

    it('stores CSV fields that begin with =, +, - or @ as the text they are, and exports them so that no spreadsheet evaluates them', async () => {
      const file = 'Bedrijf;Land;Stad\n"=HYPERLINK(""http://x"";""y"") Trading";BE;+32 Gent\n@Sea Freight;BE;-Brugge\n';
      const response = await csv('imports/organisations', file);
      expect(response.status).toBe(200);
      expect(response.body.totals).toMatchObject({ rows: 2, created: 2, error: 0 });
      const stored = await database.query<{ name: string; city: string }[]>(
        `SELECT name, city FROM organisations WHERE name IN ('=HYPERLINK("http://x";"y") Trading', '@Sea Freight') ORDER BY name`,
      );
      expect(stored).toEqual([
        { name: '=HYPERLINK("http://x";"y") Trading', city: '+32 Gent' },
        { name: '@Sea Freight', city: '-Brugge' },
      ]);
      const exported = await api.request('GET', 'organisations?country=BE&sort=name', undefined, { accept: 'text/csv' });
      const text = exported.body as string;
      expect(text).toContain(`"'=HYPERLINK(""http://x"";""y"") Trading"`);
      expect(text).toContain("'@Sea Freight");
      expect(text).toContain("'+32 Gent");
      expect(text).toContain("'-Brugge");
      // Gone again, so that the counts of the tests that follow are theirs alone.
      await database.query(`DELETE FROM organisations WHERE name IN ('=HYPERLINK("http://x";"y") Trading', '@Sea Freight')`);
    });

    it('matches by enterprise number, else by name and country without accents or case; a second import changes nothing', async () => {
      const file =
        'company,enterprise number,country,city\n' + `NXTPORT International NV,${NXTPORT_NUMBER},BE,Antwerp\n` + '"CANG HAI PHONG; PORT OF HAIPHONG",,vn,\n';
      const first = await csv('imports/organisations', file);
      expect(first.status).toBe(200);
      expect(first.body.rows.map((row: Report['rows'][number]) => row.status)).toEqual(['updated', 'unchanged']);
      expect(await count('organisations')).toBe(2);
      const nxtport = (await api.get('organisations?q=NXTPORT')).body.items[0];
      expect(nxtport).toMatchObject({ name: 'NXTPORT International NV', city: 'Antwerp', version: 2 });
      const again = await csv('imports/organisations', file);
      expect(again.body.totals).toEqual({ rows: 2, created: 0, updated: 0, unchanged: 2, error: 0 });
      expect((await api.get(`organisations/${nxtport.id}`)).body.version).toBe(2);
    });

    it('from .xlsx: first sheet only, cached values of formulas, numbers that lost their leading zero', async () => {
      const file = await workbook([
        ['Name', 'Enterprise Number', 'Country', 'Website'],
        ['CamCO Technologies', Number(CAMCO_NUMBER), 'BE', { formula: 'LOWER("HTTPS://CAMCO.EXAMPLE")', result: 'https://camco.example' }],
        ['=cmd|"/C calc"!A0', null, 'BE', null],
      ]);
      const response = await upload('imports/organisations', file, XLSX_MEDIA_TYPE);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ format: 'xlsx', totals: { created: 2, error: 0 } });
      expect((await api.get('organisations?q=CamCO')).body.items[0]).toMatchObject({ enterpriseNumber: CAMCO_NUMBER, website: 'https://camco.example' });
      // Stored as the text it is, exported so that no spreadsheet runs it.
      expect((await api.get('organisations?q=calc')).body.items[0].name).toBe('=cmd|"/C calc"!A0');
      const exported = await api.request('GET', 'organisations?q=calc', undefined, { accept: 'text/csv' });
      expect(exported.body).toContain(`"'=cmd|""/C calc""!A0"`);
    });
  });

  describe('participants', () => {
    const delegation =
      'company,enterprise number,country,sectors,contact name,email,phone,objectives\n' +
      `NXTPORT International,${NXTPORT_NUMBER},BE,logistics;data,Jan Peeters,jan.peeters@nxtport.example,+32 3 555 01 01,Port community systems\n` +
      `NXTPORT International,${NXTPORT_NUMBER},BE,logistics;data,Lien Maes,lien.maes@nxtport.example,,Port community systems\n` +
      'Monument,,,heritage,Pieter Janssens,pieter@monument.example,,Renovation of Notre Dame cathedral\n';

    it('a dry run reports every row and writes nothing', async () => {
      const before = [await count('organisations'), await count('contacts'), await count('participants')];
      const response = await csv(`imports/participants?missionId=${missionId}&dryRun=true`, delegation);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ dryRun: true, written: false, totals: { rows: 3, created: 3, updated: 0, unchanged: 0, error: 0 } });
      // The file spells the name as the register did before the last import renamed it: the name goes back.
      expect(response.body.rows[0].records).toEqual([
        { resource: 'organisation', id: expect.any(String), status: 'updated' },
        { resource: 'contact', id: null, status: 'created' },
        { resource: 'participant', id: null, status: 'created' },
      ]);
      expect([await count('organisations'), await count('contacts'), await count('participants')]).toEqual(before);
    });

    it('creates the organisations, their contacts and the delegation, audited as the importing user; again, nothing changes', async () => {
      const response = await csv(`imports/participants?missionId=${missionId}`, delegation);
      expect(response.status).toBe(200);
      expect(response.body.totals).toEqual({ rows: 3, created: 3, updated: 0, unchanged: 0, error: 0 });
      const participants = (await api.get(`missions/${missionId}/participants`)).body.items;
      expect(participants).toHaveLength(2);
      const nxtport = participants.find((participant: { objectives: string }) => participant.objectives === 'Port community systems');
      expect(nxtport.delegateContactIds).toHaveLength(2);
      expect(nxtport.sectors).toEqual(['logistics', 'data']);
      const monument = (await api.get('organisations?q=Monument')).body.items[0];
      expect(monument).toMatchObject({ country: 'BE', kind: 'company' });
      const audit = (await api.get(`audit?entityId=${nxtport.id}`)).body.items;
      expect(audit).toEqual([expect.objectContaining({ action: 'create', entity: 'participant', actorId: api.admin.id })]);

      const again = await csv(`imports/participants?missionId=${missionId}`, delegation);
      expect(again.body.totals).toEqual({ rows: 3, created: 0, updated: 0, unchanged: 3, error: 0 });
      expect((await api.get(`missions/${missionId}/participants/${nxtport.id}`)).body.version).toBe(nxtport.version);
    });

    it('from .xlsx with English headers: a new delegate of a known company updates the participant', async () => {
      const file = await workbook([
        ['Company', 'Country', 'Contact Name', 'E-mail'],
        ['nxtport international', 'BE', 'Tom Wouters', 'tom.wouters@nxtport.example'],
        ['NXTPORT International', 'BE', 'Jan Peeters', 'JAN.PEETERS@nxtport.example'],
      ]);
      const response = await upload(`imports/participants?missionId=${missionId}`, file, XLSX_MEDIA_TYPE);
      expect(response.status).toBe(200);
      expect(response.body.rows.map((row: Report['rows'][number]) => row.status)).toEqual(['created', 'unchanged']);
      expect(response.body.rows[0].records).toEqual(
        expect.arrayContaining([
          { resource: 'contact', id: expect.any(String), status: 'created' },
          { resource: 'participant', id: expect.any(String), status: 'updated' },
        ]),
      );
      const participants = (await api.get(`missions/${missionId}/participants`)).body.items;
      expect(participants.map((participant: { delegateContactIds: string[] }) => participant.delegateContactIds.length).sort()).toEqual([1, 3]);
    });

    it('writes nothing when any row is in error, and answers 400 with the report', async () => {
      const before = [await count('organisations'), await count('contacts'), await count('participants')];
      const file =
        'bedrijf;land;contactpersoon;e-mail\nCamCO Technologies;BE;An Claes;an.claes@camco.example\nVinamarine;Vietnam;;not-an-address\n;BE;Someone;someone@x.example\n';
      const response = await csv(`imports/participants?missionId=${missionId}`, file);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        statusCode: 400,
        code: 'validation_failed',
        message: "2 of 3 rows cannot be imported; nothing was written. See report.rows for each row's errors",
      });
      expect(response.body.report.totals).toEqual({ rows: 3, created: 1, updated: 0, unchanged: 0, error: 2 });
      expect(response.body.report.rows[1]).toEqual({
        row: 3,
        status: 'error',
        records: [],
        errors: [
          { column: 'e-mail', message: '"not-an-address" is not an e-mail address' },
          { column: 'land', message: '"Vietnam" is not an ISO 3166-1 alpha-2 country code such as BE or VN' },
        ],
      });
      expect(response.body.report.rows[2].errors).toEqual([{ column: 'bedrijf', message: 'the name of the organisation is required' }]);
      expect(response.body.details).toContainEqual({ field: 'row 3: e-mail', message: '"not-an-address" is not an e-mail address' });
      expect([await count('organisations'), await count('contacts'), await count('participants')]).toEqual(before);
    });
  });

  describe('meetings', () => {
    const plan =
      'datum;start;einde;bedrijf;gesprekspartner;land gesprekspartner;locatie;onderwerpen\n' +
      '12/09/2023;09:00;09:30;NXTPORT International;Vinamarine;VN;Hà Nội;"port community systems;data"\n' +
      '12/09/2023;10:00;10:30;Monument;Ho Chi Minh City Department of Construction;;Hồ Chí Minh;heritage\n' +
      '13/09/2023;14:00;;nxtport international;Cảng Hải Phòng; Port of Haiphong;VN;Hải Phòng;\n';

    it('creates the meetings between the delegation and counterparts (created when unknown), at times of the mission time zone', async () => {
      const response = await csv(
        `imports/meetings?missionId=${missionId}`,
        plan.replace('Cảng Hải Phòng; Port of Haiphong', '"Cang Hai Phong; port of haiphong"'),
      );
      expect(response.status).toBe(200);
      expect(response.body.totals).toEqual({ rows: 3, created: 3, updated: 0, unchanged: 0, error: 0 });
      // The counterpart of the third row is the organisation imported earlier, found without accents.
      expect(response.body.rows[2].records).toContainEqual({ resource: 'organisation', id: expect.any(String), status: 'unchanged' });
      const meetings = (await api.get(`meetings?missionId=${missionId}`)).body.items;
      expect(meetings.map((meeting: { title: string; startsAt: string; kind: string }) => [meeting.title, meeting.startsAt, meeting.kind])).toEqual([
        ['NXTPORT International – Vinamarine', '2023-09-12T02:00:00.000Z', 'b2b'],
        ['Monument – Ho Chi Minh City Department of Construction', '2023-09-12T03:00:00.000Z', 'b2b'],
        ['NXTPORT International – Cảng Hải Phòng; Port of Haiphong', '2023-09-13T07:00:00.000Z', 'b2b'],
      ]);
      expect(meetings[0]).toMatchObject({ endsAt: '2023-09-12T02:30:00.000Z', location: 'Hà Nội', topics: ['port community systems', 'data'] });
      expect((await api.get('organisations?q=Department of Construction')).body.items[0]).toMatchObject({ country: 'VN' });
    });

    it('the same plan again changes nothing; a changed location updates the one meeting', async () => {
      const again = await csv(
        `imports/meetings?missionId=${missionId}`,
        plan.replace('Cảng Hải Phòng; Port of Haiphong', '"Cảng Hải Phòng; Port of Haiphong"'),
      );
      expect(again.body.totals).toEqual({ rows: 3, created: 0, updated: 0, unchanged: 3, error: 0 });
      const moved = await csv(
        `imports/meetings?missionId=${missionId}`,
        plan.replace('Cảng Hải Phòng; Port of Haiphong', '"Cảng Hải Phòng; Port of Haiphong"').replace(';Hà Nội;', ';Sheraton Hanoi;'),
      );
      expect(moved.body.rows.map((row: Report['rows'][number]) => row.status)).toEqual(['updated', 'unchanged', 'unchanged']);
      expect(await count('meetings')).toBe(3);
    });

    it('from .xlsx with real date and time cells', async () => {
      const file = await workbook([
        ['Date', 'Start', 'End', 'Company', 'Counterpart', 'Kind'],
        [
          new Date(Date.UTC(2023, 8, 14)),
          new Date(Date.UTC(1899, 11, 30, 15, 0)),
          new Date(Date.UTC(1899, 11, 30, 16, 0)),
          'Monument',
          'HCMC University of Education',
          'official',
        ],
      ]);
      const response = await upload(`imports/meetings?missionId=${missionId}`, file, XLSX_MEDIA_TYPE);
      expect(response.status).toBe(200);
      expect(response.body.totals.created).toBe(1);
      const [meeting] = (await api.get(`meetings?missionId=${missionId}&kind=official`)).body.items;
      expect(meeting).toMatchObject({ startsAt: '2023-09-14T08:00:00.000Z', endsAt: '2023-09-14T09:00:00.000Z' });
    });

    it('rows naming a company outside the delegation, or a bad time, are errors with their column', async () => {
      const response = await csv(
        `imports/meetings?missionId=${missionId}`,
        'date,start,end,company,counterpart\n2023-09-12,25:00,,Monument,Vinamarine\n2023-09-12,11:00,10:00,Unknown Company,Vinamarine\n',
      );
      expect(response.status).toBe(400);
      expect(response.body.report.rows).toEqual([
        { row: 2, status: 'error', records: [], errors: [{ column: 'start', message: '"25:00" is not a time such as 09:30' }] },
        {
          row: 3,
          status: 'error',
          records: [],
          errors: [
            { column: 'end', message: 'the meeting ends before it starts' },
            { column: 'company', message: '"Unknown Company" is not on the delegation of mission VN-2023; import the participants first' },
          ],
        },
      ]);
    });
  });

  describe('bad files', () => {
    it.each([
      ['no header row', 'text/csv', '\n\n', 400, 'the file has no header row: its first row must name the columns'],
      ['an empty body', 'text/csv', '', 400, 'the file is empty; send a CSV file or an .xlsx workbook with a header row'],
      [
        'binary data that is not UTF-8',
        'text/csv',
        Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x9c]),
        400,
        'the file is neither UTF-8 text (CSV) nor an .xlsx workbook; save it as "CSV UTF-8" or .xlsx',
      ],
      [
        'a damaged workbook',
        XLSX_MEDIA_TYPE,
        Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]),
        400,
        'the workbook cannot be read: it is damaged or not an .xlsx file',
      ],
      [
        'an old .xls workbook',
        'application/vnd.ms-excel',
        Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(100)]),
        415,
        'this is an old Excel (.xls) workbook; save it as .xlsx or CSV and send that',
      ],
      [
        'a PDF',
        'application/pdf',
        '%PDF-1.4',
        415,
        'Send the file as text/csv or as an .xlsx workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)',
      ],
    ])('%s', async (_label, type, body, status, message) => {
      const response = await upload('imports/organisations', body, type);
      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({ statusCode: status, message });
    });

    it('JSON is not a file', async () => {
      const response = await api.post('imports/organisations', { name: 'x' });
      expect(response.status).toBe(415);
      expect(response.body).toMatchObject({ code: 'unsupported_media_type', message: expect.stringContaining('text/csv') });
    });

    it('names unknown, repeated and missing columns', async () => {
      const response = await csv('imports/participants?missionId=' + missionId, 'Land;Telefoon;Shoe size;telephone\nBE;1;42;2\n');
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'validation_failed',
        message:
          'The header does not fit an import of participants: unknown column "Shoe size"; repeated column "telephone"; missing required column company | bedrijf',
      });
      expect(response.body.details).toEqual([
        {
          field: 'Shoe size',
          message: expect.stringContaining(
            'unknown column "Shoe size"; the columns of participants are: company | bedrijf, enterprise number | ondernemingsnummer',
          ),
        },
        { field: 'telephone', message: 'column "telephone" appears more than once' },
        { field: 'company | bedrijf', message: 'required column missing: company | bedrijf' },
      ]);
    });

    it(`refuses more than ${IMPORT_MAX_ROWS} rows and more than ${IMPORT_MAX_BYTES} bytes with 413`, async () => {
      const rows = `company,country\n${'Company,BE\n'.repeat(IMPORT_MAX_ROWS + 1)}`;
      const tooMany = await csv('imports/organisations', rows);
      expect(tooMany.status).toBe(413);
      expect(tooMany.body).toMatchObject({
        code: 'payload_too_large',
        message: `the file has more than ${IMPORT_MAX_ROWS} data rows; split it into several imports`,
      });
      const tooBig = await csv('imports/organisations', `company,country\n${'x'.repeat(IMPORT_MAX_BYTES)}\n`);
      expect(tooBig.status).toBe(413);
      expect(tooBig.body).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining(`larger than ${IMPORT_MAX_BYTES} bytes`) });
    });

    it('needs a mission for a delegation or a plan, and a kind it knows', async () => {
      const withoutMission = await csv('imports/meetings', 'date,start,company,counterpart\n');
      expect(withoutMission.status).toBe(400);
      expect(withoutMission.body.details).toEqual([{ field: 'missionId', message: 'an import of meetings needs the missionId it belongs to' }]);
      const unknownMission = await csv('imports/participants?missionId=00000000-0000-4000-8000-000000000000', 'company\nX\n');
      expect(unknownMission.status).toBe(404);
      expect(unknownMission.body).toMatchObject({ code: 'not_found', message: 'mission 00000000-0000-4000-8000-000000000000 not found' });
      const unknownKind = await csv('imports/agreements', 'title\nX\n');
      expect(unknownKind.status).toBe(400);
      expect(unknownKind.body.details).toEqual([{ field: 'kind', message: 'kind must be one of organisations, participants, meetings' }]);
    });

    it('other routes still take JSON only', async () => {
      const response = await csv('organisations', 'name,country\nX,BE\n');
      expect(response.status).toBe(415);
      expect(response.body).toMatchObject({ code: 'unsupported_media_type', message: 'Send the body as application/json' });
    });

    it('viewers may not import', async () => {
      const viewer = await api.create<{ id: string }>('users', {
        email: 'viewer@fit.example',
        name: 'Viewer',
        role: 'viewer',
        password: 'a viewer password 2023',
      });
      expect(viewer.id).toBeDefined();
      const token = await api.signIn('viewer@fit.example', 'a viewer password 2023');
      const response = await fetch(`${api.baseUrl}/api/v1/imports/organisations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body: 'company,country\nX,BE\n',
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'forbidden' });
    });
  });
});
