import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/app.js';
import { VIETNAM_2023 } from '../support/fixtures.js';

/**
 * What one request costs PostgreSQL: the statements the service sends for each request of the
 * load mix (bench/load.ts), counted one request at a time. Every statement is a round trip
 * (and a commit a WAL flush) that 200 users at once wait on; these are the budgets.
 */
describe('statements per request', () => {
  let api: TestApp;
  let missionId: string;
  let ownerId: string;
  let actionId: string;

  /** The statements the service sent while answering one request. */
  async function statementsOf(request: () => Promise<{ status: number }>, expectedStatus: number): Promise<string[]> {
    const logQuery = jest.spyOn(api.app.get(DataSource).logger, 'logQuery');
    try {
      const response = await request();
      expect(response.status).toBe(expectedStatus);
      return logQuery.mock.calls.map(([sql]) => sql.replace(/\s+/g, ' '));
    } finally {
      logQuery.mockRestore();
    }
  }

  beforeAll(async () => {
    // The session check is remembered for the whole file, as it is between a busy client's requests.
    api = await startTestApp({ SESSION_CHECK_CACHE_MS: '60000' });
    missionId = (await api.create<{ id: string }>('missions', VIETNAM_2023)).id;
    ownerId = (await api.create<{ id: string }>('users', { email: 'els.vermeulen@fit.example', name: 'Els Vermeulen', role: 'officer' })).id;
    actionId = (await api.create<{ id: string }>('actions', { title: 'Visit MOW', missionId, ownerId, dueLabel: 'March 2027' })).id;
    await api.create('actions', { title: 'Webinar', missionId, ownerId, dueLabel: '2020-03-01' });
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  const readsOfActions = (statements: string[]): string[] => statements.filter((sql) => /^SELECT .* FROM "actions" "Action"/.test(sql));

  it.each([
    ['one action: the row, then both id lists', () => `actions/${actionId}`, 2],
    ['one mission', () => `missions/${missionId}`, 1],
    ['overdue actions: a short page tells its total, then both id lists for the page', () => 'actions?overdue=true', 2],
    ['a mission’s actions', () => `actions?missionId=${missionId}`, 2],
    ['an owner’s actions', () => `actions?ownerId=${ownerId}`, 2],
    ['a mission’s meetings', () => `meetings?missionId=${missionId}`, 1],
    ['organisations found by name', () => 'organisations?q=tech', 1],
    ['missions', () => 'missions', 1],
  ])('GET %s', async (_name, path, budget) => {
    expect(await statementsOf(() => api.get(path()), 200)).toHaveLength(budget);
  });

  it('a new action: references checked, the insert, what its plan needs in one read, the plan, the audit entry; never read back', async () => {
    const statements = await statementsOf(() => api.post('actions', { title: 'Follow-up call', missionId, ownerId, dueLabel: 'March 2027' }), 201);
    expect(statements).toHaveLength(11);
    expect(statements[0]).toBe('START TRANSACTION');
    expect(statements.at(-1)).toBe('COMMIT');
    expect(readsOfActions(statements)).toEqual([]);
    expect(statements.filter((sql) => sql.startsWith('WITH officer AS'))).toHaveLength(1);
  });

  it('a status change: the action locked and read, read once more by the save to compare, its id lists once, no re-read for the answer', async () => {
    const statements = await statementsOf(() => api.patch(`actions/${actionId}`, { status: 'in_progress' }), 200);
    expect(statements).toHaveLength(11);
    const reads = readsOfActions(statements);
    expect(reads).toHaveLength(2);
    expect(reads[0]).toMatch(/FOR UPDATE$/);
    expect(statements.filter((sql) => sql.includes('FROM "action_organisations"'))).toHaveLength(1);
    expect(statements.filter((sql) => sql.startsWith('UPDATE "actions"'))).toHaveLength(1);
  });
});
