import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DEFAULT_ADMIN_EMAIL, ensureFirstAdmin } from '../../src/auth/first-admin.js';
import { resolveJwtSecret } from '../../src/auth/jwt-secret.js';
import { runUserCreateCli, type UserCreateIo } from '../../src/users/user-create-cli.js';
import { createApp } from '../../src/bootstrap.js';
import { EnvironmentError, loadEnvironment } from '../../src/config/environment.js';
import { verifyPassword } from '../../src/users/password.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_JWT_SECRET } from '../support/app.js';

/** How the first person gets in: ADMIN_EMAIL/ADMIN_PASSWORD, a generated admin for newcomers, the user:create CLI. */
describe('first admin and user:create', () => {
  let database: TestDatabase;
  let db: pg.Client;

  const settings = (extra: Record<string, string> = {}) =>
    loadEnvironment({ NODE_ENV: 'development', LOG_LEVEL: 'silent', ROLE: 'api', DATABASE_URL: database.url, JWT_SECRET: TEST_JWT_SECRET, ...extra });
  const stored = async (email: string) =>
    (
      await db.query<{ id: string; role: string; password_hash: string | null }>(
        `SELECT id, role, password_hash FROM users WHERE lower(email) = lower($1) AND archived_at IS NULL`,
        [email],
      )
    ).rows;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await database.drop();
  });

  afterEach(async () => {
    await db.query('DELETE FROM users');
  });

  describe('at start', () => {
    it('creates the admin of ADMIN_EMAIL and ADMIN_PASSWORD, who can sign in', async () => {
      const environment = settings({ ADMIN_EMAIL: 'Admin@FIT.example', ADMIN_PASSWORD: 'Mekong River Commission' });
      expect(await ensureFirstAdmin(database.url, environment, false)).toEqual({ source: 'configured', email: 'admin@fit.example' });
      const [admin] = await stored('admin@fit.example');
      expect(admin.role).toBe('admin');
      expect(await verifyPassword('Mekong River Commission', admin.password_hash!)).toBe(true);

      const app = await createApp(environment, database.url);
      try {
        await app.listen({ port: 0, host: '127.0.0.1' });
        const response = await fetch(`${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'admin@fit.example', password: 'Mekong River Commission' }),
        });
        expect(response.status).toBe(200);
        expect(((await response.json()) as { user: { role: string } }).user.role).toBe('admin');
      } finally {
        await app.close();
      }
    });

    it('leaves an existing user of ADMIN_EMAIL alone: the password is not reset at every start', async () => {
      const environment = settings({ ADMIN_EMAIL: 'admin@fit.example', ADMIN_PASSWORD: 'Mekong River Commission' });
      await ensureFirstAdmin(database.url, environment, false);
      const [before] = await stored('admin@fit.example');
      const again = settings({ ADMIN_EMAIL: 'admin@fit.example', ADMIN_PASSWORD: 'another password entirely' });
      expect(await ensureFirstAdmin(database.url, again, false)).toBeUndefined();
      expect(await stored('admin@fit.example')).toEqual([before]);
    });

    it('gives an existing user of ADMIN_EMAIL who has no password ADMIN_PASSWORD and the admin role, recorded in the audit trail', async () => {
      // Added without a password (POST /users allows it), so nobody could sign in as them yet.
      const {
        rows: [{ id }],
      } = await db.query<{ id: string }>(`INSERT INTO users (email, name, role) VALUES ('Admin@FIT.example', 'FIT Administrator', 'officer') RETURNING id`);
      const environment = settings({ ADMIN_EMAIL: 'admin@fit.example', ADMIN_PASSWORD: 'Mekong River Commission' });
      expect(await ensureFirstAdmin(database.url, environment, false)).toEqual({ source: 'completed', email: 'admin@fit.example' });
      const [admin] = await stored('admin@fit.example');
      expect(admin).toMatchObject({ id, role: 'admin' });
      expect(await verifyPassword('Mekong River Commission', admin.password_hash!)).toBe(true);
      const audit = await db.query(`SELECT action, actor_id, changes FROM audit_entries WHERE entity_id = $1`, [id]);
      expect(audit.rows).toEqual([
        { action: 'update', actor_id: null, changes: { role: { before: 'officer', after: 'admin' }, password: { before: '[hidden]', after: '[changed]' } } },
      ]);
      // From then on they have a password: the next start leaves them alone.
      expect(
        await ensureFirstAdmin(database.url, settings({ ADMIN_EMAIL: 'admin@fit.example', ADMIN_PASSWORD: 'another password entirely' }), false),
      ).toBeUndefined();
      expect(await stored('admin@fit.example')).toEqual([admin]);
    });

    it('leaves a user of ADMIN_EMAIL who signs in as an officer as they are, and says so', async () => {
      await db.query(`INSERT INTO users (email, name, role, password_hash) VALUES ('els@fit.example', 'Els', 'officer', 'scrypt$16384$8$1$c2FsdA==$aGFzaA==')`);
      const [before] = await stored('els@fit.example');
      const environment = settings({ ADMIN_EMAIL: 'els@fit.example', ADMIN_PASSWORD: 'Mekong River Commission' });
      expect(await ensureFirstAdmin(database.url, environment, false)).toEqual({ source: 'not_admin', email: 'els@fit.example', role: 'officer' });
      expect(await stored('els@fit.example')).toEqual([before]);
    });

    it('makes a newcomer on the embedded database an admin with a random password, once', async () => {
      // The demo data's admin has no password: it cannot sign in, so it does not count.
      await db.query(`INSERT INTO users (email, name, role) VALUES ('admin@fit.example', 'Mission CRM Admin', 'admin')`);
      const first = await ensureFirstAdmin(database.url, settings(), true);
      expect(first).toEqual({ source: 'generated', email: DEFAULT_ADMIN_EMAIL, password: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/) });
      const [admin] = await stored(DEFAULT_ADMIN_EMAIL);
      expect(admin.role).toBe('admin');
      expect(await verifyPassword(first!.source === 'generated' ? first!.password : '', admin.password_hash!)).toBe(true);
      expect(await ensureFirstAdmin(database.url, settings(), true)).toBeUndefined();
    });

    it('makes no admin when one can already sign in', async () => {
      await db.query(`INSERT INTO users (email, name, role, password_hash) VALUES ('els@fit.example', 'Els', 'admin', 'scrypt$16384$8$1$c2FsdA==$aGFzaA==')`);
      expect(await ensureFirstAdmin(database.url, settings(), true)).toBeUndefined();
      expect(await stored(DEFAULT_ADMIN_EMAIL)).toEqual([]);
    });

    it('never makes up credentials in production, nor on a database of its own', async () => {
      expect(await ensureFirstAdmin(database.url, settings({ NODE_ENV: 'production' }), true)).toBeUndefined();
      expect(await ensureFirstAdmin(database.url, settings(), false)).toBeUndefined();
      expect(await stored(DEFAULT_ADMIN_EMAIL)).toEqual([]);
    });
  });

  describe('npm run user:create', () => {
    const io = (stdin: string) => {
      const out: string[] = [];
      const err: string[] = [];
      const streams: UserCreateIo = { stdin: Readable.from([stdin]), out: (line) => out.push(line), err: (line) => err.push(line), prompt: () => undefined };
      return { streams, out, err };
    };
    const env = () => ({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' });

    it('adds a user with the password read from standard input and prints the id', async () => {
      const { streams, out, err } = io('GOOSE mission March 2024\n');
      const code = await runUserCreateCli(
        ['--email', 'Tom.Peeters@FIT.example', '--name', 'Tom Peeters', '--role', 'admin', '--language', 'en', '--password-stdin'],
        env(),
        streams,
      );
      expect([code, err]).toEqual([0, []]);
      const [tom] = await stored('tom.peeters@fit.example');
      expect(out).toEqual([tom.id]);
      expect(tom.role).toBe('admin');
      expect(await verifyPassword('GOOSE mission March 2024', tom.password_hash!)).toBe(true);
    });

    it('makes an officer when no role is given', async () => {
      const { streams } = io('webinars and info sessions');
      expect(await runUserCreateCli(['--email', 'an.claes@fit.example', '--name', 'An Claes'], env(), streams)).toBe(0);
      expect((await stored('an.claes@fit.example'))[0].role).toBe('officer');
    });

    it('refuses an address that is taken (exit 1)', async () => {
      await runUserCreateCli(['--email', 'els@fit.example', '--name', 'Els'], env(), io('first password 2023').streams);
      const { streams, err } = io('second password 2023');
      expect(await runUserCreateCli(['--email', 'ELS@fit.example', '--name', 'Els again'], env(), streams)).toBe(1);
      expect(err).toEqual(['Adding the user failed: another user already has e-mail address els@fit.example: already used by another user']);
    });

    it.each([
      [['--email', 'x@fit.example', '--name', 'X', '--role', 'chief'], 'short', 'role must be one of the following values: admin, officer, viewer'],
      [['--email', 'x@fit.example', '--name', 'X'], 'too short', 'password must be longer than or equal to 12 characters'],
      [['--email', 'not-an-address', '--name', 'X'], 'long enough password', 'email must be an e-mail address'],
    ])('refuses %j with the rule it breaks (exit 1), storing nothing', async (argv, password, message) => {
      const { streams, err } = io(password);
      expect(await runUserCreateCli(argv, env(), streams)).toBe(1);
      expect(err.join('\n')).toContain(message);
      expect((await db.query('SELECT count(*)::int AS n FROM users')).rows).toEqual([{ n: 0 }]);
    });

    it('explains the usage for a command line it does not understand (exit 2)', async () => {
      const { streams, err } = io('');
      expect(await runUserCreateCli(['--email', 'x@fit.example'], env(), streams)).toBe(2);
      expect(err[0]).toMatch(/^missing --name\nusage: npm run user:create/);
      expect(await runUserCreateCli(['--email', 'x@fit.example', '--name', 'X', '--password', 'on the command line'], env(), streams)).toBe(2);
    });
  });

  describe('JWT secret', () => {
    let dataDir: string;

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'mission-crm-secret-'));
    });

    afterAll(async () => {
      await rm(dataDir, { recursive: true, force: true });
    });

    it('is generated once into DATA_DIR/jwt-secret, readable by the owner only, and read back on the next start', async () => {
      const first = await resolveJwtSecret({ DATA_DIR: dataDir });
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect((await stat(join(dataDir, 'jwt-secret'))).mode & 0o777).toBe(0o600);
      expect(await resolveJwtSecret({ DATA_DIR: dataDir })).toBe(first);
      expect((await readFile(join(dataDir, 'jwt-secret'), 'utf8')).trim()).toBe(first);
    });

    it('is JWT_SECRET when set, and then no file is written', async () => {
      const elsewhere = join(dataDir, 'unused');
      expect(await resolveJwtSecret({ DATA_DIR: elsewhere, JWT_SECRET: TEST_JWT_SECRET })).toBe(TEST_JWT_SECRET);
      await expect(stat(elsewhere)).rejects.toThrow();
    });
  });

  describe('settings', () => {
    it.each([
      [{ NODE_ENV: 'production' }, 'JWT_SECRET: JWT_SECRET is required in production (at least 32 characters)'],
      [{ NODE_ENV: 'production', JWT_SECRET: 'too short' }, 'JWT_SECRET: JWT_SECRET must be at least 32 characters long'],
      [{ JWT_SECRET: 'too short' }, 'JWT_SECRET: JWT_SECRET must be at least 32 characters long'],
      [{ ADMIN_EMAIL: 'admin@fit.example' }, 'ADMIN_EMAIL: set ADMIN_EMAIL and ADMIN_PASSWORD together, or neither'],
      [{ ADMIN_EMAIL: 'admin', ADMIN_PASSWORD: 'long enough password' }, 'ADMIN_EMAIL: ADMIN_EMAIL must be an e-mail address'],
      [{ ADMIN_EMAIL: 'admin@fit.example', ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD: ADMIN_PASSWORD must be at least 12 characters long'],
      [{ CORS_ORIGINS: 'https://crm.fit.example/dashboard' }, 'CORS_ORIGINS: CORS_ORIGINS must be a comma-separated list of origins'],
      [{ JWT_ACCESS_TTL: '10' }, 'JWT_ACCESS_TTL: JWT_ACCESS_TTL must be a whole number of seconds from 60 to 86400'],
      [{ LOGIN_LIMIT_PER_ACCOUNT: '0' }, 'LOGIN_LIMIT_PER_ACCOUNT: LOGIN_LIMIT_PER_ACCOUNT must be a whole number from 1 to 10000'],
    ])('refuses %j, naming the variable', (source, message) => {
      expect(() => loadEnvironment(source)).toThrow(EnvironmentError);
      expect(() => loadEnvironment(source)).toThrow(message);
    });

    it('has defaults: 15-minute access tokens, 30-day refresh tokens, no CORS origin, 10 and 5 sign-in attempts a minute', () => {
      expect(loadEnvironment({})).toMatchObject({
        JWT_ACCESS_TTL: 900,
        REFRESH_TTL: 2592000,
        CORS_ORIGINS: [],
        LOGIN_LIMIT_PER_ADDRESS: 10,
        LOGIN_LIMIT_PER_ACCOUNT: 5,
      });
      expect(loadEnvironment({}).JWT_SECRET).toBeUndefined();
    });

    it('reads CORS_ORIGINS as a comma-separated list, and lets a production worker run without JWT_SECRET', () => {
      expect(loadEnvironment({ CORS_ORIGINS: 'https://crm.fit.example, http://localhost:5173' }).CORS_ORIGINS).toEqual([
        'https://crm.fit.example',
        'http://localhost:5173',
      ]);
      expect(loadEnvironment({ NODE_ENV: 'production', ROLE: 'worker' }).JWT_SECRET).toBeUndefined();
    });
  });
});
