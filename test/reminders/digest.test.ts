import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../../src/common/clock.service.js';
import { loadEnvironment } from '../../src/config/environment.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { VIETNAM_2023 } from '../support/fixtures.js';
import { bodyParts, eventually, flushRedis, queueBackends } from '../support/reminders.js';
import { type ReceivedMail, startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

/**
 * The daily digest, sent by the worker (ROLE all) to a real SMTP server: users who chose
 * reminderMode "digest" get one message each working morning at nine in their own time zone,
 * listing what they own or watch that is overdue or due within two weeks, instead of separate
 * reminders. The clock is pinned to Monday 13 November 2023, two months after the mission.
 */

interface ReminderBody {
  id: string;
  kind: string;
  occurrence: number;
  recipientId: string;
  actionId: string | null;
  fireAt: string;
  status: string;
  attempts: number;
  sentAt: string | null;
  messageId: string | null;
  subject: string | null;
  reason: string | null;
}

const BACKENDS = queueBackends(11);
const PUBLIC_URL = 'https://crm.fit.example';
/** Nine in the morning of Monday 13 November 2023 in Ho Chi Minh City (UTC+7) and in Brussels (UTC+1). */
const NINE_IN_HCMC = '2023-11-13T02:00:00.000Z';
const NINE_IN_BRUSSELS = '2023-11-13T08:00:00.000Z';
const second = (instant: string, seconds: number): string => new Date(new Date(instant).getTime() + seconds * 1000).toISOString();

describe.each(BACKENDS)('the daily digest, queue on %s', (_backend, queueSettings) => {
  let api: TestApp;
  let sink: SmtpSink;
  let clock: Clock;
  const users = {} as Record<'tom' | 'bart' | 'lien' | 'an', string>;
  const actions = {} as Record<'mowVisit' | 'letterOfIntent' | 'goose' | 'infoSession' | 'survey' | 'stateVisit', string>;

  let addAction: (title: string, body: Record<string, unknown>) => Promise<string>;
  const pin = (instant: string): void => void jest.spyOn(clock, 'now').mockReturnValue(new Date(instant));

  async function reminders(query: string): Promise<ReminderBody[]> {
    const response = await api.get<{ items: ReminderBody[] }>(`reminders?${query}&limit=200`);
    expect(response.status).toBe(200);
    return response.body.items;
  }

  const digestsOf = (user: string): Promise<ReminderBody[]> => reminders(`recipientId=${user}&kind=digest&sort=fireAt`);
  const mailsFor = (id: string): ReceivedMail[] => sink.received.filter((mail) => mail.messageId === `<reminder-${id}@mission-crm>`);

  beforeAll(async () => {
    await flushRedis(queueSettings);
    sink = await startSmtpSink();
    api = await startTestApp({ ROLE: 'all', SMTP_URL: sink.url, PUBLIC_URL, REMINDER_SWEEP_MS: '300', ...queueSettings });
    clock = api.app.get(Clock);
    // A second before nine in Ho Chi Minh City: the wake-up of a digest planned now is due in a
    // second of real time too (a pinned clock does not move the queue's delays).
    pin(second(NINE_IN_HCMC, -1));
    users.tom = (
      await api.create('users', { email: 'tom.peeters@fit.example', name: 'Tom Peeters', language: 'en', timeZone: 'Asia/Ho_Chi_Minh', reminderMode: 'digest' })
    ).id;
    users.bart = (
      await api.create('users', { email: 'bart.jacobs@fit.example', name: 'Bart Jacobs', language: 'nl', timeZone: 'Europe/Brussels', reminderMode: 'digest' })
    ).id;
    users.lien = (
      await api.create('users', { email: 'lien.maes@fit.example', name: 'Lien Maes', language: 'nl', timeZone: 'Europe/Brussels', reminderMode: 'digest' })
    ).id;
    users.an = (await api.create('users', { email: 'an.claes@fit.example', name: 'An Claes', language: 'en', timeZone: 'Europe/Brussels' })).id;
    const missionId = (await api.create('missions', VIETNAM_2023)).id;
    const action = async (title: string, body: Record<string, unknown>): Promise<string> => (await api.create('actions', { title, missionId, ...body })).id;
    // Tom: one overdue, one watched and due soon, one months away, one done.
    actions.mowVisit = await action('MOW visit to Vietnam for the Mekong River Commission', { ownerId: users.tom, dueLabel: 'early November 2023' });
    actions.letterOfIntent = await action('MOW secretary-general signs the new letter of intent', {
      ownerId: users.an,
      watcherIds: [users.tom],
      dueLabel: 'November 2023',
    });
    actions.goose = await action('Mission for the EU project GOOSE', { ownerId: users.tom, dueLabel: 'March 2024' });
    actions.infoSession = await action('Info session on cleantech and the circular economy', {
      ownerId: users.tom,
      status: 'done',
      dueLabel: 'early November 2023',
    });
    addAction = action;
  });

  afterAll(async () => {
    await api?.close();
    await sink?.close();
    await flushRedis(queueSettings);
  });

  it('plans a digest for a digest user with active actions, at nine on their next working morning in their own time zone', async () => {
    const planned = await eventually(
      () => reminders('kind=digest'),
      (rows) => rows.length > 0,
      'the sweep to plan a digest',
    );
    // Bart and Lien own nothing yet: no digest for them.
    await new Promise((resolve) => setTimeout(resolve, 700));

    expect((await reminders('kind=digest')).map((r) => [r.recipientId, r.fireAt, r.occurrence, r.status, r.actionId])).toEqual([
      [users.tom, NINE_IN_HCMC, 20231113, 'planned', null],
    ]);
    expect(planned).toHaveLength(1);
    // Digest users get no separate reminders about their actions (an assignment notice aside), others do.
    const separate = await reminders(`recipientId=${users.tom}`);
    expect(separate.filter((r) => r.kind !== 'digest' && r.kind !== 'assignment')).toEqual([]);
    expect((await reminders(`recipientId=${users.an}&actionId=${actions.letterOfIntent}&kind=due_soon`)).length).toBe(1);
  });

  it("sends Tom's digest at nine in Ho Chi Minh City: overdue first, then due soon, nothing far away or done", async () => {
    pin(NINE_IN_HCMC);
    const [digest] = await digestsOf(users.tom);
    const sent = await eventually(
      () => api.get<ReminderBody>(`reminders/${digest.id}`),
      (r) => r.body.status === 'sent',
      "Tom's digest to be sent",
    );

    expect(sent.body).toMatchObject({ status: 'sent', attempts: 1, sentAt: NINE_IN_HCMC, messageId: `reminder-${digest.id}@mission-crm` });
    const mails = mailsFor(digest.id);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['tom.peeters@fit.example']);
    expect(mails[0].subject).toBe('[mission-crm] 13 November 2023: 1 overdue, 1 due soon');
    expect(sent.body.subject).toBe(mails[0].subject);
    const text = bodyParts(mails[0].raw).text;
    expect(text).toContain(
      [
        'Overdue (1)',
        '- MOW visit to Vietnam for the Mekong River Commission',
        '  VN-2023 – Economic mission to Vietnam 2023 · due early November 2023 · open',
        `  ${PUBLIC_URL}/actions/${actions.mowVisit}`,
        '',
        'Due soon (1)',
        '- MOW secretary-general signs the new letter of intent',
        '  VN-2023 – Economic mission to Vietnam 2023 · due November 2023 · open · owner An Claes',
        `  ${PUBLIC_URL}/actions/${actions.letterOfIntent}`,
      ].join('\n'),
    );
    expect(text).not.toContain('GOOSE');
    expect(text).not.toContain('Info session');
  });

  it('plans the next digest for the next working morning once one is sent', async () => {
    const next = await eventually(
      () => digestsOf(users.tom),
      (rows) => rows.length === 2,
      "Tom's next digest to be planned",
    );

    expect(next.map((r) => [r.fireAt, r.occurrence, r.status])).toEqual([
      [NINE_IN_HCMC, 20231113, 'sent'],
      ['2023-11-14T02:00:00.000Z', 20231114, 'planned'],
    ]);
  });

  it("sends Bart's digest in Dutch at nine in Brussels, and skips Lien's, who has nothing due or overdue", async () => {
    pin(second(NINE_IN_BRUSSELS, -1));
    // Bart: one due soon, in Dutch. Lien: only the state visit, a year away.
    actions.survey = await addAction('Satisfaction survey of the participating companies', { ownerId: users.bart, dueDate: '2023-11-20' });
    actions.stateVisit = await addAction('State visit to Vietnam', { ownerId: users.lien, dueLabel: 'najaar 2024' });
    const [bart] = await eventually(
      () => digestsOf(users.bart),
      (rows) => rows.length === 1,
      "Bart's digest to be planned",
    );
    const [lien] = await eventually(
      () => digestsOf(users.lien),
      (rows) => rows.length === 1,
      "Lien's digest to be planned",
    );
    expect([bart.fireAt, lien.fireAt]).toEqual([NINE_IN_BRUSSELS, NINE_IN_BRUSSELS]);
    pin(NINE_IN_BRUSSELS);
    await eventually(
      () => api.get<ReminderBody>(`reminders/${bart.id}`),
      (r) => r.body.status === 'sent',
      "Bart's digest to be sent",
    );
    const skipped = await eventually(
      () => api.get<ReminderBody>(`reminders/${lien.id}`),
      (r) => r.body.status === 'skipped',
      "Lien's digest to be skipped",
    );

    const [mail] = mailsFor(bart.id);
    expect(mail.to).toEqual(['bart.jacobs@fit.example']);
    expect(mail.subject).toBe('[mission-crm] 13 november 2023: 1 binnenkort');
    const text = bodyParts(mail.raw).text;
    expect(text.startsWith('Dag Bart Jacobs,\n\nJe opvolgacties op 13 november 2023.\n')).toBe(true);
    expect(text).toContain('Deadline nadert (1)\n- Satisfaction survey of the participating companies\n');
    expect(text).toContain('termijn 20 november 2023');
    expect(skipped.body).toMatchObject({ status: 'skipped', reason: 'nothing due or overdue', sentAt: null, messageId: null });
    expect(mailsFor(lien.id)).toEqual([]);
    expect(sink.received.filter((m) => m.to.includes('lien.maes@fit.example') && m.subject?.startsWith('[mission-crm]'))).toEqual([]);
  });

  it("leaves an action finished since out of the next day's digest", async () => {
    pin('2023-11-13T10:00:00.000Z');
    const response = await api.patch(`actions/${actions.mowVisit}`, { status: 'done', outcome: 'Visit held with the Mekong River Commission' });
    expect(response.status).toBe(200);
    const [, tuesday] = await digestsOf(users.tom);

    // Tuesday's wake-up waits a day of real time in the queue; a lease past nine the sweep's own
    // wake-up takes over, as it does for any reminder whose wake-up did not come.
    const lateBy = loadEnvironment({ NODE_ENV: 'test' }).REMINDER_CLAIM_LEASE_MS / 1000;
    pin(second(tuesday.fireAt, lateBy));
    const sent = await eventually(
      () => api.get<ReminderBody>(`reminders/${tuesday.id}`),
      (r) => r.body.status === 'sent',
      "Tom's Tuesday digest to be sent",
    );
    expect(sent.body.sentAt).toBe(second(tuesday.fireAt, lateBy));

    const [mail] = mailsFor(tuesday.id);
    expect(mail.subject).toBe('[mission-crm] 14 November 2023: 1 due soon');
    const text = bodyParts(mail.raw).text;
    expect(text).not.toContain('Mekong');
    expect(text).toContain('- MOW secretary-general signs the new letter of intent');
  });
});
