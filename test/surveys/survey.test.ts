import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { sha256 } from '../../src/auth/token-secrets.js';
import { Clock } from '../../src/common/clock.service.js';
import { REFERENCE_MISSION } from '../../src/demo/reference-mission.js';
import { demoId, seedDemoData } from '../../src/demo/seed.js';
import { ReminderSweeper } from '../../src/reminders/delivery/reminder-sweeper.service.js';
import { atLocalTime } from '../../src/reminders/working-time.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { bodyParts, eventually } from '../support/reminders.js';
import { type ReceivedMail, startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

/**
 * The satisfaction survey of the reference mission, from the invitation e-mail to the report:
 * API and workers in one process, a real SMTP server, the links read from the messages received.
 */
const PUBLIC_URL = 'https://crm.fit.example';
const LINK = new RegExp(`${PUBLIC_URL.replace(/[.]/g, '\\.')}/survey/([A-Za-z0-9_-]{43})`);
const missionId = demoId('mission', 'mission-vn-2023');

/** The demo delegates with an e-mail address, by company: the people a survey invites. */
const delegates = REFERENCE_MISSION.contacts.filter(
  (c) => c.email && REFERENCE_MISSION.participants.some((p) => p.missionKey === 'mission-vn-2023' && p.delegateContactKeys.includes(c.key)),
);
const companiesInvited = new Set(delegates.map((c) => c.organisationKey));

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('the satisfaction survey, over HTTP and SMTP', () => {
  let api: TestApp;
  let sink: SmtpSink;
  let clock: Clock;
  let today: string;
  let closesOn: string;
  const englishDelegate = delegates[0];
  const tokens = new Map<string, string>();

  const linkOf = (mail: ReceivedMail): string => {
    const match = LINK.exec(bodyParts(mail.raw).text);
    if (!match) throw new Error(`no survey link in ${mail.subject}`);
    return match[1];
  };
  const mailTo = (address: string, subject: RegExp): ReceivedMail => {
    const mail = sink.received.find((m) => m.to.includes(address) && subject.test(bodyParts(m.raw).text + (m.subject ?? '')));
    if (!mail) throw new Error(`no message matching ${subject} to ${address}`);
    return mail;
  };
  const participantOf = async (organisationKey: string) => {
    const response = await api.get(`missions/${missionId}/participants?organisationId=${demoId('organisation', organisationKey)}`);
    return response.body.items[0];
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    api = await startTestApp({ ROLE: 'all', SMTP_URL: sink.url, PUBLIC_URL, REMINDER_SWEEP_MS: '500', REMINDER_RETRY_BASE_MS: '100' });
    clock = api.app.get(Clock);
    await seedDemoData({ url: api.database.url });
    today = clock.today('Europe/Brussels');
    closesOn = addDays(today, 10);
    const contact = await api.get(`contacts/${demoId('contact', englishDelegate.key)}`);
    expect((await api.patch(`contacts/${contact.body.id}`, { language: 'en', version: contact.body.version })).status).toBe(200);
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await api?.close();
    await sink?.close();
  });

  it('opens the survey: one invitation per delegate with an address, in their language, each with a personal link', async () => {
    const opened = await api.post(`missions/${missionId}/survey`, { closesOn, reminderDaysBefore: 3 });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      missionId,
      closesOn,
      closed: false,
      reminderDaysBefore: 3,
      participants: 30,
      invited: companiesInvited.size,
      delegatesInvited: delegates.length,
      withoutAddress: 30 - companiesInvited.size,
      answered: 0,
      responseRate: 0,
    });
    expect(opened.body.invitations.planned + opened.body.invitations.sent).toBe(delegates.length);
    expect(opened.body.reminders.planned).toBe(delegates.length);

    const mails = await sink.waitFor(delegates.length);
    expect(mails).toHaveLength(delegates.length);
    expect(new Set(mails.map((m) => m.to[0]))).toEqual(new Set(delegates.map((c) => c.email)));
    const english = mailTo(englishDelegate.email!, /Two minutes/);
    expect(english.subject).toBe('How was the Economic mission to Vietnam 2023? Two minutes for your opinion');
    expect(bodyParts(english.raw).text).toContain(`Dear ${englishDelegate.name},`);
    const dutch = mailTo(delegates[1].email!, /twee minuten/);
    expect(bodyParts(dutch.raw).text).toContain(`Beste ${delegates[1].name},`);
    expect(bodyParts(dutch.raw).html).toContain(`${PUBLIC_URL}/survey/`);
    for (const mail of mails) tokens.set(mail.to[0], linkOf(mail));
    expect(new Set(tokens.values()).size).toBe(delegates.length);

    // Only the hash of each token is kept.
    const db = api.app.get(DataSource);
    const stored: { token_hash: string }[] = await db.query('SELECT token_hash FROM survey_tokens');
    expect(stored.map((row) => row.token_hash).sort()).toEqual([...tokens.values()].map(sha256).sort());
    const plain: unknown[] = await db.query(`SELECT 1 FROM survey_tokens WHERE token_hash = ANY($1)`, [[...tokens.values()]]);
    expect(plain).toEqual([]);
    await eventually(
      () => api.get(`missions/${missionId}/survey`),
      (r) => r.body.invitations.sent === delegates.length,
      'invitations recorded as sent',
    );
  });

  it('shows the mission, the company and the questions at the link, without signing in', async () => {
    const token = tokens.get(englishDelegate.email!)!;
    const form = await api.as(null).get(`survey/${token}`);
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({
      missionTitle: 'Economic mission to Vietnam 2023',
      organisation: REFERENCE_MISSION.organisations.find((o) => o.key === englishDelegate.organisationKey)!.name,
      contactName: englishDelegate.name,
      language: 'en',
      closesOn,
      answer: null,
    });
    expect(form.body.questions.map((q: { id: string }) => q.id)).toEqual(['score', 'comment', 'wouldJoinAgain', 'b2bUseful']);
    expect(form.body.questions[2].text).toBe('Would you take part in a similar mission again?');

    const page = await api.as(null).request('GET', `/survey/${tokens.get(delegates[1].email!)!}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<html lang="nl">');
    expect(page.body).toContain('<form method="post">');
    expect(page.body).toContain('Zou u opnieuw deelnemen aan een gelijkaardige missie?');
    expect(page.body).not.toMatch(/<script|<link|src=/i);
  });

  it("takes answers; the latest counts and becomes the participant's satisfaction", async () => {
    const token = tokens.get(englishDelegate.email!)!;
    const first = await api.as(null).post(`survey/${token}`, { score: 3, comment: 'Busy programme.', wouldJoinAgain: false, b2bUseful: true });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ score: 3, comment: 'Busy programme.', wouldJoinAgain: false, b2bUseful: true, receivedAt: expect.any(String) });
    const second = await api
      .as(null)
      .post(`survey/${token}`, { score: 5, comment: 'On reflection: excellent contacts in Haiphong.', wouldJoinAgain: true, b2bUseful: true });
    expect(second.status).toBe(201);

    const participant = await participantOf(englishDelegate.organisationKey);
    expect(participant).toMatchObject({ satisfactionScore: 5, satisfactionComment: 'On reflection: excellent contacts in Haiphong.' });
    expect((await api.as(null).get(`survey/${token}`)).body.answer).toMatchObject({ score: 5, wouldJoinAgain: true });
  });

  it('takes an answer from the HTML form of the page', async () => {
    const delegate = delegates.find((c) => c.organisationKey !== englishDelegate.organisationKey)!;
    const token = tokens.get(delegate.email!)!;
    const posted = await api.as(null).request('POST', `/survey/${token}`, 'score=4&wouldJoinAgain=true&b2bUseful=&comment=Goede+seminaries%2C+meer+b2b+graag', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(posted.status).toBe(201);
    expect(posted.body).toContain('Dank u wel. Uw antwoord is ontvangen');
    expect(await participantOf(delegate.organisationKey)).toMatchObject({ satisfactionScore: 4, satisfactionComment: 'Goede seminaries, meer b2b graag' });

    const wrong = await api.as(null).request('POST', `/survey/${token}`, 'score=9', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(wrong.status).toBe(400);
    // The page's own words, in its language; not the API's English messages.
    expect(wrong.body).toContain('<html lang="nl">');
    expect(wrong.body).toContain('<li>Kies een score van 1 tot 5.</li>');
    expect(wrong.body).not.toContain('must be');
    const unknown = await api.as(null).request('POST', `/survey/${token}`, 'score=4&wouldJoinAgain=misschien&extra=1', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('<li>Kies ja, nee of geen antwoord bij de vraag of u opnieuw zou deelnemen.</li>');
    expect(unknown.body).toContain('<li>Het formulier bevat een veld dat deze enquête niet kent.</li>');
    expect((await participantOf(delegate.organisationKey)).satisfactionScore).toBe(4);

    const english = await api.as(null).request('POST', `/survey/${tokens.get(englishDelegate.email!)!}`, 'score=0&b2bUseful=maybe', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(english.status).toBe(400);
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('<li>Choose a score from 1 to 5.</li>');
    expect(english.body).toContain('<li>Choose yes, no or no answer for whether the B2B meetings were useful.</li>');
    expect(english.body).not.toContain('must be');
  });

  it('shows the progress: invited, answered, rate', async () => {
    const progress = await api.get(`missions/${missionId}/survey`);
    expect(progress.status).toBe(200);
    expect(progress.body).toMatchObject({
      invited: companiesInvited.size,
      answered: 2,
      responseRate: Math.round((2 / companiesInvited.size) * 100) / 100,
      averageScore: 4.5,
    });
  });

  describe('bad input', () => {
    it.each([
      ['a score of 0', { score: 0 }, 'score'],
      ['a score of 6', { score: 6 }, 'score'],
      ['a score of 4.5', { score: 4.5 }, 'score'],
      ['a score in words', { score: 'five' }, 'score'],
      ['no score', { comment: 'Nice' }, 'score'],
      ['a yes/no answer that is not a boolean', { score: 4, wouldJoinAgain: 'yes' }, 'wouldJoinAgain'],
      ['an unknown field', { score: 4, rating: 5 }, 'rating'],
    ])('refuses %s with 400 naming the field', async (_case, body, field) => {
      const response = await api.as(null).post(`survey/${tokens.get(delegates[2].email!)!}`, body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it.each([
      ['malformed', 'not-a-token'],
      ['well-formed but unknown', 'A'.repeat(43)],
    ])('answers a %s token with 404, on read and on answer, as JSON and as a page', async (_case, token) => {
      for (const response of [await api.as(null).get(`survey/${token}`), await api.as(null).post(`survey/${token}`, { score: 5 })]) {
        expect(response.status).toBe(404);
        expect(response.body).toMatchObject({
          statusCode: 404,
          code: 'not_found',
          message: 'This survey link is not known; use the link from your invitation e-mail',
        });
      }
      const page = await api.as(null).request('GET', `/survey/${token}`);
      expect(page.status).toBe(404);
      expect(page.body).toContain('Deze link is niet bekend');
    });

    it('takes form bodies on the survey page only', async () => {
      const response = await api
        .as(null)
        .request('POST', `survey/${tokens.get(delegates[2].email!)!}`, 'score=5', { 'content-type': 'application/x-www-form-urlencoded' });
      expect(response.status).toBe(415);
      expect(response.body).toMatchObject({ statusCode: 415, code: 'unsupported_media_type' });
    });

    it('opens one survey per mission, closing today or later, of a mission that exists', async () => {
      const again = await api.post(`missions/${missionId}/survey`, { closesOn });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'conflict', message: `mission ${missionId} already has a survey` });
      const earlier = demoId('mission', 'mission-vn-2018');
      const past = await api.post(`missions/${earlier}/survey`, { closesOn: addDays(today, -1) });
      expect(past.status).toBe(400);
      expect(past.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'closesOn', message: `closesOn must be today (${today}) or later` }] });
      const badDate = await api.post(`missions/${earlier}/survey`, { closesOn: '2024-13-01' });
      expect(badDate.status).toBe(400);
      expect(badDate.body.details.map((d: { field: string }) => d.field)).toEqual(['closesOn']);
      const unknown = await api.post('missions/00000000-0000-4000-8000-000000000000/survey', { closesOn });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'not_found', message: 'mission 00000000-0000-4000-8000-000000000000 not found' });
      const none = await api.get(`missions/${earlier}/survey`);
      expect(none.status).toBe(404);
      expect(none.body.message).toContain('has no survey');
    });
  });

  it('reminds once, before closing, only the delegates of companies that have not answered', async () => {
    const before = sink.received.length;
    expect(sink.received.every((m) => m.messageId?.startsWith('<survey-'))).toBe(true);
    const answeredCompanies = new Set([
      englishDelegate.organisationKey,
      delegates.find((c) => c.organisationKey !== englishDelegate.organisationKey)!.organisationKey,
    ]);
    const toRemind = delegates.filter((c) => !answeredCompanies.has(c.organisationKey));
    const reminderAt = atLocalTime(addDays(closesOn, -3), 9, 'Europe/Brussels');
    // The reminders' delayed wake-ups wait for real time; once a reminder is a claim lease (two minutes)
    // late, the sweep queues a wake-up of its own for it, as it would after a lost queue.
    const realStart = Date.now();
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(reminderAt.getTime() + 3 * 60_000 + Date.now() - realStart));
    await api.app.get(ReminderSweeper).sweep();
    // The jump in time makes the demo's action reminders fall due as well: only survey messages count here.
    const surveyMails = () => sink.received.slice(before).filter((m) => m.messageId?.startsWith('<survey-'));
    const reminders = await eventually(
      () => Promise.resolve(surveyMails()),
      (mails) => mails.length >= toRemind.length,
      'the survey reminders',
    );
    expect(reminders.map((m) => m.to[0]).sort()).toEqual(toRemind.map((c) => c.email).sort());
    expect(reminders.every((m) => /^Herinnering|^Reminder/.test(m.subject ?? ''))).toBe(true);
    // A reminder's link works too.
    expect((await api.as(null).get(`survey/${linkOf(reminders[0])}`)).status).toBe(200);
    // And nothing more comes: the reminder of the companies that answered is skipped, not sent.
    await api.app.get(ReminderSweeper).sweep();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(surveyMails()).toHaveLength(toRemind.length);
    jest.restoreAllMocks();
    const progress = await eventually(
      () => api.get(`missions/${missionId}/survey`),
      (r) => r.body.reminders.planned === 0,
      'every reminder sent or skipped',
    );
    expect(progress.body.reminders).toEqual({ planned: 0, sent: toRemind.length, skipped: delegates.length - toRemind.length, failed: 0 });
  });

  it('takes no answer after closing: the links are dead (410), and the report counts what came before', async () => {
    const token = tokens.get(delegates[2].email!)!;
    const closesAt = atLocalTime(addDays(closesOn, 1), 0, 'Europe/Brussels');
    jest.spyOn(clock, 'now').mockReturnValue(closesAt);
    try {
      const read = await api.as(null).get(`survey/${token}`);
      expect(read.status).toBe(410);
      expect(read.body).toMatchObject({ statusCode: 410, code: 'gone', message: `This survey closed on ${closesOn}; answers are no longer taken` });
      const late = await api.as(null).post(`survey/${token}`, { score: 1 });
      expect(late.status).toBe(410);
      expect(late.body).toMatchObject({ code: 'gone' });
      const page = await api.as(null).request('GET', `/survey/${token}`);
      expect(page.status).toBe(410);
      expect(page.body).toContain('Deze enquête is gesloten');
    } finally {
      jest.restoreAllMocks();
    }

    const report = await api.get(`missions/${missionId}/report`);
    expect(report.body.survey).toMatchObject({
      opened: true,
      closesOn,
      invited: companiesInvited.size,
      answered: 2,
      averageScore: 4.5,
      distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 },
      wouldJoinAgain: { yes: 2, no: 0 },
      b2bUseful: { yes: 1, no: 0 },
    });
    expect(report.body.survey.comments.map((c: { comment: string }) => c.comment).sort()).toEqual([
      'Goede seminaries, meer b2b graag',
      'On reflection: excellent contacts in Haiphong.',
    ]);
    const text = await api.request('GET', `missions/${missionId}/report?lang=en`, undefined, { accept: 'text/markdown' });
    expect(text.body).toContain(`Of the ${companiesInvited.size} participants asked, two answered the satisfaction survey`);
    expect(text.body).toContain('Two of two would take part again.');
    // As of the day before the survey, the hand-recorded scores of the demo still make the report.
    const before = await api.get(`missions/${missionId}/report?asOf=2023-09-22`);
    expect(before.body.survey).toMatchObject({ opened: false, invited: 30 });
    expect(before.body.survey.answered).toBeGreaterThan(2);
  });

  it('limits the public routes per client address: 429 with Retry-After', async () => {
    const token = tokens.get(delegates[3].email!)!;
    let limited: Awaited<ReturnType<TestApp['get']>> | undefined;
    for (let i = 0; i < 40 && !limited; i++) {
      const response = await api.as(null).get(`survey/${token}`);
      if (response.status === 429) limited = response;
    }
    expect(limited?.status).toBe(429);
    expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited?.body).toMatchObject({ statusCode: 429, code: 'rate_limited' });
  });

  it('limits the page too, with a 429 page in the language the browser asks for, or in both', async () => {
    const path = `/survey/${tokens.get(delegates[3].email!)!}`;
    let limited: Awaited<ReturnType<TestApp['get']>> | undefined;
    for (let i = 0; i < 40 && !limited; i++) {
      const response = await api.as(null).request('GET', path, undefined, { 'accept-language': 'en-GB,en;q=0.9,nl;q=0.8' });
      if (response.status === 429) limited = response;
    }
    expect(limited?.status).toBe(429);
    expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited?.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(limited?.body).toContain('<html lang="en">');
    expect(limited?.body).toMatch(/You have opened this page too often in a short time\. Please try again in \d+ seconds\./);
    expect(limited?.body).not.toContain('Probeer');
    const dutch = await api.as(null).request('GET', path, undefined, { 'accept-language': 'nl-BE' });
    expect(dutch.status).toBe(429);
    expect(dutch.body).toContain('<html lang="nl">');
    expect(dutch.body).toMatch(/U hebt deze pagina te vaak na elkaar geopend\. Probeer het over \d+ seconden opnieuw\./);
    expect(dutch.body).not.toContain('Please');
    const neither = await api.as(null).request('GET', path, undefined, { 'accept-language': 'fr' });
    expect(neither.status).toBe(429);
    expect(neither.body).toContain('<p lang="nl">U hebt deze pagina te vaak');
    expect(neither.body).toContain('<p lang="en">You have opened this page too often');
  });
});
