import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../../src/common/clock.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { VIETNAM_2023 } from '../support/fixtures.js';
import { bodyParts } from '../support/reminders.js';
import { type ReceivedMail, startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

/**
 * What the e-mails say, sent for real (worker, queue on PostgreSQL, SMTP): the due window in the
 * reader's language whatever language the label was typed in, who assigned the action, and how
 * long an overdue action is late.
 */
describe('the words of the reminder e-mails', () => {
  let api: TestApp;
  let sink: SmtpSink;
  let clock: Clock;
  const users = {} as Record<'els' | 'an', string>;
  let missionId: string;

  const pin = (instant: string): void => void jest.spyOn(clock, 'now').mockReturnValue(new Date(instant));
  const mailTo = async (email: string, subject: RegExp): Promise<ReceivedMail> => {
    for (let waited = 0; waited < 200; waited++) {
      const mail = sink.received.find((m) => m.to.includes(email) && subject.test(m.subject ?? ''));
      if (mail) return mail;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no message to ${email} matching ${subject}; got ${sink.received.map((m) => m.subject).join(' | ')}`);
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    api = await startTestApp({ ROLE: 'all', SMTP_URL: sink.url, PUBLIC_URL: 'https://crm.fit.example', REMINDER_SWEEP_MS: '300' });
    clock = api.app.get(Clock);
    // Monday 15 January 2024, 11:00 in Brussels.
    pin('2024-01-15T10:00:00Z');
    users.els = (await api.create('users', { email: 'els.vermeulen@fit.example', name: 'Els Vermeulen', language: 'nl', timeZone: 'Europe/Brussels' })).id;
    users.an = (await api.create('users', { email: 'an.claes@fit.example', name: 'An Claes', language: 'en', timeZone: 'Europe/Brussels' })).id;
    missionId = (await api.create('missions', VIETNAM_2023)).id;
  });

  afterAll(async () => {
    await api?.close();
    await sink?.close();
  });

  it('says who assigned the action, and writes an English label in Dutch for a Dutch reader', async () => {
    await api.create('actions', { title: 'MOW visit for the Mekong River Commission', missionId, ownerId: users.els, dueLabel: 'early November 2023' });
    const { text } = bodyParts((await mailTo('els.vermeulen@fit.example', /Nieuwe actie voor jou/)).raw);
    expect(text).toContain('Test Admin gaf je een opvolgactie.');
    expect(text).toContain('Ze is voorzien voor begin november 2023.');
    expect(text).not.toContain('early November');
  });

  it('keeps the label for a reader of its language', async () => {
    await api.create('actions', { title: 'Letter of intent signed by the MOW', missionId, ownerId: users.an, dueLabel: 'late October 2023' });
    const { text } = bodyParts((await mailTo('an.claes@fit.example', /New action for you/)).raw);
    expect(text).toContain('Test Admin gave you a follow-up action.');
    expect(text).toContain('It is due late October 2023.');
  });

  it("says how long an overdue action is late, in the reader's words", async () => {
    // The catch-up overdue reminders go at the next working hour, 12:00 in Brussels; their wake-ups wait in real
    // time, so the clock moves past a claim lease and the sweep wakes the worker for them.
    pin('2024-01-15T11:05:00Z');
    const nl = bodyParts((await mailTo('els.vermeulen@fit.example', /^\[VN-2023\] Te laat: /)).raw).text;
    // 10 November 2023 to 15 January 2024: 66 days.
    expect(nl).toContain('Deze opvolgactie is 9 weken te laat: ze was voorzien voor begin november 2023.');
    const en = bodyParts((await mailTo('an.claes@fit.example', /^\[VN-2023\] Overdue: /)).raw).text;
    // 31 October 2023 to 15 January 2024: 76 days.
    expect(en).toContain('This follow-up action is overdue by 10 weeks: it was due late October 2023.');
  });
});
