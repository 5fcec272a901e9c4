import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../../src/common/clock.service.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * The plans of the reference mission's follow-up actions, read through the API with the clock
 * pinned. The instants are those of src/reminders/planning/reminder-schedule.spec.ts; through the API the
 * owner's assignment notice comes first, due at the moment the action was created.
 */

interface ReminderBody {
  id: string;
  actionId: string | null;
  kind: string;
  occurrence: number;
  recipientId: string;
  fireAt: string;
  status: string;
  attempts: number;
  reason: string | null;
}

describe('reminder plans through the API', () => {
  let api: TestApp;
  let clock: Clock;
  const users = {} as Record<'els' | 'tom' | 'an' | 'bart' | 'linh', string>;
  const missions = {} as Record<'vietnam' | 'stateVisit' | 'mow', string>;
  const names = new Map<string, string>();

  /** One line per reminder, with the recipient's first name, so a whole plan reads (and fails) at a glance. */
  async function plan(actionId: string): Promise<string[]> {
    const response = await api.get<{ items: ReminderBody[]; total: number }>(`actions/${actionId}/reminders`);
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(response.body.items.length);
    return response.body.items.map((r) => `${r.fireAt} ${r.kind}#${r.occurrence} ${names.get(r.recipientId)} ${r.status}`);
  }

  beforeAll(async () => {
    api = await startTestApp();
    clock = api.app.get(Clock);
    const user = async (key: keyof typeof users, body: Record<string, unknown>) => {
      users[key] = (await api.create('users', body)).id;
      names.set(users[key], key);
    };
    await user('els', { email: 'els.vermeulen@fit.example', name: 'Els Vermeulen', language: 'nl', timeZone: 'Europe/Brussels', reminderMode: 'each' });
    await user('tom', { email: 'tom.peeters@fit.example', name: 'Tom Peeters', language: 'en', timeZone: 'Asia/Ho_Chi_Minh', reminderMode: 'digest' });
    await user('an', { email: 'an.claes@fit.example', name: 'An Claes', role: 'admin', language: 'en', timeZone: 'Europe/Brussels', reminderMode: 'each' });
    await user('bart', { email: 'bart.jacobs@fit.example', name: 'Bart Jacobs', language: 'nl', timeZone: 'Europe/Brussels', reminderMode: 'digest' });
    await user('linh', { email: 'linh.tran@fit.example', name: 'Linh Tran', language: 'en', timeZone: 'Asia/Ho_Chi_Minh', reminderMode: 'each' });

    const mission = (code: string, title: string, ownerId: string) =>
      api.create('missions', {
        code,
        title,
        type: 'economic_mission',
        hostCountries: ['VN'],
        startDate: '2023-09-11',
        endDate: '2023-09-16',
        timeZone: 'Asia/Ho_Chi_Minh',
        ownerId,
      });
    missions.vietnam = (await mission('VN-2023', 'Economic mission to Vietnam 2023', users.tom)).id;
    missions.stateVisit = (await mission('VN-2023-STATE', 'Vietnam 2023: the state visit that follows', users.an)).id;
    missions.mow = (await mission('VN-2023-MOW', 'Vietnam 2023: Mobility and Public Works', users.els)).id;
  });

  afterAll(async () => {
    await api?.close();
  });

  it('plans the GOOSE mission ("March 2024") at nine in Brussels across the change to summer time, and escalates to the mission owner at nine in Ho Chi Minh City', async () => {
    jest.spyOn(clock, 'now').mockReturnValue(new Date('2024-01-15T10:00:00Z'));
    const action = await api.create('actions', {
      title: 'Mission for the EU project GOOSE',
      missionId: missions.vietnam,
      ownerId: users.els,
      dueLabel: 'March 2024',
    });

    expect(await plan(action.id)).toEqual([
      '2024-01-15T10:00:00.000Z assignment#1 els planned',
      '2024-02-16T08:00:00.000Z heads_up#0 els planned',
      '2024-03-28T08:00:00.000Z due_soon#0 els planned',
      '2024-03-29T08:00:00.000Z due#0 els planned',
      '2024-04-01T07:00:00.000Z overdue#1 els planned',
      '2024-04-08T07:00:00.000Z overdue#2 els planned',
      '2024-04-15T02:00:00.000Z escalation#0 tom planned',
      '2024-04-15T07:00:00.000Z overdue#3 els planned',
      '2024-04-22T07:00:00.000Z overdue#4 els planned',
    ]);
  });

  it('plans the state visit ("autumn 2024") for the watcher in Ho Chi Minh City at nine there, and nothing but the assignment notice for the owner who reads a digest', async () => {
    jest.spyOn(clock, 'now').mockReturnValue(new Date('2024-06-03T08:00:00Z'));
    const action = await api.create('actions', {
      title: 'State visit to Vietnam',
      missionId: missions.stateVisit,
      status: 'in_progress',
      ownerId: users.bart,
      watcherIds: [users.linh],
      dueLabel: 'autumn 2024',
    });

    expect(await plan(action.id)).toEqual([
      '2024-06-03T08:00:00.000Z assignment#1 bart planned',
      '2024-08-16T02:00:00.000Z heads_up#0 linh planned',
      '2024-11-27T02:00:00.000Z due_soon#0 linh planned',
      '2024-11-29T02:00:00.000Z due#0 linh planned',
      '2024-12-02T02:00:00.000Z overdue#1 linh planned',
      '2024-12-09T02:00:00.000Z overdue#2 linh planned',
      '2024-12-16T02:00:00.000Z overdue#3 linh planned',
      '2024-12-16T08:00:00.000Z escalation#0 an planned',
      '2024-12-23T02:00:00.000Z overdue#4 linh planned',
    ]);
  });

  it('plans the MOW visit ("early November 2023") without the heads-up already past, without escalation to the mission owner who owns it, and nothing for a watcher on digest', async () => {
    jest.spyOn(clock, 'now').mockReturnValue(new Date('2023-10-20T12:00:00Z'));
    const action = await api.create('actions', {
      title: 'MOW visit to Vietnam for the Mekong River Commission',
      kind: 'visit',
      missionId: missions.mow,
      ownerId: users.els,
      watcherIds: [users.tom],
      dueLabel: 'early November 2023',
    });

    expect(await plan(action.id)).toEqual([
      '2023-10-20T12:00:00.000Z assignment#1 els planned',
      '2023-11-07T08:00:00.000Z due_soon#0 els planned',
      '2023-11-10T08:00:00.000Z due#0 els planned',
      '2023-11-13T08:00:00.000Z overdue#1 els planned',
      '2023-11-20T08:00:00.000Z overdue#2 els planned',
      '2023-11-27T08:00:00.000Z overdue#3 els planned',
      '2023-12-04T08:00:00.000Z overdue#4 els planned',
    ]);
  });

  it('plans nothing but the assignment notice for an action without a due date', async () => {
    jest.spyOn(clock, 'now').mockReturnValue(new Date('2023-10-20T12:00:00Z'));
    const action = await api.create('actions', {
      title: 'Individual follow-up appointment with CamCO Technologies',
      missionId: missions.vietnam,
      ownerId: users.an,
    });

    expect(await plan(action.id)).toEqual(['2023-10-20T12:00:00.000Z assignment#1 an planned']);
  });

  it('plans no assignment notice for an action without owner, only the watchers’ reminders and the escalation', async () => {
    jest.spyOn(clock, 'now').mockReturnValue(new Date('2024-01-15T10:00:00Z'));
    const action = await api.create('actions', {
      title: 'Info session on the GOOSE project',
      missionId: missions.vietnam,
      watcherIds: [users.an],
      dueLabel: 'March 2024',
    });

    expect(await plan(action.id)).toEqual([
      '2024-02-16T08:00:00.000Z heads_up#0 an planned',
      '2024-03-28T08:00:00.000Z due_soon#0 an planned',
      '2024-03-29T08:00:00.000Z due#0 an planned',
      '2024-04-01T07:00:00.000Z overdue#1 an planned',
      '2024-04-08T07:00:00.000Z overdue#2 an planned',
      '2024-04-15T02:00:00.000Z escalation#0 tom planned',
      '2024-04-15T07:00:00.000Z overdue#3 an planned',
      '2024-04-22T07:00:00.000Z overdue#4 an planned',
    ]);
  });

  it('plans nothing for an action created done', async () => {
    jest.spyOn(clock, 'now').mockReturnValue(new Date('2023-10-20T12:00:00Z'));
    const action = await api.create('actions', {
      title: 'Satisfaction survey of the participating companies',
      missionId: missions.vietnam,
      status: 'done',
      watcherIds: [users.an],
      dueLabel: 'early November 2023',
    });

    expect(await plan(action.id)).toEqual([]);
  });
});
