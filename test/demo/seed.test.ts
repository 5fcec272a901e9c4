import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import pg from 'pg';
import { REFERENCE_MISSION, REFERENCE_MISSION_CODE } from '../../src/demo/reference-mission.js';
import { type CliOutput, runSeedCli } from '../../src/demo/seed-cli.js';
import { Clock } from '../../src/common/clock.service.js';
import { demoId, seedDemoData } from '../../src/demo/seed.js';
import { nextWorkingHour } from '../../src/reminders/working-time.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { freePort } from '../support/service.js';

const data = REFERENCE_MISSION;
const TABLES = [
  'users',
  'organisations',
  'contacts',
  'missions',
  'participants',
  'participant_delegates',
  'audit_entries',
  'meetings',
  'meeting_organisations',
  'meeting_contacts',
  'agreements',
  'agreement_parties',
  'actions',
  'action_organisations',
  'action_watchers',
];
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

async function rowCounts(db: pg.Client): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) counts[table] = Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  return counts;
}

function capture(): CliOutput & { lines: { out: string[]; err: string[] } } {
  const lines = { out: [] as string[], err: [] as string[] };
  return { lines, out: (line) => lines.out.push(line), err: (line) => lines.err.push(line) };
}

describe('seedDemoData', () => {
  let database: TestDatabase;
  let db: pg.Client;
  let firstRun: Record<string, number>;
  let firstRunMs: number;
  let firstRunInserts: string[];
  const missionId = demoId('mission', 'mission-vn-2023');

  beforeAll(async () => {
    database = await createTestDatabase();
    const statements = jest.spyOn(pg.Client.prototype, 'query');
    const started = performance.now();
    firstRun = await seedDemoData({ url: database.url });
    firstRunMs = performance.now() - started;
    // The demo tables'; reminders are planned per action, as any change of an action plans them.
    firstRunInserts = statements.mock.calls.flatMap(([text]) =>
      typeof text === 'string' && text.startsWith('INSERT') && !text.startsWith('INSERT INTO "reminders"') ? [text] : [],
    );
    statements.mockRestore();
    db = await connect(database.url);
  });

  afterAll(async () => {
    await db.end();
    await database.drop();
  });

  it('loads the mission VN-2023 with 30 participants, 27 of them synthetic, and their delegates', async () => {
    const mission = await db.query(`SELECT id, title, start_date::text, end_date::text, previous_mission_id FROM missions WHERE code = $1`, [
      REFERENCE_MISSION_CODE,
    ]);
    expect(mission.rows).toEqual([
      {
        id: missionId,
        title: 'Economic mission to Vietnam 2023',
        start_date: '2023-09-11',
        end_date: '2023-09-16',
        previous_mission_id: demoId('mission', 'mission-vn-2018'),
      },
    ]);
    const participants = await db.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE synthetic)::int AS synthetic FROM participants WHERE mission_id = $1`,
      [missionId],
    );
    expect(participants.rows[0]).toEqual({ total: 30, synthetic: 27 });
    const delegates = data.participants.reduce((sum, p) => sum + p.delegateContactKeys.length, 0);
    expect(delegates).toBeGreaterThan(27);
    expect(Number((await db.query('SELECT count(*) AS n FROM participant_delegates')).rows[0].n)).toBe(delegates);
  });

  it('loads more than 250 B2B meetings, all synthetic, each between a Flemish company and a Vietnamese counterpart', async () => {
    const b2b = await db.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE synthetic)::int AS synthetic FROM meetings WHERE mission_id = $1 AND kind = 'b2b'`,
      [missionId],
    );
    expect(b2b.rows[0].total).toBeGreaterThan(250);
    expect(b2b.rows[0].synthetic).toBe(b2b.rows[0].total);
    const sides = await db.query(
      `SELECT mo.side, o.country, count(*)::int AS n FROM meeting_organisations mo
         JOIN meetings m ON m.id = mo.meeting_id JOIN organisations o ON o.id = mo.organisation_id
        WHERE m.kind = 'b2b' GROUP BY mo.side, o.country ORDER BY mo.side`,
    );
    expect(sides.rows).toEqual([
      { side: 'delegation', country: 'BE', n: b2b.rows[0].total },
      { side: 'counterpart', country: 'VN', n: b2b.rows[0].total },
    ]);
  });

  it('loads the meeting with the Prime Minister, with Pham Minh Chinh on the counterpart side', async () => {
    const people = await db.query(
      `SELECT c.name, mc.side FROM meeting_contacts mc JOIN contacts c ON c.id = mc.contact_id
        WHERE mc.meeting_id = (SELECT meeting_id FROM meeting_contacts WHERE contact_id = $1 LIMIT 1) ORDER BY mc.side, c.name`,
      [demoId('contact', 'contact-pham-minh-chinh')],
    );
    expect(people.rows).toContainEqual({ name: 'Pham Minh Chinh', side: 'counterpart' });
    expect(people.rows).toContainEqual({ name: 'Jan Jambon', side: 'delegation' });
  });

  it('loads the 4 agreements, each with two or more parties', async () => {
    const agreements = await db.query(
      `SELECT a.type, a.status, a.title, count(p.organisation_id)::int AS parties FROM agreements a
         LEFT JOIN agreement_parties p ON p.agreement_id = a.id GROUP BY a.id ORDER BY a.title`,
    );
    expect(agreements.rows).toHaveLength(4);
    for (const agreement of agreements.rows) expect(agreement.parties).toBeGreaterThanOrEqual(2);
    expect(agreements.rows).toContainEqual({
      type: 'mou',
      status: 'signed',
      title: 'MoU NXTPORT International and CamCO Technologies – Vinamarine',
      parties: 3,
    });
    expect(agreements.rows).toContainEqual({ type: 'loi', status: 'planned', title: 'Letter of intent MOW – Vietnamese Ministry of Transport', parties: 2 });
  });

  it('stores the follow-up actions with the due windows of their fuzzy labels', async () => {
    const due = async (key: string) =>
      (await db.query(`SELECT due_from::text, due_to::text, due_precision, due_label FROM actions WHERE id = $1`, [demoId('action', key)])).rows[0];
    expect(await due('action-mow-mrc-visit')).toEqual({
      due_from: '2023-11-01',
      due_to: '2023-11-10',
      due_precision: 'part_of_month',
      due_label: 'early November 2023',
    });
    expect(await due('action-goose-mission')).toEqual({ due_from: '2024-03-01', due_to: '2024-03-31', due_precision: 'month', due_label: 'March 2024' });
    expect(await due('action-state-visit')).toEqual({ due_from: '2024-09-01', due_to: '2024-11-30', due_precision: 'season', due_label: 'autumn 2024' });
    expect(await due('action-parliamentary-answer')).toEqual({ due_from: null, due_to: null, due_precision: null, due_label: null });
    expect(Number((await db.query('SELECT count(*) AS n FROM actions WHERE mission_id = $1', [missionId])).rows[0].n)).toBe(data.actions.length);
  });

  it('links each action to its owner, watchers and organisations', async () => {
    const visit = demoId('action', 'action-mow-mrc-visit');
    const owner = await db.query(`SELECT u.email FROM actions a JOIN users u ON u.id = a.owner_id WHERE a.id = $1`, [visit]);
    expect(owner.rows).toEqual([{ email: 'els.vermeulen@fit.example' }]);
    const watchers = await db.query(`SELECT u.email FROM action_watchers w JOIN users u ON u.id = w.user_id WHERE w.action_id = $1`, [visit]);
    expect(watchers.rows).toEqual([{ email: 'tom.peeters@fit.example' }]);
    const organisations = await db.query(
      `SELECT o.name FROM action_organisations ao JOIN organisations o ON o.id = ao.organisation_id WHERE ao.action_id = $1 ORDER BY o.name`,
      [visit],
    );
    expect(organisations.rows.map((o) => o.name)).toEqual(['Flemish Department of Mobility and Public Works (MOW)', 'Mekong River Commission (MRC)']);
  });

  it('creates the officers without a password', async () => {
    const users = await db.query('SELECT email, password_hash FROM users ORDER BY email');
    expect(users.rows).toHaveLength(data.users.length);
    for (const user of users.rows) expect(user.password_hash).toBeNull();
  });

  it('reports the rows it inserted per table, in one bulk statement per table', async () => {
    expect(firstRun).toEqual({
      users: data.users.length,
      organisations: data.organisations.length,
      contacts: data.contacts.length,
      missions: data.missions.length,
      participants: data.participants.length,
      participantDelegates: data.participants.reduce((sum, p) => sum + p.delegateContactKeys.length, 0),
      // The satisfaction typed in after the mission, one audited change per participant that gave one.
      auditEntries: data.participants.filter((p) => p.satisfactionScore || p.satisfactionComment).length,
      meetings: data.meetings.length,
      meetingOrganisations: Number((await db.query('SELECT count(*) AS n FROM meeting_organisations')).rows[0].n),
      meetingContacts: Number((await db.query('SELECT count(*) AS n FROM meeting_contacts')).rows[0].n),
      agreements: data.agreements.length,
      agreementParties: data.agreements.reduce((sum, a) => sum + a.partyKeys.length, 0),
      actions: data.actions.length,
      actionOrganisations: data.actions.reduce((sum, a) => sum + a.organisationKeys.length, 0),
      actionWatchers: data.actions.reduce((sum, a) => sum + a.watcherUserKeys.length, 0),
      reminders: Number((await db.query('SELECT count(*) AS n FROM reminders')).rows[0].n),
    });
    expect(firstRun.reminders).toBeGreaterThan(0);
    expect(firstRun.meetingOrganisations).toBeGreaterThan(data.meetings.length);
    // In bulk: one statement per table at this size, not one per row.
    expect(firstRunInserts).toHaveLength(TABLES.length);
    expect(firstRunInserts.every((text) => text.includes('ON CONFLICT DO NOTHING'))).toBe(true);
    // Loose, so that a busy machine does not fail it; row by row takes far longer.
    expect(firstRunMs).toBeLessThan(5000);
  });

  it('gives every record a version-4 shaped id derived from its kind and key', async () => {
    expect(demoId('mission', 'mission-vn-2023')).toBe(missionId);
    expect(missionId).toMatch(UUID_V4);
    expect(demoId('organisation', 'mission-vn-2023')).not.toBe(missionId);
    const ids = await db.query(`SELECT id FROM meetings UNION ALL SELECT id FROM organisations UNION ALL SELECT id FROM actions`);
    for (const { id } of ids.rows) expect(id).toMatch(UUID_V4);
    const nxtport = await db.query(`SELECT id FROM organisations WHERE name = 'NXTPORT International'`);
    expect(nxtport.rows).toEqual([{ id: demoId('organisation', 'org-nxtport') }]);
  });

  it('inserts nothing when run a second time and leaves every table as it was', async () => {
    const before = await rowCounts(db);
    const secondRun = await seedDemoData({ url: database.url });
    expect(Object.keys(secondRun)).toEqual(Object.keys(firstRun));
    expect(Object.values(secondRun).every((count) => count === 0)).toBe(true);
    expect(await rowCounts(db)).toEqual(before);
  });

  it('keeps what someone changed in the demo data when seeding again', async () => {
    const monument = demoId('organisation', 'org-monument');
    const notreDame = demoId('meeting', 'meeting-notre-dame');
    const jambon = demoId('contact', 'contact-jambon');
    await db.query(`UPDATE organisations SET city = 'Ghent', version = version + 1 WHERE id = $1`, [monument]);
    await db.query(`DELETE FROM meeting_organisations WHERE meeting_id = $1 AND organisation_id = $2`, [notreDame, monument]);
    await db.query(`UPDATE contacts SET archived_at = now() WHERE id = $1`, [jambon]);
    await db.query(`DELETE FROM participants WHERE mission_id = $1 AND organisation_id = $2`, [missionId, monument]);

    const again = await seedDemoData({ url: database.url });

    expect(Object.values(again).every((count) => count === 0)).toBe(true);
    expect((await db.query('SELECT city, version FROM organisations WHERE id = $1', [monument])).rows).toEqual([{ city: 'Ghent', version: 2 }]);
    expect((await db.query('SELECT 1 FROM meeting_organisations WHERE meeting_id = $1 AND organisation_id = $2', [notreDame, monument])).rowCount).toBe(0);
    expect((await db.query('SELECT archived_at IS NOT NULL AS archived FROM contacts WHERE id = $1', [jambon])).rows).toEqual([{ archived: true }]);
    expect((await db.query('SELECT count(*)::int AS n FROM participants WHERE mission_id = $1', [missionId])).rows).toEqual([{ n: 29 }]);
  });
});

describe('seedDemoData on a database that is not empty', () => {
  let database: TestDatabase;
  let db: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await connect(database.url);
  });

  afterAll(async () => {
    await db.end();
    await database.drop();
  });

  it('leaves nothing behind when loading fails half-way, and loads fully once the cause is gone', async () => {
    await db.query(`CREATE FUNCTION refuse_action() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'actions are refused'; END $$`);
    await db.query(`CREATE TRIGGER refuse_action BEFORE INSERT ON actions FOR EACH ROW EXECUTE FUNCTION refuse_action()`);
    await expect(seedDemoData({ url: database.url })).rejects.toThrow('actions are refused');
    expect(Object.values(await rowCounts(db)).every((count) => count === 0)).toBe(true);

    await db.query('DROP TRIGGER refuse_action ON actions');
    const summary = await seedDemoData({ url: database.url });
    expect(summary.meetings).toBe(data.meetings.length);
    expect(summary.actions).toBe(data.actions.length);
  });
});

describe('seedDemoData next to records that share a unique natural key with demo records', () => {
  let database: TestDatabase;
  let db: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await connect(database.url);
  });

  afterAll(async () => {
    await db.end();
    await database.drop();
  });

  it('refers to the existing user, organisation and mission instead of adding twins', async () => {
    const els = (await db.query(`INSERT INTO users (email, name) VALUES ('els.vermeulen@fit.example', 'Els V.') RETURNING id`)).rows[0].id;
    const company = data.organisations.find((o) => o.enterpriseNumber)!;
    const organisation = (
      await db.query(`INSERT INTO organisations (name, kind, country, enterprise_number) VALUES ('Renamed company', 'company', 'BE', $1) RETURNING id`, [
        company.enterpriseNumber,
      ])
    ).rows[0].id;
    const vn2018 = (
      await db.query(
        `INSERT INTO missions (code, title, type, host_countries, start_date, end_date, time_zone) VALUES ('vn-2018', 'Vietnam 2018', 'economic_mission', '{VN}', '2018-05-13', '2018-05-18', 'Asia/Ho_Chi_Minh') RETURNING id`,
      )
    ).rows[0].id;

    const summary = await seedDemoData({ url: database.url });

    expect(summary).toMatchObject({ users: data.users.length - 1, organisations: data.organisations.length - 1, missions: 1 });
    const vn2023 = await db.query(`SELECT owner_id, previous_mission_id FROM missions WHERE code = $1`, [REFERENCE_MISSION_CODE]);
    expect(vn2023.rows).toEqual([{ owner_id: els, previous_mission_id: vn2018 }]);
    expect((await db.query(`SELECT name FROM users WHERE id = $1`, [els])).rows).toEqual([{ name: 'Els V.' }]);
    const participant = await db.query(`SELECT count(*)::int AS n FROM participants WHERE organisation_id = $1`, [organisation]);
    expect(participant.rows).toEqual([{ n: 1 }]);
    expect((await db.query(`SELECT count(*)::int AS n FROM organisations WHERE enterprise_number = $1`, [company.enterpriseNumber])).rows).toEqual([{ n: 1 }]);
  });
});

describe('demo data through the API', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
    await seedDemoData({ url: api.database.url });
  });

  afterAll(async () => {
    await api.close();
  });

  it('finds NXTPORT International as a real Belgian company', async () => {
    const found = await api.get('organisations?q=NXTPORT');
    expect(found.status).toBe(200);
    expect(found.body.total).toBe(1);
    expect(found.body.items[0]).toMatchObject({
      id: demoId('organisation', 'org-nxtport'),
      name: 'NXTPORT International',
      kind: 'company',
      country: 'BE',
      synthetic: false,
      version: 1,
    });
  });

  it('serves a synthetic company by its demo id, marked as synthetic', async () => {
    const company = data.organisations.find((o) => o.synthetic && o.enterpriseNumber)!;
    const read = await api.get(`organisations/${demoId('organisation', company.key)}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ name: company.name, enterpriseNumber: company.enterpriseNumber, synthetic: true });
  });

  it('lists every Vietnamese organisation of the data set', async () => {
    const vietnamese = await api.get('organisations?country=VN&limit=200');
    expect(vietnamese.status).toBe(200);
    expect(vietnamese.body.total).toBe(data.organisations.filter((o) => o.country === 'VN').length);
  });
});

describe('npm run seed:demo (runSeedCli)', () => {
  it('migrates the database named by DATABASE_URL, loads the demo mission and prints one line', async () => {
    const database = await createTestDatabase({ migrate: false });
    try {
      const first = capture();
      expect(await runSeedCli({ DATABASE_URL: database.url }, first)).toBe(0);
      expect(first.lines.err).toEqual([]);
      expect(first.lines.out).toHaveLength(1);
      expect(first.lines.out[0]).toMatch(
        /^Demo mission VN-2023 loaded: 4 users, \d+ organisations, .*, 2 missions, 30 participants, .*\d+ meetings, \d+ meeting organisations, .*\.$/,
      );

      const second = capture();
      expect(await runSeedCli({ DATABASE_URL: database.url }, second)).toBe(0);
      expect(second.lines.out).toEqual(['Demo mission VN-2023 was already loaded: nothing added.']);
    } finally {
      await database.drop();
    }
  });

  it('exits 1 with the reason on stderr when the database cannot be reached', async () => {
    const output = capture();
    expect(await runSeedCli({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/mission_crm' }, output)).toBe(1);
    expect(output.lines.out).toEqual([]);
    expect(output.lines.err).toHaveLength(1);
    expect(output.lines.err[0]).toMatch(/^Loading the demo data failed: .*ECONNREFUSED/);
  });

  it('exits 1 naming the variable when the configuration is invalid', async () => {
    const output = capture();
    expect(await runSeedCli({ DATABASE_URL: 'mysql://localhost/crm' }, output)).toBe(1);
    expect(output.lines.err[0]).toContain('DATABASE_URL: DATABASE_URL must be a postgres:// connection URL');
  });

  describe('without DATABASE_URL', () => {
    let dataDir: string;

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'mission-crm-seed-'));
      await chmod(dataDir, 0o755); // the PostgreSQL user must reach it when the tests run as root
    });

    afterAll(async () => {
      await rm(dataDir, { recursive: true, force: true });
    });

    it('starts the embedded PostgreSQL under DATA_DIR, loads the demo mission and stops the server again', async () => {
      const port = String(await freePort());
      const env = { DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: port };
      const first = capture();
      expect(await runSeedCli(env, first)).toBe(0);
      expect(first.lines.out[0]).toMatch(/^Demo mission VN-2023 loaded: /);

      const second = capture();
      expect(await runSeedCli(env, second)).toBe(0);
      expect(second.lines.out).toEqual(['Demo mission VN-2023 was already loaded: nothing added.']);
      // Stopped: nothing listens on the port any more.
      await expect(connect(`postgres://postgres:mission-crm@127.0.0.1:${port}/mission_crm`)).rejects.toThrow(/ECONNREFUSED/);
    }, 120_000);

    it('refuses, exit 1, while a server is running on DATA_DIR rather than stopping it under the service', async () => {
      const busyDir = await mkdtemp(join(tmpdir(), 'mission-crm-busy-'));
      try {
        await mkdir(join(busyDir, 'postgres'));
        // A cluster whose server (here: this test process) has a live Node parent, as under `npm start`.
        await writeFile(join(busyDir, 'postgres', 'PG_VERSION'), '17\n');
        await writeFile(join(busyDir, 'postgres', 'postmaster.pid'), `${process.pid}\n${busyDir}/postgres\n`);
        const output = capture();
        expect(await runSeedCli({ DATA_DIR: busyDir }, output)).toBe(1);
        expect(output.lines.err).toEqual([
          `Loading the demo data failed: the embedded PostgreSQL on ${join(busyDir, 'postgres')} is in use by process ${process.ppid}: stop that service first, or set DATABASE_URL to use a PostgreSQL of your own`,
        ]);
      } finally {
        await rm(busyDir, { recursive: true, force: true });
      }
    });
  });
});

describe('reminders of the demo actions', () => {
  /** Monday 15 January 2024, 11:00 in Brussels: most follow-ups of the September 2023 mission are late by then. */
  const NOW = new Date('2024-01-15T10:00:00Z');
  let pinned: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    pinned = await createTestDatabase();
    const clock = new (class extends Clock {
      override now(): Date {
        return NOW;
      }
    })();
    await seedDemoData({ url: pinned.url, clock });
    client = await connect(pinned.url);
  });

  afterAll(async () => {
    await client?.end();
    await pinned?.drop();
  });

  it('plans the missed overdue reminders of every overdue action from the next working hour, one per recipient, none in the past', async () => {
    const overdue = await client.query<{ id: string; owner_id: string; time_zone: string }>(
      `SELECT a.id, a.owner_id, u.time_zone FROM actions a JOIN users u ON u.id = a.owner_id
        WHERE a.status IN ('open', 'in_progress') AND a.due_to < '2024-01-15' AND u.reminder_mode = 'each'`,
    );
    expect(overdue.rows.length).toBeGreaterThan(10);
    for (const action of overdue.rows) {
      const reminders = await client.query<{ occurrence: number; fire_at: Date }>(
        `SELECT occurrence, fire_at FROM reminders WHERE action_id = $1 AND recipient_id = $2 AND kind = 'overdue' AND status = 'planned' ORDER BY fire_at`,
        [action.id, action.owner_id],
      );
      expect(reminders.rows.length).toBeGreaterThan(0);
      // The first at the next working hour in the owner's zone; the rest at 9:00 on the policy's days after it: no burst.
      expect(reminders.rows[0].fire_at.toISOString()).toBe(nextWorkingHour(NOW, action.time_zone).toISOString());
      for (let i = 1; i < reminders.rows.length; i++) {
        expect(reminders.rows[i].fire_at.getTime() - reminders.rows[i - 1].fire_at.getTime()).toBeGreaterThanOrEqual(6 * 24 * 3600 * 1000);
      }
    }
    const past = await client.query(`SELECT count(*)::int AS n FROM reminders WHERE fire_at <= $1`, [NOW]);
    expect(past.rows[0].n).toBe(0);
    // Nobody assigned anything: no assignment notices.
    const notices = await client.query(`SELECT count(*)::int AS n FROM reminders WHERE kind = 'assignment'`);
    expect(notices.rows[0].n).toBe(0);
  });

  it('escalates the overdue actions of a mission with an officer to that officer, from the next working hour', async () => {
    const escalations = await client.query<{ fire_at: Date; time_zone: string }>(
      `SELECT r.fire_at, u.time_zone FROM reminders r JOIN users u ON u.id = r.recipient_id JOIN actions a ON a.id = r.action_id
        JOIN missions m ON m.id = a.mission_id
        WHERE r.kind = 'escalation' AND r.recipient_id = m.owner_id AND a.due_to < '2024-01-01'`,
    );
    expect(escalations.rows.length).toBeGreaterThan(0);
    for (const row of escalations.rows) expect(row.fire_at.toISOString()).toBe(nextWorkingHour(NOW, row.time_zone).toISOString());
  });

  it('records the satisfaction the companies gave as an audited change after the mission, not with their registration', async () => {
    const entries = await client.query<{ occurred_at: Date; entity_id: string; changes: Record<string, { before: unknown; after: unknown }> }>(
      `SELECT occurred_at, entity_id, changes FROM audit_entries WHERE entity = 'participant' AND changes ? 'satisfactionScore'`,
    );
    const scored = data.participants.filter((p) => p.satisfactionScore);
    expect(entries.rows).toHaveLength(scored.length);
    for (const entry of entries.rows) {
      expect(entry.occurred_at.toISOString()).toBe('2023-09-20T10:00:00.000Z');
      expect(entry.changes.satisfactionScore).toEqual({ before: null, after: expect.any(Number) });
    }
  });

  it('gives the done demo actions the time they were done', async () => {
    const done = await client.query<{ id: string; completed_at: Date | null }>(`SELECT id, completed_at FROM actions WHERE status = 'done' ORDER BY id`);
    expect(done.rows.length).toBe(data.actions.filter((a) => a.status === 'done').length);
    expect(done.rows.every((row) => row.completed_at instanceof Date)).toBe(true);
    const survey = await client.query<{ completed_at: Date }>(`SELECT completed_at FROM actions WHERE id = $1`, [
      demoId('action', 'action-satisfaction-survey'),
    ]);
    expect(survey.rows[0].completed_at.toISOString()).toBe('2023-09-20T10:00:00.000Z');
    const open = await client.query(`SELECT count(*)::int AS n FROM actions WHERE status <> 'done' AND completed_at IS NOT NULL`);
    expect(open.rows[0].n).toBe(0);
  });
});
