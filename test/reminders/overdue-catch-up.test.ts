import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../../src/common/clock.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { VIETNAM_2023 } from '../support/fixtures.js';

/**
 * An action that is already overdue when it is entered (or re-planned) gets the overdue reminders and
 * the escalation it missed, from the next working hour in each recipient's zone at the policy's pace:
 * never in the past, never a burst. No worker runs (ROLE api) and the clock is pinned.
 */

/** Monday 15 January 2024, 11:00 in Brussels, 17:00 in Ho Chi Minh City. */
const NOW = new Date('2024-01-15T10:00:00Z');

interface ReminderBody {
  kind: string;
  occurrence: number;
  recipientId: string;
  fireAt: string;
  status: string;
  reason: string | null;
}

describe('overdue reminders of actions entered late', () => {
  let api: TestApp;
  let clock: Clock;
  const users = {} as Record<'els' | 'tom', string>;
  let missionId: string;

  const plan = async (actionId: string): Promise<string[]> => {
    const response = await api.get<{ items: ReminderBody[] }>(`actions/${actionId}/reminders?limit=200&sort=fireAt`);
    expect(response.status).toBe(200);
    const name = (id: string) => (id === users.els ? 'els' : id === users.tom ? 'tom' : id);
    return response.body.items.filter((r) => r.kind !== 'assignment').map((r) => `${r.fireAt} ${r.kind}#${r.occurrence} ${name(r.recipientId)} ${r.status}`);
  };

  beforeAll(async () => {
    api = await startTestApp();
    clock = api.app.get(Clock);
    jest.spyOn(clock, 'now').mockReturnValue(NOW);
    users.els = (await api.create('users', { email: 'els.vermeulen@fit.example', name: 'Els Vermeulen', timeZone: 'Europe/Brussels' })).id;
    users.tom = (await api.create('users', { email: 'tom.peeters@fit.example', name: 'Tom Peeters', timeZone: 'Asia/Ho_Chi_Minh' })).id;
    missionId = (await api.create('missions', { ...VIETNAM_2023, ownerId: users.tom })).id;
  });

  beforeEach(() => {
    jest.spyOn(clock, 'now').mockReturnValue(NOW);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('plans the missed overdue reminders and the escalation from the next working hour of each recipient', async () => {
    // The MOW visit for the Mekong River Commission, due early November 2023, entered in January.
    const action = await api.create('actions', {
      title: 'MOW visit for the Mekong River Commission',
      missionId,
      ownerId: users.els,
      dueLabel: 'early November 2023',
    });
    expect(await plan(action.id)).toEqual([
      // 12:00 in Brussels, the next full hour; then a week apart.
      '2024-01-15T11:00:00.000Z overdue#1 els planned',
      // 18:00 in Ho Chi Minh City is past its working day: Tuesday 9:00 there.
      '2024-01-16T02:00:00.000Z escalation#0 tom planned',
      '2024-01-22T08:00:00.000Z overdue#2 els planned',
      '2024-01-29T08:00:00.000Z overdue#3 els planned',
      '2024-02-05T08:00:00.000Z overdue#4 els planned',
    ]);
    const read = await api.get(`actions/${action.id}`);
    expect(read.body.overdue).toBe(true);
  });

  it('keeps the plan as it is when the action is changed again the same day', async () => {
    const action = await api.create('actions', {
      title: 'LOI signature by the MOW secretary-general',
      missionId,
      ownerId: users.els,
      dueLabel: 'November 2023',
    });
    const before = await plan(action.id);
    jest.spyOn(clock, 'now').mockReturnValue(new Date('2024-01-15T10:40:00Z'));
    const changed = await api.patch(`actions/${action.id}`, { description: 'Greenhouse-gas reduction and energy transition', version: action.version });
    expect(changed.status).toBe(200);
    expect(await plan(action.id)).toEqual(before);
  });

  it('catches up when a due date is moved into the past, and goes back to the policy days when moved to the future', async () => {
    const action = await api.create('actions', { title: 'Mission for the EU project GOOSE', missionId, ownerId: users.els, dueLabel: 'March 2024' });
    const moved = await api.patch(`actions/${action.id}`, { dueLabel: 'December 2023', version: action.version });
    expect(moved.status).toBe(200);
    const planned = (await plan(action.id)).filter((line) => line.endsWith('planned'));
    expect(planned[0]).toBe('2024-01-15T11:00:00.000Z overdue#1 els planned');
    expect(planned.every((line) => line >= '2024-01-15T10:00:00.001Z')).toBe(true);

    const back = await api.patch(`actions/${action.id}`, { dueLabel: 'March 2024', version: moved.body.version });
    expect(back.status).toBe(200);
    const again = (await plan(action.id)).filter((line) => line.endsWith('planned'));
    expect(again[0]).toBe('2024-02-16T08:00:00.000Z heads_up#0 els planned');
    expect(again).toContain('2024-04-01T07:00:00.000Z overdue#1 els planned');
  });

  it('plans nothing for an action that is done, and nothing in the past for any', async () => {
    const done = await api.create('actions', {
      title: 'Webinar on the Vietnamese market',
      missionId,
      ownerId: users.els,
      dueLabel: 'October 2023',
      status: 'done',
    });
    expect((await plan(done.id)).filter((line) => line.endsWith('planned'))).toEqual([]);
    const all = await api.get<{ items: ReminderBody[] }>(`reminders?status=planned&limit=200`);
    expect(all.body.items.length).toBeGreaterThan(0);
    // Assignment notices go at once, by design; every other reminder strictly after now.
    expect(all.body.items.filter((r) => r.kind !== 'assignment' && new Date(r.fireAt).getTime() <= NOW.getTime())).toEqual([]);
  });
});
