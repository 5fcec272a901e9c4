import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { createWorker } from '../../src/bootstrap.js';
import { Clock } from '../../src/common/clock.service.js';
import { loadEnvironment } from '../../src/config/environment.js';
import { QueueName } from '../../src/queue/queue.constants.js';
import { ReminderQueue } from '../../src/reminders/reminder-queue.service.js';
import { ReminderSender } from '../../src/reminders/delivery/reminder-sender.service.js';
import { User } from '../../src/users/user.entity.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { VIETNAM_2023 } from '../support/fixtures.js';
import { eventually, flushRedis, queueBackends } from '../support/reminders.js';
import { type ReceivedMail, startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

/**
 * What the engine promises however often a reminder is woken and however many workers race for
 * it: each due reminder is sent, and sent once. One API process (ROLE api) and worker processes
 * (ROLE worker) share one database, as in production; each has its own clock, pinned by the test.
 */

interface ReminderBody {
  id: string;
  kind: string;
  recipientId: string;
  fireAt: string;
  status: string;
  attempts: number;
  sentAt: string | null;
  messageId: string | null;
}

const BACKENDS = queueBackends(13);

/** "March 2024": the heads-up goes out on Friday 16 February 2024, 09:00 in Brussels. */
const HEADS_UP_AT = '2024-02-16T08:00:00.000Z';
const JUST_BEFORE = '2024-02-16T07:59:59.000Z';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(BACKENDS)('delivery guarantees, queue on %s', (_backend, queueSettings) => {
  let api: TestApp;
  let sink: SmtpSink;
  let queue: Queue;
  const workers: INestApplicationContext[] = [];
  const users = {} as Record<'els' | 'an', string>;
  let officers: string[];
  let missionId: string;

  const pin = (app: Pick<INestApplicationContext, 'get'>, instant: string): void => void jest.spyOn(app.get(Clock), 'now').mockReturnValue(new Date(instant));
  const pinWorkers = (instant: string): void => workers.forEach((worker) => pin(worker, instant));

  /** A worker process of its own (its own pools and queue connections) on the API's database. */
  async function startWorker(clockAt: string): Promise<INestApplicationContext> {
    const environment = loadEnvironment({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      ROLE: 'worker',
      DATABASE_URL: api.database.url,
      SMTP_URL: sink.url,
      REMINDER_SWEEP_MS: '500',
      ...queueSettings,
    });
    const worker = await createWorker(environment, api.database.url);
    pin(worker, clockAt);
    workers.push(worker);
    return worker;
  }

  async function reminders(query: string): Promise<ReminderBody[]> {
    const response = await api.get<{ items: ReminderBody[]; total: number }>(`reminders?${query}&limit=200`);
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(response.body.items.length);
    return response.body.items;
  }

  const reminder = async (id: string): Promise<ReminderBody> => (await api.get<ReminderBody>(`reminders/${id}`)).body;
  const mailsFor = (id: string): ReceivedMail[] => sink.received.filter((mail) => mail.messageId === `<reminder-${id}@mission-crm>`);
  const jobId = (r: { id: string; fireAt: string | Date }, attempts: number): string => `reminder-${r.id}-${new Date(r.fireAt).getTime()}-${attempts}`;

  /** Every Message-ID that arrived, with how many times it arrived. */
  const arrivals = (): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const mail of sink.received) counts.set(mail.messageId ?? '', (counts.get(mail.messageId ?? '') ?? 0) + 1);
    return counts;
  };

  beforeAll(async () => {
    await flushRedis(queueSettings);
    sink = await startSmtpSink();
    api = await startTestApp({ ROLE: 'api', ...queueSettings });
    queue = api.app.get<Queue>(getQueueToken(QueueName.Reminders));
    pin(api.app, '2024-01-15T10:00:00Z');
    users.els = (await api.create('users', { email: 'els.vermeulen@fit.example', name: 'Els Vermeulen', language: 'nl' })).id;
    users.an = (await api.create('users', { email: 'an.claes@fit.example', name: 'An Claes', language: 'en' })).id;
    // Synthetic officers, enough to have 200 reminders fall due at the same instant.
    const manager = api.app.get(DataSource).manager;
    const saved = await manager.save(
      User,
      Array.from({ length: 200 }, (_, i) =>
        manager.create(User, { email: `officer-${i + 1}@fit.example`, name: `Officer ${i + 1} (synthetic)`, language: i % 2 ? 'en' : 'nl' }),
      ),
    );
    officers = saved.map((user) => user.id);
    missionId = (await api.create('missions', VIETNAM_2023)).id;
  });

  afterAll(async () => {
    for (const worker of workers.splice(0)) await worker.close();
    await api?.close();
    await sink?.close();
    await flushRedis(queueSettings);
  });

  it('keeps a due reminder while no worker runs, and a worker started later sends it', async () => {
    pin(api.app, '2024-01-15T10:00:00Z');
    const action = await api.create('actions', { title: 'Individual follow-up appointment with CamCO Technologies', missionId, ownerId: users.els });
    const [assignment] = await reminders(`actionId=${action.id}`);
    expect(assignment).toMatchObject({ kind: 'assignment', status: 'planned', fireAt: '2024-01-15T10:00:00.000Z' });

    await pause(1000);
    expect(await reminder(assignment.id)).toMatchObject({ status: 'planned', attempts: 0 });
    expect(sink.received).toEqual([]);

    await startWorker('2024-01-15T10:05:00Z');
    const sent = await eventually(
      () => reminder(assignment.id),
      (r) => r.status === 'sent',
      'the assignment notice to be sent',
    );

    expect(sent).toMatchObject({ attempts: 1, sentAt: '2024-01-15T10:05:00.000Z', messageId: `reminder-${assignment.id}@mission-crm` });
    expect(mailsFor(assignment.id)).toHaveLength(1);
  });

  it('sends each of 200 reminders that fall due at the same instant exactly once, with two workers racing for them', async () => {
    await startWorker(JUST_BEFORE);
    pin(api.app, JUST_BEFORE);
    const goose = await api.create('actions', {
      title: 'Mission for the EU project GOOSE',
      missionId,
      watcherIds: officers.slice(0, 100),
      dueLabel: 'March 2024',
    });
    const sessions = await api.create('actions', {
      title: 'Info sessions for the participating companies',
      missionId,
      watcherIds: officers.slice(100),
      dueLabel: 'March 2024',
    });
    pinWorkers(HEADS_UP_AT);

    const headsUps = [...(await reminders(`actionId=${goose.id}&kind=heads_up`)), ...(await reminders(`actionId=${sessions.id}&kind=heads_up`))];
    expect(headsUps).toHaveLength(200);
    expect(new Set(headsUps.map((r) => r.fireAt))).toEqual(new Set([HEADS_UP_AT]));
    const before = sink.received.length;
    // Generous: on a busy machine the sending, not the racing, is what takes time.
    await sink.waitFor(before + 200, 75_000);
    await eventually(
      () => reminders(`kind=heads_up&status=sent`),
      (rows) => rows.length === 200,
      'every heads-up to be recorded as sent',
    );
    // Whatever a slower worker might still do, give it the time of a few sweeps to do it.
    await pause(1200);

    const sent = await reminders('kind=heads_up&status=sent');
    expect(sent).toHaveLength(200);
    expect(sent.filter((r) => r.attempts !== 1 || r.sentAt !== HEADS_UP_AT || r.messageId !== `reminder-${r.id}@mission-crm`)).toEqual([]);
    const counts = arrivals();
    expect(sent.filter((r) => counts.get(`<${r.messageId}>`) !== 1)).toEqual([]);
    expect(sink.received.length - before).toBe(200);
    expect(new Set(sink.received.slice(before).flatMap((mail) => mail.to))).toEqual(new Set(officers.map((_, i) => `officer-${i + 1}@fit.example`)));
  }, 90_000);

  it('lets exactly one of ten concurrent sends of the same reminder, across two workers, send it', async () => {
    pin(api.app, '2024-02-01T00:00:00Z');
    pinWorkers('2024-02-01T00:00:00Z');
    const action = await api.create('actions', {
      title: 'Follow-up appointment with NXTPORT International',
      missionId,
      watcherIds: [users.an],
      dueLabel: 'March 2024',
    });
    const [headsUp] = await reminders(`actionId=${action.id}&kind=heads_up`);
    pinWorkers(HEADS_UP_AT);

    const senders = workers.map((worker) => worker.get(ReminderSender));
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => senders[i % senders.length].send(headsUp.id)));

    expect(outcomes.sort()).toEqual(['not-mine', 'not-mine', 'not-mine', 'not-mine', 'not-mine', 'not-mine', 'not-mine', 'not-mine', 'not-mine', 'sent']);
    expect(await reminder(headsUp.id)).toMatchObject({ status: 'sent', attempts: 1, sentAt: HEADS_UP_AT });
    expect(mailsFor(headsUp.id)).toHaveLength(1);
    // Sending it again later finds nothing to do.
    expect(await senders[0].send(headsUp.id)).toBe('not-mine');
    expect(mailsFor(headsUp.id)).toHaveLength(1);
  });

  it('sends every due reminder exactly once after the queue lost all its jobs: the sweep queues them again', async () => {
    pin(api.app, JUST_BEFORE);
    pinWorkers(JUST_BEFORE);
    const action = await api.create('actions', {
      title: 'Satisfaction survey of the participating companies',
      missionId,
      watcherIds: officers.slice(0, 5),
      dueLabel: 'March 2024',
    });
    const headsUps = await reminders(`actionId=${action.id}&kind=heads_up`);
    expect(headsUps).toHaveLength(5);
    expect(await queue.getJob(jobId(headsUps[0], 0))).toBeDefined();

    if (queueSettings.REDIS_URL) await flushRedis(queueSettings);
    else await queue.obliterate({ force: true });
    for (const headsUp of headsUps) expect(await queue.getJob(jobId(headsUp, 0))).toBeUndefined();
    pinWorkers(HEADS_UP_AT);

    await eventually(
      () => reminders(`actionId=${action.id}&kind=heads_up&status=sent`),
      (rows) => rows.length === 5,
      'the sweep to send the heads-ups',
    );
    await pause(1200);

    const sent = await reminders(`actionId=${action.id}&kind=heads_up&status=sent`);
    expect(sent.map((r) => `${r.attempts} ${r.sentAt} ${mailsFor(r.id).length}`)).toEqual(Array.from({ length: 5 }, () => `1 ${HEADS_UP_AT} 1`));
  });

  it('sends a due reminder whose wake-up is stuck in the queue once it is a lease late: the sweep queues a new one', async () => {
    // Planned four weeks ahead: its wake-up waits in the queue as a delayed job, as one held by a
    // killed worker waits for the queue's stalled-job check, and the sweep's own has the same id.
    pin(api.app, '2024-01-19T10:00:00Z');
    const action = await api.create('actions', { title: 'Webinar for the participating companies', missionId, watcherIds: [users.an], dueLabel: 'March 2024' });
    const [headsUp] = await reminders(`actionId=${action.id}&kind=heads_up`);
    expect(headsUp.fireAt).toBe(HEADS_UP_AT);
    expect(await (await queue.getJob(jobId(headsUp, 0)))?.getState()).toBe('delayed');

    const lease = loadEnvironment({ NODE_ENV: 'test' }).REMINDER_CLAIM_LEASE_MS;
    const at = (ms: number): string => new Date(new Date(HEADS_UP_AT).getTime() + ms).toISOString();
    // Due, but not yet a lease late: the sweep's wake-up is the stuck one.
    pinWorkers(at(lease - 1000));
    await pause(1500);
    expect(await reminder(headsUp.id)).toMatchObject({ status: 'planned', attempts: 0 });
    expect(mailsFor(headsUp.id)).toEqual([]);

    pinWorkers(at(lease + 1000));
    const sent = await eventually(
      () => reminder(headsUp.id),
      (r) => r.status === 'sent',
      'the sweep to send the late heads-up',
    );
    await pause(1200);

    expect(await reminder(headsUp.id)).toMatchObject({ status: 'sent', attempts: 1, sentAt: at(lease + 1000) });
    expect(sent.sentAt).toBe(at(lease + 1000));
    expect(mailsFor(headsUp.id)).toHaveLength(1);
  });

  it('sends a reminder woken many times, before and after it is sent, exactly once', async () => {
    // "April 2024": the heads-up goes out on Monday 18 March 2024, 09:00 in Brussels.
    pin(api.app, '2024-03-18T07:59:59Z');
    pinWorkers('2024-03-18T08:00:00Z');
    const action = await api.create('actions', {
      title: 'MOW secretary-general signs the letter of intent',
      missionId,
      watcherIds: [users.els],
      dueLabel: 'April 2024',
    });
    const [headsUp] = await reminders(`actionId=${action.id}&kind=heads_up`);
    expect(headsUp.fireAt).toBe('2024-03-18T08:00:00.000Z');
    const reminderQueue = api.app.get(ReminderQueue);
    const wakeUp = (attempts: number) => ({ id: headsUp.id, fireAt: new Date(headsUp.fireAt), attempts });

    // Ten distinct jobs (their ids differ) and ten more of the same one, all due in a second.
    await Promise.all(Array.from({ length: 10 }, (_, i) => reminderQueue.wake([wakeUp(i)])));
    for (let i = 0; i < 10; i++) await reminderQueue.wake([wakeUp(0)]);
    await eventually(
      () => reminder(headsUp.id),
      (r) => r.status === 'sent',
      'the heads-up to be sent',
    );
    for (let i = 10; i < 15; i++) await reminderQueue.wake([wakeUp(i)]);
    await eventually(
      () => Promise.all(Array.from({ length: 15 }, (_, i) => queue.getJob(jobId(headsUp, i)))),
      (jobs) => jobs.every((job) => job === undefined),
      'every wake-up to be taken off the queue',
    );

    expect(await reminder(headsUp.id)).toMatchObject({ status: 'sent', attempts: 1, sentAt: '2024-03-18T08:00:00.000Z' });
    expect(mailsFor(headsUp.id)).toHaveLength(1);
  });
});
