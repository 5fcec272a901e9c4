import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { verifyPassword } from '../../src/users/password.js';
import { type ApiResponse, startTestApp, type TestApp } from '../support/app.js';

describe('users API', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(async () => {
    await api.close();
  });

  // The officers who follow up the Vietnam mission of 11–16 September 2023 (invented people).
  const an = { email: 'An.Peeters@FIT.example', name: 'An Peeters', password: 'Hanoi-Haiphong-2023' };

  const storedHash = async (id: string): Promise<string | null> => {
    const rows = await api.app.get(DataSource).query<{ password_hash: string | null }[]>('SELECT password_hash FROM users WHERE id = $1', [id]);
    if (rows.length !== 1) throw new Error(`user ${id} is not stored`);
    return rows[0].password_hash;
  };

  /** The hash, the plain password and the very word stay inside the service. */
  const expectNoPassword = (response: ApiResponse): void => {
    expect(JSON.stringify(response.body)).not.toMatch(/password|scrypt|Hanoi-Haiphong/i);
  };

  const names = (response: ApiResponse): string[] => (response.body.items as { name: string }[]).map((user) => user.name);

  it('creates a user with the default role, language, time zone and reminder mode, and a lower-cased e-mail', async () => {
    const created = await api.post('users', an);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: 'an.peeters@fit.example',
      name: 'An Peeters',
      role: 'officer',
      language: 'nl',
      timeZone: 'Europe/Brussels',
      reminderMode: 'each',
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      archivedAt: null,
    });
    expectNoPassword(created);

    const read = await api.get(`users/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expectNoPassword(read);
  });

  it('stores the password only as an scrypt hash that verifies', async () => {
    const created = await api.post('users', { email: 'bart.claes@fit.example', name: 'Bart Claes', password: 'Quang-Ninh-province' });
    const hash = await storedHash(created.body.id);
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('Quang-Ninh-province', hash!)).toBe(true);
  });

  it('creates a user without a password, who cannot sign in until one is set', async () => {
    const created = await api.post('users', { email: 'viewer@fit.example', name: 'Chris Viewer', role: 'viewer' });
    expect(created.status).toBe(201);
    expect(await storedHash(created.body.id)).toBeNull();
  });

  it('lists with each filter, text search on name and e-mail, paging and sorting, never showing a password', async () => {
    await api.post('users', {
      email: 'dirk.admin@fit.example',
      name: 'Dirk Janssens',
      role: 'admin',
      language: 'en',
      timeZone: 'Asia/Bangkok',
      reminderMode: 'digest',
      password: 'Mekong River Commission',
    });

    const admins = await api.get('users?role=admin');
    expect(admins.status).toBe(200);
    // "Test Admin" is the admin every test signs in as (test/support/app.ts).
    expect(names(admins)).toEqual(['Dirk Janssens', 'Test Admin']);
    expect(admins.body.items[0]).toMatchObject({ language: 'en', timeZone: 'Asia/Bangkok', reminderMode: 'digest' });

    expect(names(await api.get('users?language=en'))).toEqual(['Dirk Janssens']);
    expect(names(await api.get('users?reminderMode=each&sort=name'))).toEqual(['An Peeters', 'Bart Claes', 'Chris Viewer', 'Test Admin']);
    expect(names(await api.get('users?q=claes'))).toEqual(['Bart Claes']);
    expect(names(await api.get('users?q=DIRK.ADMIN@'))).toEqual(['Dirk Janssens']);
    expect(names(await api.get('users?role=officer&language=nl&q=peeters'))).toEqual(['An Peeters']);

    expect(names(await api.get('users?sort=-email'))).toEqual(['Chris Viewer', 'Test Admin', 'Dirk Janssens', 'Bart Claes', 'An Peeters']);
    expect(names(await api.get('users?sort=-createdAt'))).toEqual(['Dirk Janssens', 'Chris Viewer', 'Bart Claes', 'An Peeters', 'Test Admin']);

    const paged = await api.get('users?limit=2&offset=1');
    expect(paged.body).toMatchObject({ total: 5, limit: 2, offset: 1 });
    expect(names(paged)).toEqual(['Bart Claes', 'Chris Viewer']);
    expectNoPassword(paged);
  });

  it('updates some fields, bumps the version and refuses a stale version with 409', async () => {
    const created = await api.post('users', { email: 'eva.goose@fit.example', name: 'Eva Maes' });
    const updated = await api.patch(`users/${created.body.id}`, { language: 'en', reminderMode: 'digest', email: 'Eva.Maes@FIT.example', version: 1 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ email: 'eva.maes@fit.example', language: 'en', reminderMode: 'digest', name: 'Eva Maes', version: 2 });

    const stale = await api.patch(`users/${created.body.id}`, { timeZone: 'Asia/Bangkok', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      statusCode: 409,
      code: 'stale_version',
      message: `user ${created.body.id} was changed by someone else: you sent version 1, the current version is 2; reload it and apply your change again`,
      details: [{ field: 'version', message: 'current version is 2' }],
    });
  });

  it('sets a new password on PATCH: the new one verifies, the old one no longer does', async () => {
    const created = await api.post('users', { email: 'frank.state@fit.example', name: 'Frank Wouters', password: 'state visit autumn 2024' });
    const before = await storedHash(created.body.id);
    const updated = await api.patch(`users/${created.body.id}`, { password: 'GOOSE mission March 2024' });
    expect(updated.status).toBe(200);
    expect(updated.body.version).toBe(2);
    expectNoPassword(updated);
    const after = await storedHash(created.body.id);
    expect(after).not.toBe(before);
    expect(await verifyPassword('GOOSE mission March 2024', after!)).toBe(true);
    expect(await verifyPassword('state visit autumn 2024', after!)).toBe(false);
  });

  it('keeps the password when a PATCH does not mention it', async () => {
    const created = await api.post('users', { email: 'greet.keep@fit.example', name: 'Greet Smets', password: 'early November 2023' });
    const before = await storedHash(created.body.id);
    expect((await api.patch(`users/${created.body.id}`, { name: 'Greet Smets-Peeters' })).status).toBe(200);
    expect(await storedHash(created.body.id)).toBe(before);
  });

  it('archives a user: it leaves lists and search but is still read by id, and the e-mail address can be given to someone new', async () => {
    const created = await api.post('users', { email: 'hilde.leaves@fit.example', name: 'Hilde Vos' });
    expect((await api.delete(`users/${created.body.id}`)).status).toBe(204);
    const read = await api.get(`users/${created.body.id}`);
    // Still read by id, so that what refers to it never dangles.
    expect(read.status).toBe(200);
    expect(read.body.archivedAt).toEqual(expect.any(String));
    expect((await api.get('users?q=hilde')).body.total).toBe(0);

    const successor = await api.post('users', { email: 'Hilde.Leaves@fit.example', name: 'Hilde Vos (new account)' });
    expect(successor.status).toBe(201);
  });

  it('does not describe a password in the OpenAPI response of a user', async () => {
    const docs = await api.get('/api/docs-json');
    const schemas = docs.body.components.schemas as Record<string, { properties: Record<string, { writeOnly?: boolean }> }>;
    expect(Object.keys(schemas.UserResponseDto.properties)).not.toContain('password');
    expect(schemas.UserCreateDto.properties.password).toMatchObject({ writeOnly: true });
  });

  describe('bad input', () => {
    const valid = { email: 'ivo.test@fit.example', name: 'Ivo Test' };

    it.each([
      ['an unknown field', { ...valid, colour: 'blue' }, 'colour', 'unknown field colour: it is not part of this resource'],
      [
        'a password hash sent as a field',
        { ...valid, passwordHash: 'scrypt$1$1$1$a$b' },
        'passwordHash',
        'unknown field passwordHash: it is not part of this resource',
      ],
      ['an invalid e-mail address', { ...valid, email: 'ivo at fit' }, 'email', 'email must be an e-mail address'],
      ['a missing e-mail address', { name: 'Ivo Test' }, 'email', 'email is required'],
      ['a missing name', { email: 'ivo.test@fit.example' }, 'name', 'name is required'],
      ['a blank name', { ...valid, name: '   ' }, 'name', 'name should not be empty'],
      ['an unknown role', { ...valid, role: 'minister' }, 'role', 'role must be one of the following values: admin, officer, viewer'],
      ['an unknown language', { ...valid, language: 'vi' }, 'language', 'language must be one of the following values: nl, en'],
      ['an unknown time zone', { ...valid, timeZone: 'Asia/Hanoi' }, 'timeZone', 'timeZone must be an IANA time zone such as Europe/Brussels'],
      ['an unknown reminder mode', { ...valid, reminderMode: 'weekly' }, 'reminderMode', 'reminderMode must be one of the following values: each, digest'],
      ['a null role', { ...valid, role: null }, 'role', 'role must not be null'],
      ['a password shorter than 12 characters', { ...valid, password: 'Vietnam2023' }, 'password', 'password must be longer than or equal to 12 characters'],
      [
        'a password longer than 200 characters',
        { ...valid, password: 'x'.repeat(201) },
        'password',
        'password must be shorter than or equal to 200 characters',
      ],
      ['a password that is not a string', { ...valid, password: 123456789012345 }, 'password', 'password must be a string'],
    ])('rejects %s on create with 400 naming the field', async (_case, body, field, message) => {
      const response = await api.post('users', body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(response.body.details).toContainEqual({ field, message });
    });

    it('does not echo a rejected password back in the error body', async () => {
      const response = await api.post('users', { ...valid, password: 'short-pw' });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'password', message: 'password must be longer than or equal to 12 characters' }]);
      expect(JSON.stringify(response.body)).not.toContain('short-pw');
    });

    it.each([
      ['a null name', { name: null }, 'name', 'name must not be null'],
      ['a null e-mail address', { email: null }, 'email', 'email must not be null'],
      ['a null time zone', { timeZone: null }, 'timeZone', 'timeZone must not be null'],
      ['a null password', { password: null }, 'password', 'password must not be null'],
      ['a short password', { password: 'too-short' }, 'password', 'password must be longer than or equal to 12 characters'],
      ['a version below 1', { name: 'X', version: 0 }, 'version', 'version must be a whole number of 1 or more: the version you last read'],
    ])('rejects %s on update with 400 naming the field', async (theCase, body, field, message) => {
      const created = await api.post('users', { email: `${theCase.replace(/\W/g, '-')}@fit.example`, name: 'Update Test' });
      expect(created.status).toBe(201);
      const response = await api.patch(`users/${created.body.id}`, body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(response.body.details).toContainEqual({ field, message });
    });

    it('rejects an e-mail address another user has, in any case, with 409 on create and on update', async () => {
      const duplicate = await api.post('users', { email: 'AN.PEETERS@fit.example', name: 'An Peeters (again)' });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({
        statusCode: 409,
        code: 'conflict',
        message: 'another user already has e-mail address an.peeters@fit.example',
        details: [{ field: 'email', message: 'already used by another user' }],
      });

      const other = await api.post('users', { email: 'jan.other@fit.example', name: 'Jan Other' });
      const taken = await api.patch(`users/${other.body.id}`, { email: 'an.peeters@fit.example' });
      expect(taken.status).toBe(409);
      expect(taken.body.details).toEqual([{ field: 'email', message: 'already used by another user' }]);

      const own = await api.patch(`users/${other.body.id}`, { email: 'JAN.OTHER@fit.example' });
      expect(own.status).toBe(200);
    });

    it('answers two simultaneous sign-ups with one address with one 201 and one 409, never a 500', async () => {
      const body = { email: 'race@fit.example', name: 'Race Condition', password: 'simultaneous-signup' };
      const responses = await Promise.all([api.post('users', body), api.post('users', body), api.post('users', body)]);
      expect(responses.map((response) => response.status).sort()).toEqual([201, 409, 409]);
      for (const response of responses.filter((r) => r.status === 409)) {
        expect(response.body.details).toEqual([{ field: 'email', message: 'already used by another user' }]);
      }
    });

    it.each([
      ['role=minister', 'role', 'role must be one of the following values: admin, officer, viewer'],
      ['language=fr', 'language', 'language must be one of the following values: nl, en'],
      ['reminderMode=weekly', 'reminderMode', 'reminderMode must be one of the following values: each, digest'],
      ['sort=password', 'sort', 'cannot sort by password; sort by one of: name, email, createdAt'],
      ['limit=201', 'limit', 'limit must not be greater than 200'],
      ['password=x', 'password', 'unknown query parameter password: this list takes role, language, reminderMode, limit, offset, sort, q, includeArchived, id'],
    ])('rejects the list filter %s with 400 naming it', async (query, field, message) => {
      const response = await api.get(`users?${query}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed', details: [{ field, message }] });
    });

    it('rejects a malformed id with 400 and an unknown one with 404 on read, update and archive', async () => {
      const malformed = await api.get('users/not-a-uuid');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'id', message: 'id must be a UUID' }] });

      const unknown = '00000000-0000-4000-8000-000000000000';
      for (const response of [await api.get(`users/${unknown}`), await api.patch(`users/${unknown}`, { name: 'X' }), await api.delete(`users/${unknown}`)]) {
        expect(response.status).toBe(404);
        expect(response.body).toMatchObject({ code: 'not_found', message: `user ${unknown} not found` });
      }
    });
  });
});
