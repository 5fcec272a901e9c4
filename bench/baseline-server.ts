import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import pg from 'pg';
import { mapAction } from '../src/actions/actions.dto.js';
import type { Action } from '../src/actions/action.entity.js';
import { isOverdue } from '../src/actions/actions.service.js';
import { dateInZone } from '../src/common/clock.service.js';
import { EXACT_TOTAL_UP_TO } from '../src/database/page-query.js';
import { type MeetingLinks, mapMeeting } from '../src/meetings/meetings.dto.js';
import type { Meeting } from '../src/meetings/meeting.entity.js';
import { mapReminder } from '../src/reminders/reminders.dto.js';
import type { Reminder } from '../src/reminders/reminder.entity.js';
import { readReportFacts } from '../src/reports/report.repository.js';
import { buildReport } from '../src/reports/reports.service.js';

/**
 * The baseline of npm run bench:http: a bare Fastify 5 server on a pg pool that answers the
 * benched requests with the statements the service sends for them (the same WHERE, ORDER BY,
 * LIMIT; the same session check, remembered 2 s; the same exact-or-estimated total) and bodies
 * built by the service's own mapping functions, so that the difference is what the framework,
 * the ORM, validation, guards and logging cost. The id lists of actions are read with one
 * `= ANY($1)` per list, both in one statement, as the service reads them. Run by bench/http.ts as a process of
 * its own (DATABASE_URL, JWT_SECRET, PORT).
 */

// DATE columns as the service returns them: the day as written, not a Date at midnight UTC.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

const TIME_ZONE = 'Europe/Brussels';
const SESSION_CACHE_MS = 2000;
const PAGE = 50;

const columns = (alias: string, names: string): string =>
  names
    .split(/,\s*/)
    .map((name) => `${alias}.${name} AS "${name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())}"`)
    .join(', ');

const ACTION_COLUMNS = columns(
  'a',
  'id, created_at, updated_at, version, title, kind, description, mission_id, agreement_id, meeting_id, owner_id, status, outcome, due_from, due_to, due_precision, due_label, completed_at, reminder_policy, archived_at',
);
const MEETING_COLUMNS = columns(
  'm',
  'id, created_at, updated_at, version, mission_id, kind, title, starts_at, ends_at, location, topics, attendee_count, summary, outcome, synthetic, archived_at',
);
const REMINDER_COLUMNS = columns(
  'r',
  'id, created_at, updated_at, version, action_id, kind, occurrence, recipient_id, fire_at, snoozed, status, attempts, claimed_at, sent_at, message_id, subject, last_error, reason',
);

class Unauthorized extends Error {}

export async function startBaseline(settings: { databaseUrl: string; jwtSecret: string; port: number; poolSize?: number }): Promise<FastifyInstance> {
  const pool = new pg.Pool({ connectionString: settings.databaseUrl, max: settings.poolSize ?? 10 });
  const key = createSecretKey(Buffer.from(settings.jwtSecret, 'utf8'));
  const sessions = new Map<string, { role: string | null; until: number }>();

  const rows = async <T>(sql: string, parameters: unknown[] = []): Promise<T[]> => (await pool.query(sql, parameters)).rows as T[];

  /** HS256 by hand, then the session check the service makes (remembered as long). */
  async function authenticate(request: FastifyRequest): Promise<void> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    const [header, payload, signature] = match?.[1]?.split('.') ?? [];
    if (!header || !payload || !signature) throw new Unauthorized();
    const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Unauthorized();
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string; sid: string; exp: number; typ: string };
    if (claims.typ !== 'access' || claims.exp * 1000 < Date.now()) throw new Unauthorized();
    const cacheKey = `${claims.sid}/${claims.sub}`;
    const now = performance.now();
    let hit = sessions.get(cacheKey);
    if (!hit || hit.until <= now) {
      const found = await rows<{ role: string }>(
        `SELECT u.role FROM users u
        WHERE u.id = $2 AND u.archived_at IS NULL
          AND EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = $1 AND r.user_id = $2 AND r.revoked_at IS NULL AND r.expires_at > $3)`,
        [claims.sid, claims.sub, new Date()],
      );
      hit = { role: found[0]?.role ?? null, until: now + SESSION_CACHE_MS };
      sessions.set(cacheKey, hit);
    }
    if (!hit.role) throw new Unauthorized();
  }

  /** The service's total: a short page counts itself, then a count capped past EXACT_TOTAL_UP_TO, then the planner's estimate. */
  async function total(matching: string, parameters: unknown[], found: number, offset: number): Promise<{ total: number; totalIsEstimate: boolean }> {
    if (found > 0 && found < PAGE) return { total: offset + found, totalIsEstimate: false };
    if (found === 0 && offset === 0) return { total: 0, totalIsEstimate: false };
    const [counted] = await rows<{ total: number }>(`SELECT count(*)::int AS total FROM (${matching} LIMIT ${EXACT_TOTAL_UP_TO + 1}) capped`, parameters);
    if ((counted?.total ?? 0) <= EXACT_TOTAL_UP_TO) return { total: counted?.total ?? 0, totalIsEstimate: false };
    const [plan] = await rows<{ 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }>(`EXPLAIN (FORMAT JSON) ${matching}`, parameters);
    return { total: Math.max(Math.round(plan?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0), EXACT_TOTAL_UP_TO + 1), totalIsEstimate: true };
  }

  /** Actions with their organisation and watcher ids, in the order given. */
  async function withIds(actions: Action[]): Promise<Action[]> {
    const ids = actions.map((action) => action.id);
    const links = await rows<{ list: number; actionId: string; id: string }>(
      'SELECT 0 AS list, action_id AS "actionId", organisation_id AS id FROM action_organisations WHERE action_id = ANY($1) ' +
        'UNION ALL SELECT 1, action_id, user_id FROM action_watchers WHERE action_id = ANY($1)',
      [ids],
    );
    const byAction = new Map(actions.map((action) => [action.id, Object.assign(action, { organisationIds: [] as string[], watcherIds: [] as string[] })]));
    for (const link of links) byAction.get(link.actionId)?.[link.list === 0 ? 'organisationIds' : 'watcherIds'].push(link.id);
    return actions;
  }

  const app = Fastify({ logger: false });
  app.setErrorHandler((error, _request, reply: FastifyReply) => {
    if (error instanceof Unauthorized) return reply.code(401).send({ code: 'unauthorized' });
    return reply.code(500).send({ code: 'internal', message: (error as Error).message });
  });
  app.addHook('onRequest', async (request) => authenticate(request));
  app.addHook('onClose', async () => pool.end());

  app.get<{ Querystring: { ownerId?: string } }>('/api/v1/actions', async (request) => {
    const parameters: unknown[] = [];
    const where = ['a.archived_at IS NULL'];
    if (request.query.ownerId) {
      parameters.push(request.query.ownerId);
      where.unshift(`a.owner_id = $${parameters.length}`);
    }
    const condition = where.join(' AND ');
    const page = await rows<Action>(
      `SELECT ${ACTION_COLUMNS} FROM actions a WHERE ${condition} ORDER BY a.due_to ASC NULLS LAST, a.id ASC LIMIT ${PAGE} OFFSET 0`,
      parameters,
    );
    const items = await withIds(page);
    const counted = await total(`SELECT 1 FROM actions a WHERE ${condition}`, parameters, items.length, 0);
    const today = dateInZone(new Date(), TIME_ZONE);
    return { items: items.map((action) => mapAction(action, isOverdue(action, today))), ...counted, limit: PAGE, offset: 0 };
  });

  app.get<{ Params: { id: string } }>('/api/v1/actions/:id', async (request, reply) => {
    const [action] = await rows<Action>(`SELECT ${ACTION_COLUMNS} FROM actions a WHERE a.id = $1 AND a.archived_at IS NULL LIMIT 1`, [request.params.id]);
    if (!action) return reply.code(404).send({ code: 'not_found' });
    await withIds([action]);
    return mapAction(action, isOverdue(action, dateInZone(new Date(), TIME_ZONE)));
  });

  app.get<{ Params: { id: string } }>('/api/v1/actions/:id/reminders', async (request, reply) => {
    const [exists] = await rows<{ count: number }>('SELECT count(1)::int AS count FROM actions a WHERE a.id = $1 AND a.archived_at IS NULL', [
      request.params.id,
    ]);
    if (!exists?.count) return reply.code(404).send({ code: 'not_found' });
    const parameters = [request.params.id];
    const items = await rows<Reminder>(
      `SELECT ${REMINDER_COLUMNS} FROM reminders r WHERE r.action_id = $1 ORDER BY r.fire_at ASC NULLS LAST, r.id ASC LIMIT ${PAGE} OFFSET 0`,
      parameters,
    );
    const counted = await total('SELECT 1 FROM reminders r WHERE r.action_id = $1', parameters, items.length, 0);
    return { items: items.map(mapReminder), ...counted, limit: PAGE, offset: 0 };
  });

  app.get<{ Querystring: { missionId: string } }>('/api/v1/meetings', async (request) => {
    const parameters = [request.query.missionId];
    const condition = 'm.mission_id = $1 AND m.archived_at IS NULL';
    const items = await rows<Meeting>(
      `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE ${condition} ORDER BY m.starts_at ASC, m.id ASC LIMIT ${PAGE} OFFSET 0`,
      parameters,
    );
    const counted = await total(`SELECT 1 FROM meetings m WHERE ${condition}`, parameters, items.length, 0);
    const ids = items.map((meeting) => meeting.id);
    const [organisations, contacts] = await Promise.all([
      rows<MeetingLinks['organisations'][number]>(
        'SELECT meeting_id AS "meetingId", organisation_id AS "organisationId", side FROM meeting_organisations WHERE meeting_id = ANY($1)',
        [ids],
      ),
      rows<MeetingLinks['contacts'][number]>(
        'SELECT meeting_id AS "meetingId", contact_id AS "contactId", side FROM meeting_contacts WHERE meeting_id = ANY($1)',
        [ids],
      ),
    ]);
    const links = new Map<string, MeetingLinks>(ids.map((id) => [id, { organisations: [], contacts: [] }]));
    for (const link of organisations) links.get(link.meetingId)?.organisations.push(link);
    for (const link of contacts) links.get(link.meetingId)?.contacts.push(link);
    return { items: items.map((meeting) => mapMeeting(meeting, links.get(meeting.id)!)), ...counted, limit: PAGE, offset: 0 };
  });

  app.get<{ Params: { id: string } }>('/api/v1/missions/:id/report', async (request, reply) => {
    const day = dateInZone(new Date(), TIME_ZONE);
    const facts = await readReportFacts((sql, parameters) => rows<unknown>(sql, parameters), request.params.id, day, TIME_ZONE);
    if (!facts) return reply.code(404).send({ code: 'not_found' });
    return buildReport(facts, day, 'nl');
  });

  await app.listen({ port: settings.port, host: '127.0.0.1' });
  return app;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const app = await startBaseline({ databaseUrl: process.env.DATABASE_URL!, jwtSecret: process.env.JWT_SECRET!, port: Number(process.env.PORT ?? 0) });
  const address = app.server.address();
  process.stdout.write(`baseline listening on ${typeof address === 'object' && address ? address.port : address}\n`);
  const stop = (): void => void app.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
