import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SMTPServer } from 'smtp-server';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * A server that refuses a message for good (a 5xx reply) would refuse it again: the mailer marks
 * such a refusal as permanent so that the sender does not retry it.
 */

interface ReminderBody {
  id: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

describe('a reminder refused for good by the SMTP server', () => {
  let api: TestApp;
  let server: SMTPServer;
  let refusals = 0;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        stream.on('data', () => undefined);
        stream.on('end', () => {
          refusals += 1;
          callback(Object.assign(new Error('Mailbox does not exist'), { responseCode: 550 }));
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as { port: number };
    api = await startTestApp({ ROLE: 'all', SMTP_URL: `smtp://127.0.0.1:${port}`, REMINDER_SWEEP_MS: '500', REMINDER_RETRY_BASE_MS: '100' });
  });

  afterAll(async () => {
    await api?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  it('is recorded as failed after the first attempt, with the server’s reply, and not tried again', async () => {
    const owner = (await api.post('users', { email: 'former.officer@fit.example', name: 'Former Officer', language: 'en' })).body;
    const mission = (
      await api.post('missions', {
        code: 'VN-2023',
        title: 'Economic mission to Vietnam 2023',
        type: 'economic_mission',
        hostCountries: ['VN'],
        startDate: '2023-09-11',
        endDate: '2023-09-16',
        timeZone: 'Asia/Ho_Chi_Minh',
      })
    ).body;
    const action = (await api.post('actions', { title: 'Follow-up appointment with Monument', missionId: mission.id, ownerId: owner.id })).body;
    const [assignment] = (await api.get<{ items: ReminderBody[] }>(`reminders?actionId=${action.id}`)).body.items;

    const deadline = Date.now() + 10_000;
    let row = assignment;
    while (row.status !== 'failed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      row = (await api.get<ReminderBody>(`reminders/${assignment.id}`)).body;
    }

    expect(row).toMatchObject({ status: 'failed', attempts: 1, lastError: 'Message failed: 550 Mailbox does not exist' });
    expect(refusals).toBe(1);
  });
});
