import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { SMTPServer } from 'smtp-server';

import { loadEnvironment } from '../../src/config/environment.js';
import { Mailer, MailDeliveryError, type OutgoingMail } from '../../src/reminders/delivery/mailer.service.js';
import { actionUrl, renderActionMessage } from '../../src/reminders/delivery/messages.js';

interface Received {
  from: string | null;
  to: string[];
  raw: string;
}

interface TestSmtpServer {
  port: number;
  received: Received[];
  close: () => Promise<void>;
}

/** A real SMTP server on a free port; with `reject`, it refuses every message with that error. */
async function startSmtpServer(reject?: { code: number; message: string }): Promise<TestSmtpServer> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (reject) {
          callback(Object.assign(new Error(reject.message), { responseCode: reject.code }));
          return;
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: session.envelope.rcptTo.map((address) => address.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback(null, 'Queued as test-1');
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(resolve)) };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** One header of a raw message, unfolded (long headers are wrapped over several lines). */
function header(raw: string, name: string): string | undefined {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n(?=[ \t])/g, '');
  return head
    .split('\r\n')
    .find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}: `))
    ?.slice(name.length + 2);
}

function reminderMail(): OutgoingMail {
  const action = {
    id: randomUUID(),
    title: 'MOW visit to Vietnam for the Mekong River Commission',
    status: 'open' as const,
    dueFrom: '2023-11-01',
    dueTo: '2023-11-10',
    duePrecision: 'part_of_month' as const,
    dueLabel: 'early November 2023',
    missionCode: 'VN-2023',
    missionTitle: 'Economic mission to Vietnam 2023',
    ownerName: 'Els Vermeulen',
  };
  const message = renderActionMessage(
    'due_soon',
    action,
    { name: 'Tom Peeters', language: 'en' },
    { actionUrl: actionUrl('https://crm.fit.example', action.id) },
  );
  return { to: 'tom.peeters@fit.example', toName: 'Tom Peeters', messageId: `reminder-${randomUUID()}@mission-crm`, ...message };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function mailerFor(env: Record<string, string>): Mailer {
  const mailer = new Mailer(loadEnvironment(env));
  cleanups.push(() => mailer.close());
  return mailer;
}

describe('Mailer over SMTP', () => {
  it('delivers the message with its sender, recipient, subject, Message-ID and both parts', async () => {
    const server = await startSmtpServer();
    cleanups.push(server.close);
    const mailer = mailerFor({ SMTP_URL: `smtp://127.0.0.1:${server.port}`, MAIL_FROM: 'FIT mission-crm <reminders@fit.example>' });
    const mail = reminderMail();

    const sent = await mailer.send(mail);

    expect(sent.messageId).toBe(mail.messageId);
    expect(sent.response).toContain('Queued as test-1');
    expect(server.received).toHaveLength(1);
    const [{ from, to, raw }] = server.received;
    expect(from).toBe('reminders@fit.example');
    expect(to).toEqual(['tom.peeters@fit.example']);
    expect(header(raw, 'From')).toBe('"FIT mission-crm" <reminders@fit.example>');
    expect(header(raw, 'To')).toBe('Tom Peeters <tom.peeters@fit.example>');
    expect(header(raw, 'Subject')).toBe('[VN-2023] Due soon: MOW visit to Vietnam for the Mekong River Commission');
    expect(header(raw, 'Message-ID')).toBe(`<${mail.messageId}>`);
    expect(header(raw, 'Content-Type')).toMatch(/^multipart\/alternative;/);
    expect(raw).toMatch(/\r\nContent-Type: text\/plain; charset=utf-8\r\n/);
    expect(raw).toMatch(/\r\nContent-Type: text\/html; charset=utf-8\r\n/);
    expect(raw).toContain('Hello Tom Peeters,');
  });

  it('sends several messages over the pooled connections', async () => {
    const server = await startSmtpServer();
    cleanups.push(server.close);
    const mailer = mailerFor({ SMTP_URL: `smtp://127.0.0.1:${server.port}` });
    const mails = Array.from({ length: 8 }, reminderMail);

    const sent = await Promise.all(mails.map((mail) => mailer.send(mail)));

    expect(sent.map((s) => s.messageId)).toEqual(mails.map((m) => m.messageId));
    expect(server.received.map((r) => header(r.raw, 'Message-ID')).sort()).toEqual(mails.map((m) => `<${m.messageId}>`).sort());
  });

  it("throws the server's reply when it refuses the message, marked as temporary for a 4xx", async () => {
    const server = await startSmtpServer({ code: 451, message: 'Mailbox temporarily unavailable' });
    cleanups.push(server.close);
    const mailer = mailerFor({ SMTP_URL: `smtp://127.0.0.1:${server.port}` });

    const failure = mailer.send(reminderMail());

    await expect(failure).rejects.toThrow(MailDeliveryError);
    await expect(failure).rejects.toThrow('451 Mailbox temporarily unavailable');
    await expect(failure).rejects.toMatchObject({ permanent: false, responseCode: 451 });
  });

  it('marks a 5xx refusal as permanent', async () => {
    const server = await startSmtpServer({ code: 554, message: 'Message rejected as spam' });
    cleanups.push(server.close);
    const mailer = mailerFor({ SMTP_URL: `smtp://127.0.0.1:${server.port}` });

    await expect(mailer.send(reminderMail())).rejects.toMatchObject({
      permanent: true,
      responseCode: 554,
      message: expect.stringContaining('Message rejected as spam'),
    });
  });

  it('throws when no server listens, without waiting for a long timeout', async () => {
    const mailer = mailerFor({ SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` });

    const failure = mailer.send(reminderMail());

    await expect(failure).rejects.toThrow(MailDeliveryError);
    await expect(failure).rejects.toMatchObject({ permanent: false, responseCode: null });
  }, 10_000);
});

describe('Mailer without SMTP_URL', () => {
  it('writes the message as an .eml file under DATA_DIR/mail', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mission-crm-mail-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const mailer = mailerFor({ DATA_DIR: dataDir });
    const mail = reminderMail();

    const sent = await mailer.send(mail);

    const files = await readdir(join(dataDir, 'mail'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^\\d{8}T\\d{6}-${mail.messageId.replace(/\./g, '\\.')}\\.eml$`));
    const path = join(dataDir, 'mail', files[0]);
    expect(sent).toEqual({ messageId: mail.messageId, response: `written to ${path}` });

    const raw = await readFile(path, 'utf8');
    expect(header(raw, 'From')).toBe('"mission-crm" <no-reply@mission-crm.local>');
    expect(header(raw, 'To')).toBe('Tom Peeters <tom.peeters@fit.example>');
    expect(header(raw, 'Subject')).toBe('[VN-2023] Due soon: MOW visit to Vietnam for the Mekong River Commission');
    expect(header(raw, 'Message-ID')).toBe(`<${mail.messageId}>`);
    expect(raw).toMatch(/\r\nContent-Type: text\/plain; charset=utf-8\r\n/);
    expect(raw).toMatch(/\r\nContent-Type: text\/html; charset=utf-8\r\n/);
  });

  it('turns characters that do not belong in a file name into underscores', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mission-crm-mail-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const mailer = mailerFor({ DATA_DIR: dataDir });

    await mailer.send({ ...reminderMail(), messageId: 'digest/2023 11 13@mission-crm' });

    expect(await readdir(join(dataDir, 'mail'))).toEqual([expect.stringMatching(/^\d{8}T\d{6}-digest_2023_11_13@mission-crm\.eml$/)]);
  });
});
