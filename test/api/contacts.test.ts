import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ApiResponse, startTestApp, type TestApp } from '../support/app.js';

describe('contacts API', () => {
  let api: TestApp;
  let vinamarine: string;
  let nxtport: string;
  let government: string;

  beforeAll(async () => {
    api = await startTestApp();
    vinamarine = (await api.post('organisations', { name: 'Vinamarine', kind: 'government_body', country: 'VN', city: 'Hanoi' })).body.id;
    nxtport = (await api.post('organisations', { name: 'NXTPORT International', kind: 'company', country: 'BE', city: 'Antwerp' })).body.id;
    government = (await api.post('organisations', { name: 'Government of Vietnam', kind: 'government_body', country: 'VN' })).body.id;
  });

  afterAll(async () => {
    await api.close();
  });

  const names = (response: ApiResponse): string[] => (response.body.items as { name: string }[]).map((contact) => contact.name);

  it('creates a contact at an organisation and returns it with id, version and timestamps', async () => {
    const created = await api.post('contacts', { organisationId: government, name: '  Pham Minh Chinh ', role: 'Prime Minister' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      organisationId: government,
      name: 'Pham Minh Chinh',
      role: 'Prime Minister',
      email: null,
      phone: null,
      language: 'nl',
      synthetic: false,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      archivedAt: null,
    });

    const read = await api.get(`contacts/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('keeps the language a survey invitation is written in: nl unless told, en when asked, changed by PATCH', async () => {
    const created = await api.post('contacts', {
      organisationId: government,
      name: 'Nguyen Thi Lan (demo)',
      email: 'lan@example.com',
      language: 'en',
      synthetic: true,
    });
    expect(created.status).toBe(201);
    expect(created.body.language).toBe('en');
    const changed = await api.patch(`contacts/${created.body.id}`, { language: 'nl', version: created.body.version });
    expect(changed.status).toBe(200);
    expect(changed.body.language).toBe('nl');
    expect((await api.get(`contacts/${created.body.id}`)).body.language).toBe('nl');
    // Out of the way of the list tests below.
    expect((await api.delete(`contacts/${created.body.id}`)).status).toBe(204);
  });

  it('creates a contact without an organisation', async () => {
    const created = await api.post('contacts', {
      name: 'Independent port consultant (demo)',
      email: 'consultant@example.com',
      phone: '+32 3 123 45 67',
      synthetic: true,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ organisationId: null, email: 'consultant@example.com', phone: '+32 3 123 45 67', synthetic: true });
  });

  it('lists by organisation, name, synthetic flag, with paging and sorting', async () => {
    await api.post('contacts', {
      organisationId: vinamarine,
      name: 'Nguyen Van An (demo)',
      role: 'Director-General',
      email: 'an.nguyen@vinamarine.example',
      phone: '+84 24 3768 3065',
      synthetic: true,
    });
    await api.post('contacts', { organisationId: vinamarine, name: 'Tran Thi Binh (demo)', role: 'Head of International Cooperation', synthetic: true });
    await api.post('contacts', { organisationId: nxtport, name: 'Pieter Janssens (demo)', role: 'CEO', phone: '03/229 00 00', synthetic: true });

    const atVinamarine = await api.get(`contacts?organisationId=${vinamarine}`);
    expect(atVinamarine.status).toBe(200);
    expect(atVinamarine.body.total).toBe(2);
    expect(names(atVinamarine)).toEqual(['Nguyen Van An (demo)', 'Tran Thi Binh (demo)']);

    expect(names(await api.get(`contacts?organisationId=${vinamarine}&sort=-name`))).toEqual(['Tran Thi Binh (demo)', 'Nguyen Van An (demo)']);
    expect(names(await api.get('contacts?q=minh chinh'))).toEqual(['Pham Minh Chinh']);
    expect(names(await api.get('contacts?q=JANSSENS'))).toEqual(['Pieter Janssens (demo)']);
    expect(names(await api.get('contacts?synthetic=false'))).toEqual(['Pham Minh Chinh']);
    expect(names(await api.get(`contacts?synthetic=true&organisationId=${nxtport}`))).toEqual(['Pieter Janssens (demo)']);
    expect(names(await api.get(`contacts?q=${encodeURIComponent('%')}`))).toEqual([]);
    expect(names(await api.get('contacts?q=_'))).toEqual([]);

    const newest = await api.get('contacts?sort=-createdAt&limit=1');
    expect(names(newest)).toEqual(['Pieter Janssens (demo)']);

    const paged = await api.get('contacts?limit=2&offset=2&sort=name');
    expect(paged.body).toMatchObject({ total: 5, limit: 2, offset: 2 });
    expect(names(paged)).toEqual(['Pham Minh Chinh', 'Pieter Janssens (demo)']);
  });

  it('updates some fields, clears optional ones with null, bumps the version and refuses a stale version with 409', async () => {
    const created = await api.post('contacts', {
      organisationId: nxtport,
      name: 'Sofie Peeters (demo)',
      role: 'Business developer',
      email: 'sofie@nxtport.example',
      synthetic: true,
    });
    const updated = await api.patch(`contacts/${created.body.id}`, { organisationId: vinamarine, role: 'Liaison officer', email: null, version: 1 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ organisationId: vinamarine, role: 'Liaison officer', email: null, name: 'Sofie Peeters (demo)', version: 2 });

    const detached = await api.patch(`contacts/${created.body.id}`, { organisationId: null });
    expect(detached.body).toMatchObject({ organisationId: null, version: 3 });

    const stale = await api.patch(`contacts/${created.body.id}`, { phone: '+84 28 3822 5555', version: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      statusCode: 409,
      code: 'stale_version',
      message: `contact ${created.body.id} was changed by someone else: you sent version 2, the current version is 3; reload it and apply your change again`,
      details: [{ field: 'version', message: 'current version is 3' }],
    });
  });

  it('archives a contact: it leaves lists and search, and is still read by id with archivedAt', async () => {
    const created = await api.post('contacts', { organisationId: nxtport, name: 'Leaving Contact (demo)', synthetic: true });
    expect((await api.delete(`contacts/${created.body.id}`)).status).toBe(204);
    const read = await api.get(`contacts/${created.body.id}`);
    // Still read by id, so that what refers to it never dangles.
    expect(read.status).toBe(200);
    expect(read.body.archivedAt).toEqual(expect.any(String));
    expect((await api.get('contacts?q=Leaving')).body.total).toBe(0);
  });

  describe('bad input', () => {
    const unknownId = '00000000-0000-4000-8000-000000000000';

    it.each([
      ['an unknown field', { name: 'X', colour: 'blue' }, 'colour', 'unknown field colour: it is not part of this resource'],
      ['a missing name', { role: 'Minister' }, 'name', 'name is required'],
      ['a blank name', { name: '  ' }, 'name', 'name should not be empty'],
      ['a name over 200 characters', { name: 'x'.repeat(201) }, 'name', 'name must be shorter than or equal to 200 characters'],
      ['an invalid e-mail address', { name: 'X', email: 'vinamarine.gov.vn' }, 'email', 'email must be an e-mail address'],
      ['a phone number with letters', { name: 'X', phone: '+84 CALL ME' }, 'phone', 'phone must be a phone number: digits, spaces, a leading + and - ( ) /'],
      ['a phone number with a + inside', { name: 'X', phone: '84+24' }, 'phone', 'phone must be a phone number: digits, spaces, a leading + and - ( ) /'],
      ['a phone number without digits', { name: 'X', phone: '+ ( ) -' }, 'phone', 'phone must be a phone number: digits, spaces, a leading + and - ( ) /'],
      ['a phone number over 50 characters', { name: 'X', phone: '1'.repeat(51) }, 'phone', 'phone must be shorter than or equal to 50 characters'],
      ['an organisationId that is not a UUID', { name: 'X', organisationId: 'vinamarine' }, 'organisationId', 'organisationId must be a UUID'],
      ['a synthetic flag that is not a boolean', { name: 'X', synthetic: 'yes' }, 'synthetic', 'synthetic must be a boolean value'],
      ['a language other than nl or en', { name: 'X', language: 'fr' }, 'language', 'language must be one of nl, en'],
    ])('rejects %s with 400 naming the field', async (_case, body, field, message) => {
      const response = await api.post('contacts', body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(response.body.details).toContainEqual({ field, message });
    });

    it('rejects an organisation that does not exist with 400 invalid_reference, on create and on update', async () => {
      const created = await api.post('contacts', { organisationId: unknownId, name: 'Nobody' });
      expect(created.status).toBe(400);
      expect(created.body).toMatchObject({
        statusCode: 400,
        code: 'invalid_reference',
        details: [{ field: 'organisationId', message: `organisation ${unknownId} does not exist` }],
      });

      const contact = await api.post('contacts', { organisationId: nxtport, name: 'Reference Test (demo)', synthetic: true });
      const updated = await api.patch(`contacts/${contact.body.id}`, { organisationId: unknownId });
      expect(updated.status).toBe(400);
      expect(updated.body).toMatchObject({
        code: 'invalid_reference',
        details: [{ field: 'organisationId', message: `organisation ${unknownId} does not exist` }],
      });
      expect((await api.get(`contacts/${contact.body.id}`)).body).toMatchObject({ organisationId: nxtport, version: 1 });
    });

    it('rejects an archived organisation as a reference', async () => {
      const monument = (await api.post('organisations', { name: 'Monument', kind: 'company', country: 'BE' })).body.id;
      expect((await api.delete(`organisations/${monument}`)).status).toBe(204);
      const response = await api.post('contacts', { organisationId: monument, name: 'Monument Contact (demo)' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'invalid_reference',
        details: [{ field: 'organisationId', message: `organisation ${monument} does not exist` }],
      });
    });

    it('rejects a null for the name on update with 400', async () => {
      const created = await api.post('contacts', { name: 'Null Test (demo)' });
      const response = await api.patch(`contacts/${created.body.id}`, { name: null });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed' });
      expect(response.body.details).toContainEqual({ field: 'name', message: 'name must not be null' });
    });

    it.each([
      ['organisationId=vinamarine', 'organisationId', 'organisationId must be a UUID'],
      ['synthetic=yes', 'synthetic', 'synthetic must be true or false'],
      ['sort=email', 'sort', 'cannot sort by email; sort by one of: name, createdAt'],
      ['offset=-1', 'offset', 'offset must not be less than 0'],
      ['role=Minister', 'role', expect.stringMatching(/^unknown query parameter role: this list takes organisationId, .*includeArchived, id$/)],
    ])('rejects the list filter %s with 400 naming it', async (query, field, message) => {
      const response = await api.get(`contacts?${query}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed', details: [{ field, message }] });
    });

    it('rejects a malformed id with 400 and an unknown one with 404 on read, update and archive', async () => {
      const malformed = await api.delete('contacts/not-a-uuid');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'id', message: 'id must be a UUID' }] });

      for (const response of [
        await api.get(`contacts/${unknownId}`),
        await api.patch(`contacts/${unknownId}`, { role: 'X' }),
        await api.delete(`contacts/${unknownId}`),
      ]) {
        expect(response.status).toBe(404);
        expect(response.body).toMatchObject({ code: 'not_found', message: `contact ${unknownId} not found` });
      }
    });
  });
});
