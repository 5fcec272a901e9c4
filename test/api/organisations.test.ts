import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';

describe('organisations API', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(async () => {
    await api.close();
  });

  const nxtport = {
    name: 'NXTPORT International',
    kind: 'company',
    country: 'be',
    city: 'Antwerp',
    sectors: ['logistics', 'ports'],
    enterpriseNumber: 'BE 0403.170.701',
  };

  it('creates an organisation and returns it with id, version and timestamps', async () => {
    const created = await api.post('organisations', nxtport);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'NXTPORT International',
      country: 'BE',
      enterpriseNumber: '0403170701',
      sectors: ['logistics', 'ports'],
      version: 1,
      synthetic: false,
    });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body.createdAt).toBeDefined();

    const read = await api.get(`organisations/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('lists with filters, text search, paging and sorting', async () => {
    await api.post('organisations', { name: 'Vinamarine', kind: 'government_body', country: 'VN', sectors: ['ports'] });
    await api.post('organisations', { name: 'HCMC University of Education', kind: 'university', country: 'VN', sectors: ['education'] });

    const vietnamese = await api.get('organisations?country=vn&sort=-name');
    expect(vietnamese.status).toBe(200);
    expect(vietnamese.body.total).toBe(2);
    expect(vietnamese.body.items.map((o: { name: string }) => o.name)).toEqual(['Vinamarine', 'HCMC University of Education']);

    const ports = await api.get('organisations?sector=ports&kind=company');
    expect(ports.body.items.map((o: { name: string }) => o.name)).toEqual(['NXTPORT International']);

    const search = await api.get('organisations?q=marine');
    expect(search.body.items.map((o: { name: string }) => o.name)).toEqual(['Vinamarine']);

    const paged = await api.get('organisations?limit=1&offset=1&sort=name');
    expect(paged.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(paged.body.items.map((o: { name: string }) => o.name)).toEqual(['NXTPORT International']);
  });

  it('updates some fields, bumps the version and refuses a stale version with 409', async () => {
    const created = await api.post('organisations', { name: 'CamCO Technologies', kind: 'company', country: 'BE' });
    const updated = await api.patch(`organisations/${created.body.id}`, { city: 'Ghent', version: 1 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ city: 'Ghent', version: 2, name: 'CamCO Technologies' });

    const stale = await api.patch(`organisations/${created.body.id}`, { city: 'Leuven', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ statusCode: 409, code: 'stale_version' });
    expect(stale.body.message).toContain('current version is 2');
  });

  it('archives an organisation: it leaves lists and search, and is still read by id with archivedAt', async () => {
    const created = await api.post('organisations', { name: 'Monument', kind: 'company', country: 'BE' });
    expect((await api.delete(`organisations/${created.body.id}`)).status).toBe(204);
    const read = await api.get(`organisations/${created.body.id}`);
    // Still read by id, so that what refers to it never dangles.
    expect(read.status).toBe(200);
    expect(read.body.archivedAt).toEqual(expect.any(String));
    expect((await api.get('organisations?q=Monument')).body.total).toBe(0);
  });

  describe('bad input', () => {
    it.each([
      ['an unknown field', { ...nxtport, enterpriseNumber: undefined, colour: 'blue' }, 'colour', 'unknown field colour: it is not part of this resource'],
      [
        'an invalid country',
        { ...nxtport, enterpriseNumber: undefined, country: 'XX' },
        'country',
        'country must be an ISO 3166-1 alpha-2 country code such as BE or VN',
      ],
      [
        'an unknown kind',
        { ...nxtport, enterpriseNumber: undefined, kind: 'guild' },
        'kind',
        'kind must be one of the following values: company, government_body, agency, university, ngo, association, other',
      ],
      [
        'a bad enterprise number',
        { ...nxtport, enterpriseNumber: '0403170702' },
        'enterpriseNumber',
        'enterpriseNumber must be a Belgian enterprise number: 10 digits with a valid mod-97 check',
      ],
      ['a missing name', { kind: 'company', country: 'BE' }, 'name', 'name is required'],
      ['a wrong type', { ...nxtport, enterpriseNumber: undefined, sectors: 'ports' }, 'sectors', 'sectors must be an array'],
    ])('rejects %s with 400 naming the field', async (_case, body, field, message) => {
      const response = await api.post('organisations', body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(response.body.details).toContainEqual({ field, message });
    });

    it('rejects a duplicate enterprise number with 409', async () => {
      const response = await api.post('organisations', { ...nxtport, name: 'Copy' });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'conflict', details: [{ field: 'enterpriseNumber', message: 'already used by another organisation' }] });
    });

    it('rejects a malformed id with 400 and an unknown one with 404', async () => {
      const malformed = await api.get('organisations/not-a-uuid');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'id', message: 'id must be a UUID' }] });
      const unknown = await api.patch('organisations/00000000-0000-4000-8000-000000000000', { city: 'X' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('not_found');
    });

    it('rejects an unknown sort field and an oversized page', async () => {
      const sort = await api.get('organisations?sort=colour');
      expect(sort.status).toBe(400);
      expect(sort.body.details).toEqual([{ field: 'sort', message: 'cannot sort by colour; sort by one of: name, country, kind, createdAt, updatedAt' }]);
      const limit = await api.get('organisations?limit=5000');
      expect(limit.status).toBe(400);
      expect(limit.body.details).toEqual([{ field: 'limit', message: 'limit must not be greater than 200' }]);
    });

    it('rejects a null for a required field on update with 400', async () => {
      const created = await api.post('organisations', { name: 'Null test', kind: 'company', country: 'BE' });
      const response = await api.patch(`organisations/${created.body.id}`, { name: null });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed' });
      expect(response.body.details).toContainEqual({ field: 'name', message: 'name must not be null' });
    });
  });
});
