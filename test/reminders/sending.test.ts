import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock.service.js';
import { QueueName } from '../../src/queue/queue.constants.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { VIETNAM_2023 } from '../support/fixtures.js';
import { bodyParts, eventually, flushRedis, queueBackends } from '../support/reminders.js';
import { type ReceivedMail, startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

/**
 * Sending, with API and worker in one process (ROLE all) and a real SMTP server: what arrives,
 * in which language, and what the reminder row records. The clock is pinned (or runs from a
 * chosen instant) so that a reminder of 2024 falls due within seconds.
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
  subject: string | null;
  lastError: string | null;
  reason: string | null;
  version: number;
}

const BACKENDS = queueBackends(12);
const PUBLIC_URL = 'https://crm.fit.example';

const header = (mail: ReceivedMail, name: string): string | undefined =>
  new RegExp(`^${name}: (.*(?:\\r\\n[ \\t].*)*)`, 'im').exec(mail.raw.slice(0, mail.raw.indexOf('\r\n\r\n')))?.[1].replace(/\r\n[ \t]+/g, ' ');

describe.each(BACKENDS)('sending reminders, queue on %s', (_backend, queueSettings) => {
  let api: TestApp;
  let sink: SmtpSink;
  let clock: Clock;
  let queue: Queue;
  const users = {} as Record<'els' | 'an', string>;
  let missionId: string;

  /** Stops the clock at an instant. */
  const pin = (instant: string | Date): void => void jest.spyOn(clock, 'now').mockReturnValue(new Date(instant));
  /** Lets the clock run in real time from an instant. */
  const runFrom = (instant: string): void => {
    const start = Date.now();
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(new Date(instant).getTime() + Date.now() - start));
  };

  async function reminders(query: string): Promise<ReminderBody[]> {
    const response = await api.get<{ items: ReminderBody[] }>(`reminders?${query}&limit=200`);
    expect(response.status).toBe(200);
    return response.body.items;
  }

  const reminder = async (id: string): Promise<ReminderBody> => (await api.get<ReminderBody>(`reminders/${id}`)).body;
  const one = async (query: string): Promise<ReminderBody> => {
    const rows = await reminders(query);
    expect(rows).toHaveLength(1);
    return rows[0];
  };
  const untilStatus = (id: string, status: string): Promise<ReminderBody> =>
    eventually(
      () => reminder(id),
      (r) => r.status === status,
      `reminder ${id} to be ${status}`,
    );
  const mailsFor = (id: string): ReceivedMail[] => sink.received.filter((mail) => mail.messageId === `<reminder-${id}@mission-crm>`);

  /** Resolves once the worker has taken the wake-up of this reminder off the queue. */
  const untilWakeUpDone = (r: Pick<ReminderBody, 'id' | 'fireAt' | 'attempts'>): Promise<unknown> =>
    eventually(
      () => queue.getJob(`reminder-${r.id}-${new Date(r.fireAt).getTime()}-${r.attempts}`),
      (job) => job === undefined,
      `the wake-up of ${r.id}`,
    );

  beforeAll(async () => {
    await flushRedis(queueSettings);
    sink = await startSmtpSink();
    api = await startTestApp({ ROLE: 'all', SMTP_URL: sink.url, PUBLIC_URL, REMINDER_SWEEP_MS: '500', REMINDER_RETRY_BASE_MS: '100', ...queueSettings });
    clock = api.app.get(Clock);
    queue = api.app.get<Queue>(getQueueToken(QueueName.Reminders));
    pin('2024-01-15T10:00:00Z');
    users.els = (await api.create('users', { email: 'els.vermeulen@fit.example', name: 'Els Vermeulen', language: 'nl', timeZone: 'Europe/Brussels' })).id;
    users.an = (await api.create('users', { email: 'an.claes@fit.example', name: 'An Claes', language: 'en', timeZone: 'Europe/Brussels' })).id;
    missionId = (await api.create('missions', VIETNAM_2023)).id;
  });

  afterAll(async () => {
    await api?.close();
    await sink?.close();
    await flushRedis(queueSettings);
  });

  describe('the messages', () => {
    // "najaar 2024" is 1 September to 30 November 2024: the heads-up goes out on Friday 16 August, 09:00 in Brussels.
    const HEADS_UP_AT = '2024-08-16T07:00:00.000Z';
    let actionId: string;
    const arrived = {} as Record<'assignment' | 'nl' | 'en', { row: ReminderBody; mail: ReceivedMail }>;

    beforeAll(async () => {
      pin('2024-08-16T06:59:59Z');
      const before = sink.received.length;
      actionId = (
        await api.create('actions', {
          title: 'State visit to Vietnam',
          missionId,
          status: 'in_progress',
          ownerId: users.els,
          watcherIds: [users.an],
          dueLabel: 'najaar 2024',
        })
      ).id;
      const assignment = await one(`actionId=${actionId}&kind=assignment`);
      await untilStatus(assignment.id, 'sent');
      pin(HEADS_UP_AT);
      await sink.waitFor(before + 3);
      // The row is marked sent just after the SMTP server accepted the message.
      const rows = await eventually(
        () => reminders(`actionId=${actionId}&status=sent`),
        (sent) => sent.length === 3,
        'three reminders recorded as sent',
      );
      const find = (kind: string, recipientId: string) => {
        const row = rows.find((r) => r.kind === kind && r.recipientId === recipientId)!;
        const [mail] = mailsFor(row.id);
        return { row, mail };
      };
      arrived.assignment = find('assignment', users.els);
      arrived.nl = find('heads_up', users.els);
      arrived.en = find('heads_up', users.an);
    });

    it('sends exactly the reminders that are due: the assignment notice, then each watcher’s heads-up', async () => {
      expect((await reminders(`actionId=${actionId}&status=sent`)).map((r) => `${r.kind} ${r.recipientId === users.els ? 'els' : 'an'}`).sort()).toEqual([
        'assignment els',
        'heads_up an',
        'heads_up els',
      ]);
      expect(mailsFor(arrived.assignment.row.id)).toHaveLength(1);
      expect(mailsFor(arrived.nl.row.id)).toHaveLength(1);
      expect(mailsFor(arrived.en.row.id)).toHaveLength(1);
    });

    it('records each sent reminder with its send time, Message-ID and subject', () => {
      for (const { row, mail } of Object.values(arrived)) {
        expect(row).toMatchObject({ status: 'sent', attempts: 1, messageId: `reminder-${row.id}@mission-crm`, lastError: null, reason: null });
        expect(mail.messageId).toBe(`<${row.messageId}>`);
        expect(mail.subject).toBe(row.subject);
      }
      expect(arrived.assignment.row.sentAt).toBe('2024-08-16T06:59:59.000Z');
      expect(arrived.nl.row.sentAt).toBe(HEADS_UP_AT);
      expect(arrived.en.row.sentAt).toBe(HEADS_UP_AT);
    });

    it('writes to a Dutch-speaking owner in Dutch, keeping the due words as they were given', () => {
      const { mail, row } = arrived.nl;
      expect(mail.to).toEqual(['els.vermeulen@fit.example']);
      expect(header(mail, 'To')).toBe('Els Vermeulen <els.vermeulen@fit.example>');
      expect(row.subject).toBe('[VN-2023] Binnenkort: State visit to Vietnam');
      expect(bodyParts(mail.raw).text).toBe(
        [
          'Dag Els Vermeulen,',
          '',
          'Deze opvolgactie is voorzien voor najaar 2024. Een goed moment om ze voor te bereiden.',
          '',
          'Actie:    State visit to Vietnam',
          'Missie:   VN-2023 – Economic mission to Vietnam 2023',
          'Termijn:  najaar 2024',
          'Status:   in uitvoering',
          'Eigenaar: Els Vermeulen',
          '',
          `Open de actie: ${PUBLIC_URL}/actions/${actionId}`,
          '',
          '-- ',
          'Je krijgt deze e-mail van mission-crm omdat je eigenaar bent van deze actie of ze volgt.',
          '',
        ].join('\n'),
      );
    });

    it('writes to an English-speaking watcher in English', () => {
      const { mail, row } = arrived.en;
      expect(mail.to).toEqual(['an.claes@fit.example']);
      expect(row.subject).toBe('[VN-2023] Coming up: State visit to Vietnam');
      expect(bodyParts(mail.raw).text).toBe(
        [
          'Hello An Claes,',
          '',
          'This follow-up action is planned for autumn 2024. A good moment to prepare it.',
          '',
          'Action:  State visit to Vietnam',
          'Mission: VN-2023 – Economic mission to Vietnam 2023',
          'Due:     autumn 2024',
          'Status:  in progress',
          'Owner:   Els Vermeulen',
          '',
          `Open the action: ${PUBLIC_URL}/actions/${actionId}`,
          '',
          '-- ',
          'You receive this e-mail from mission-crm because you own or follow this action.',
          '',
        ].join('\n'),
      );
    });

    it('tells the new owner of the assignment, in Dutch', () => {
      const { mail, row } = arrived.assignment;
      expect(row.subject).toBe('[VN-2023] Nieuwe actie voor jou: State visit to Vietnam');
      expect(bodyParts(mail.raw).text).toContain('Test Admin gaf je een opvolgactie. Ze is voorzien voor najaar 2024.');
    });

    it('sends an HTML part beside the text, in the recipient’s language, with the link to the action', () => {
      const link = `<a href="${PUBLIC_URL}/actions/${actionId}" style="`;
      const nl = bodyParts(arrived.nl.mail.raw).html;
      expect(nl).toContain('<html lang="nl">');
      expect(nl).toContain('<title>[VN-2023] Binnenkort: State visit to Vietnam</title>');
      expect(nl).toContain('<p>Deze opvolgactie is voorzien voor najaar 2024. Een goed moment om ze voor te bereiden.</p>');
      expect(nl).toContain('>VN-2023 – Economic mission to Vietnam 2023</td></tr>');
      expect(nl).toContain(
        `${link}display:inline-block;padding:10px 18px;background:#0b5cad;color:#ffffff;text-decoration:none;border-radius:4px;">Open de actie</a>`,
      );
      const en = bodyParts(arrived.en.mail.raw).html;
      expect(en).toContain('<html lang="en">');
      expect(en).toContain('<p>This follow-up action is planned for autumn 2024. A good moment to prepare it.</p>');
      expect(en).toContain(
        `${link}display:inline-block;padding:10px 18px;background:#0b5cad;color:#ffffff;text-decoration:none;border-radius:4px;">Open the action</a>`,
      );
      expect(header(arrived.en.mail, 'Content-Type')).toMatch(/^multipart\/alternative; boundary=/);
    });
  });

  describe('a reminder that no longer makes sense', () => {
    // "Q3 2024": the heads-up goes out on Monday 17 June 2024, 09:00 in Brussels.
    const HEADS_UP_AT = '2024-06-17T07:00:00.000Z';

    it('is not sent when the action is marked done after planning: the row is cancelled, saying why', async () => {
      pin('2024-06-17T06:59:59Z');
      const action = await api.create('actions', {
        title: 'Webinar on port management & smart logistics',
        missionId,
        watcherIds: [users.an],
        dueLabel: 'Q3 2024',
      });
      const headsUp = await one(`actionId=${action.id}&kind=heads_up`);
      expect(headsUp.fireAt).toBe(HEADS_UP_AT);
      expect((await api.patch(`actions/${action.id}`, { status: 'done', version: action.version })).status).toBe(200);

      pin('2024-06-17T07:00:01Z');
      await untilWakeUpDone(headsUp);

      expect(await reminder(headsUp.id)).toMatchObject({ status: 'cancelled', reason: 'action done', attempts: 0, sentAt: null, messageId: null });
      expect(mailsFor(headsUp.id)).toEqual([]);
    });

    it('is skipped at send time, saying why, when the action was finished by a change the plan did not see', async () => {
      pin('2024-06-17T06:59:59Z');
      const action = await api.create('actions', { title: 'Seminar on cleantech & circular economy', missionId, watcherIds: [users.an], dueLabel: 'Q3 2024' });
      const headsUp = await one(`actionId=${action.id}&kind=heads_up`);
      await api.app.get(DataSource).query(`UPDATE actions SET status = 'done' WHERE id = $1`, [action.id]);

      pin('2024-06-17T07:00:01Z');
      const skipped = await untilStatus(headsUp.id, 'skipped');

      expect(skipped).toMatchObject({ reason: 'action done', attempts: 1, sentAt: null, messageId: null, subject: null });
      expect(mailsFor(headsUp.id)).toEqual([]);
    });
  });

  it('sends a snoozed reminder at its new time, and only that one', async () => {
    pin('2024-01-15T10:00:00Z');
    // Due in 2025: nothing of it falls due at the instants the other tests pin.
    const action = await api.create('actions', {
      title: 'Follow-up webinar for the participating companies',
      missionId,
      watcherIds: [users.an],
      dueLabel: '2025',
    });
    const headsUp = await one(`actionId=${action.id}&kind=heads_up`);
    const snoozed = await api.post<ReminderBody>(`reminders/${headsUp.id}/snooze`, { until: '2024-01-15T11:00:01+01:00', version: headsUp.version });
    expect(snoozed.body.fireAt).toBe('2024-01-15T10:00:01.000Z');

    pin('2024-01-15T10:00:01Z');
    const sent = await untilStatus(headsUp.id, 'sent');

    expect(sent).toMatchObject({
      fireAt: '2024-01-15T10:00:01.000Z',
      sentAt: '2024-01-15T10:00:01.000Z',
      subject: '[VN-2023] Coming up: Follow-up webinar for the participating companies',
    });
    expect(mailsFor(headsUp.id)).toHaveLength(1);
    expect((await reminders(`actionId=${action.id}`)).map((r) => `${r.kind} ${r.status}`)).toEqual([
      'heads_up sent',
      'due_soon planned',
      'due planned',
      'overdue planned',
      'overdue planned',
      'overdue planned',
      'overdue planned',
    ]);
  });

  describe('when the SMTP server refuses', () => {
    it('retries with a growing wait and sends in the end', async () => {
      runFrom('2024-01-15T10:00:00Z');
      sink.failNext(2);
      const started = Date.now();
      const action = await api.create('actions', { title: 'Info session for the participating companies', missionId, ownerId: users.an });
      const assignment = await one(`actionId=${action.id}&kind=assignment`);

      const sent = await untilStatus(assignment.id, 'sent');

      // Two refusals: waits of 100 and 200 ms before the third attempt.
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(sent).toMatchObject({
        attempts: 3,
        lastError: null,
        messageId: `reminder-${assignment.id}@mission-crm`,
        subject: '[VN-2023] New action for you: Info session for the participating companies',
      });
      expect(mailsFor(assignment.id)).toHaveLength(1);
    });

    it('still sends a reminder waiting for its retry when the action is edited meanwhile', async () => {
      // "Q3 2024": the heads-up goes out on Monday 17 June 2024, 09:00 in Brussels.
      pin('2024-06-17T06:59:59Z');
      const action = await api.create('actions', { title: 'Info session on the MoU with Vinamarine', missionId, watcherIds: [users.an], dueLabel: 'Q3 2024' });
      const headsUp = await one(`actionId=${action.id}&kind=heads_up`);
      sink.failNext(1);
      pin('2024-06-17T07:00:00Z');
      const waiting = await eventually(
        () => reminder(headsUp.id),
        (r) => r.attempts === 1 && r.status === 'planned',
        'the first attempt to fail',
      );
      expect(waiting).toMatchObject({ fireAt: '2024-06-17T07:00:00.100Z', lastError: 'Message failed: 451 try again later' });

      expect((await api.patch(`actions/${action.id}`, { description: 'For the port companies of the delegation', version: action.version })).status).toBe(200);

      expect(await reminder(headsUp.id)).toMatchObject({ status: 'planned', fireAt: '2024-06-17T07:00:00.100Z' });
      pin('2024-06-17T07:00:01Z');
      expect(await untilStatus(headsUp.id, 'sent')).toMatchObject({ attempts: 2, sentAt: '2024-06-17T07:00:01.000Z' });
    });

    it('gives up after five attempts, and lists the reminder as failed with its last error', async () => {
      runFrom('2024-01-15T10:00:00Z');
      sink.failNext(1000);
      const action = await api.create('actions', { title: 'Follow-up appointment with Monument', missionId, ownerId: users.an });
      const assignment = await one(`actionId=${action.id}&kind=assignment`);

      try {
        await untilStatus(assignment.id, 'failed');
      } finally {
        sink.failNext(0);
      }

      const failed = await reminders(`status=failed`);
      expect(failed.map((r) => r.id)).toEqual([assignment.id]);
      expect(failed[0]).toMatchObject({
        kind: 'assignment',
        recipientId: users.an,
        attempts: 5,
        sentAt: null,
        messageId: null,
        lastError: 'Message failed: 451 try again later',
      });
      // Failed for good: the sweep does not take it up again.
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(await reminder(assignment.id)).toMatchObject({ status: 'failed', attempts: 5 });
      expect(mailsFor(assignment.id)).toEqual([]);
    });
  });
});
