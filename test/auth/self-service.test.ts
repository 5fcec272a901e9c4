import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/app.js';
import { bodyParts } from '../support/reminders.js';
import { type ReceivedMail, startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

const PUBLIC_URL = 'https://crm.fit.example';

/**
 * Self-service over real HTTP and real SMTP: a user changes their own settings with PATCH /auth/me;
 * an invitation or a reset e-mails a single-use, expiring link that sets a password, with the same
 * answer for an address that has no account.
 */
describe('self-service', () => {
  let api: TestApp;
  let sink: SmtpSink;
  let people = 0;

  beforeAll(async () => {
    sink = await startSmtpSink();
    api = await startTestApp({ SMTP_URL: sink.url, PUBLIC_URL, LOGIN_LIMIT_PER_ADDRESS: '1000', LOGIN_LIMIT_PER_ACCOUNT: '5' });
  });

  afterAll(async () => {
    await api?.close();
    await sink?.close();
  });

  const person = async (extra: Record<string, unknown> = {}) => {
    people += 1;
    const email = `officer${people}@fit.example`;
    const created = await api.create('users', { email, name: `Officer ${people}`, ...extra });
    return { id: created.id as string, email, version: created.version as number };
  };

  /** The link of the latest message to an address, and its token. */
  const linkIn = (mail: ReceivedMail): { link: string; token: string } => {
    const { text } = bodyParts(mail.raw);
    const match = /(https:\/\/crm\.fit\.example\/reset-password\?token=([A-Za-z0-9_-]+))/.exec(text);
    if (!match) throw new Error(`no link in: ${text}`);
    return { link: match[1], token: match[2] };
  };
  const mailTo = async (email: string, count: number): Promise<ReceivedMail> => {
    for (let waited = 0; waited < 100; waited++) {
      const mails = sink.received.filter((mail) => mail.to.includes(email));
      if (mails.length >= count) return mails[count - 1];
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no message ${count} to ${email}`);
  };

  describe('PATCH /auth/me', () => {
    it('changes my name, language, time zone and reminder mode, without my password', async () => {
      const me = await person({ password: 'Ho Chi Minh City 2023' });
      const token = await api.signIn(me.email, 'Ho Chi Minh City 2023');
      const changed = await api
        .as(token)
        .patch('auth/me', { name: 'Nguyễn Thị Lan', language: 'en', timeZone: 'Asia/Ho_Chi_Minh', reminderMode: 'digest', version: me.version });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        id: me.id,
        name: 'Nguyễn Thị Lan',
        language: 'en',
        timeZone: 'Asia/Ho_Chi_Minh',
        reminderMode: 'digest',
        version: me.version + 1,
      });
      expect((await api.as(token).get('auth/me')).body).toMatchObject({ name: 'Nguyễn Thị Lan', reminderMode: 'digest' });
      // Settings are no password attempts: many in a row are fine (the limit per account is 5 here).
      for (const language of ['nl', 'en', 'nl', 'en', 'nl', 'en']) expect((await api.as(token).patch('auth/me', { language })).status).toBe(200);
    });

    it('refuses what it cannot change and wrong values, naming the field', async () => {
      const me = await person({ password: 'Ho Chi Minh City 2023' });
      const token = await api.signIn(me.email, 'Ho Chi Minh City 2023');
      const role = await api.as(token).patch('auth/me', { role: 'admin' });
      expect(role.status).toBe(400);
      expect(role.body).toMatchObject({
        code: 'validation_failed',
        details: [{ field: 'role', message: 'unknown field role: it is not part of this resource' }],
      });
      const zone = await api.as(token).patch('auth/me', { timeZone: 'Mars/Olympus', language: 'vi' });
      expect(zone.status).toBe(400);
      expect(zone.body.details).toEqual(
        expect.arrayContaining([
          { field: 'timeZone', message: 'timeZone must be an IANA time zone such as Europe/Brussels' },
          { field: 'language', message: 'language must be one of the following values: nl, en' },
        ]),
      );
      const empty = await api.as(token).patch('auth/me', {});
      expect(empty.status).toBe(400);
      expect(empty.body).toMatchObject({
        code: 'validation_failed',
        details: [{ field: 'body', message: 'send at least one of name, language, timeZone, reminderMode, or newPassword with currentPassword' }],
      });
      const half = await api.as(token).patch('auth/me', { newPassword: 'a new password for Hanoi' });
      expect(half.status).toBe(400);
      expect(half.body).toMatchObject({ details: [{ field: 'currentPassword', message: 'currentPassword is required with newPassword' }] });
      expect((await api.as(token).get('auth/me')).body).toMatchObject({ timeZone: 'Europe/Brussels', language: 'nl', version: me.version });
    });
  });

  describe('invitation', () => {
    it('e-mails a user made without a password a link that sets one, once', async () => {
      const invited = await person({ language: 'en' });
      const signInFails = await api.as(null).post('auth/login', { email: invited.email, password: 'Haiphong port 2023' });
      expect(signInFails.status).toBe(401);

      const invitation = await api.post('auth/invitations', { userId: invited.id });
      expect(invitation.status).toBe(201);
      expect(invitation.body).toEqual({ userId: invited.id, email: invited.email, expiresAt: expect.any(String), sent: true });
      const days = (new Date(invitation.body.expiresAt).getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.9);
      expect(days).toBeLessThan(7.1);

      const mail = await mailTo(invited.email, 1);
      expect(mail.subject).toBe('Your mission-crm account');
      const { token } = linkIn(mail);
      const set = await api.as(null).post('auth/password-reset/confirm', { token, newPassword: 'Haiphong port 2023' });
      expect(set.status).toBe(204);
      expect(await api.signIn(invited.email, 'Haiphong port 2023')).toEqual(expect.any(String));

      const again = await api.as(null).post('auth/password-reset/confirm', { token, newPassword: 'another password, later' });
      expect(again.status).toBe(400);
      expect(again.body).toEqual({
        statusCode: 400,
        code: 'validation_failed',
        message: 'The link is not valid, or it expired or was already used; ask for a new one',
        details: [{ field: 'token', message: 'the link is not valid, or it expired or was already used; ask for a new one' }],
        requestId: expect.any(String),
      });
      const stored = await api.app
        .get(DataSource)
        .query(`SELECT sent_at IS NOT NULL AS sent, message_id, used_at IS NOT NULL AS used FROM password_tokens WHERE user_id = $1`, [invited.id]);
      expect(stored).toEqual([{ sent: true, message_id: expect.stringMatching(/^password-[0-9a-f-]{36}@mission-crm$/), used: true }]);
    });

    it('is for admins only, and for users that exist', async () => {
      const officer = await person({ password: 'Ho Chi Minh City 2023' });
      const token = await api.signIn(officer.email, 'Ho Chi Minh City 2023');
      const byOfficer = await api.as(token).post('auth/invitations', { userId: officer.id });
      expect(byOfficer.status).toBe(403);
      expect(byOfficer.body).toMatchObject({ code: 'forbidden' });
      const unknown = await api.post('auth/invitations', { userId: '00000000-0000-4000-8000-000000000000' });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'not_found', message: 'user 00000000-0000-4000-8000-000000000000 not found' });
    });
  });

  describe('password reset', () => {
    it('answers an address with an account and one without alike, and e-mails only the first, in its language', async () => {
      const known = await person({ password: 'Quang Ninh province 2023' });
      const [withAccount, without] = [
        await api.as(null).post('auth/password-reset', { email: known.email.toUpperCase() }),
        await api.as(null).post('auth/password-reset', { email: 'nobody.here@fit.example' }),
      ];
      expect(withAccount.status).toBe(202);
      expect(without.status).toBe(202);
      expect(without.body).toEqual(withAccount.body);
      expect(withAccount.body).toEqual({
        message: 'If an account has this address, a link to set a new password is on its way; it works once, within an hour.',
      });

      const mail = await mailTo(known.email, 1);
      expect(mail.subject).toBe('Een nieuw wachtwoord voor mission-crm');
      expect(bodyParts(mail.raw).text).toContain('De link werkt één keer en blijft 1 uur geldig.');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sink.received.filter((m) => m.to.includes('nobody.here@fit.example'))).toEqual([]);
    });

    it('sets the password, ends every session, and voids the older link when a newer one is asked for', async () => {
      const me = await person({ password: 'Quang Ninh province 2023' });
      const session = await api.signIn(me.email, 'Quang Ninh province 2023');
      expect((await api.as(null).post('auth/password-reset', { email: me.email })).status).toBe(202);
      const first = linkIn(await mailTo(me.email, 1));
      expect((await api.as(null).post('auth/password-reset', { email: me.email })).status).toBe(202);
      const second = linkIn(await mailTo(me.email, 2));
      expect(second.link).toMatch(/^https:\/\/crm\.fit\.example\/reset-password\?token=/);

      const old = await api.as(null).post('auth/password-reset/confirm', { token: first.token, newPassword: 'the first link, too late' });
      expect(old.status).toBe(400);
      expect(old.body.details).toEqual([{ field: 'token', message: 'the link is not valid, or it expired or was already used; ask for a new one' }]);

      expect((await api.as(null).post('auth/password-reset/confirm', { token: second.token, newPassword: 'Ho Chi Minh City, reset' })).status).toBe(204);
      expect((await api.as(session).get('missions')).status).toBe(401);
      expect((await api.as(null).post('auth/login', { email: me.email, password: 'Quang Ninh province 2023' })).status).toBe(401);
      expect(await api.signIn(me.email, 'Ho Chi Minh City, reset')).toEqual(expect.any(String));
    });

    it('refuses an expired link', async () => {
      const me = await person();
      expect((await api.post('auth/invitations', { userId: me.id })).status).toBe(201);
      const { token } = linkIn(await mailTo(me.email, 1));
      await api.app.get(DataSource).query(`UPDATE password_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [me.id]);
      const late = await api.as(null).post('auth/password-reset/confirm', { token, newPassword: 'too late for this link' });
      expect(late.status).toBe(400);
      expect(late.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'token' }] });
    });

    it('validates the request and limits it like sign-in: a sixth request for one account within a minute is a 429', async () => {
      const bad = await api.as(null).post('auth/password-reset', { email: 'not an address' });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'email', message: 'email must be an e-mail address' }] });
      const short = await api.as(null).post('auth/password-reset/confirm', { token: 'x', newPassword: 'short' });
      expect(short.status).toBe(400);
      expect(short.body.details).toEqual([{ field: 'newPassword', message: 'newPassword must be longer than or equal to 12 characters' }]);

      const target = 'limited.account@fit.example';
      for (let attempt = 0; attempt < 5; attempt++) expect((await api.as(null).post('auth/password-reset', { email: target })).status).toBe(202);
      const sixth = await api.as(null).post('auth/password-reset', { email: target });
      expect(sixth.status).toBe(429);
      expect(sixth.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(sixth.body).toMatchObject({ statusCode: 429, code: 'rate_limited', requestId: expect.any(String) });
    });
  });
});
