import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

describe('reminder engine, smoke', () => {
  let api: TestApp;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    api = await startTestApp({ ROLE: 'all', SMTP_URL: sink.url, REMINDER_SWEEP_MS: '500', PUBLIC_URL: 'https://crm.fit.example' });
  });

  afterAll(async () => {
    await api.close();
    await sink.close();
  });

  it('sends the assignment notice to a new owner', async () => {
    const owner = await api.post('users', { email: 'an@fit.example', name: 'An Peeters', language: 'nl' });
    const mission = await api.post('missions', { code: 'VN-2023', title: 'Economic mission to Vietnam', type: 'economic_mission', hostCountries: ['VN'], startDate: '2023-09-11', endDate: '2023-09-16', timeZone: 'Asia/Ho_Chi_Minh' });
    const action = await api.post('actions', { title: 'GOOSE mission', missionId: mission.body.id, ownerId: owner.body.id, dueLabel: 'March 2030' });
    expect(action.status).toBe(201);
    const [mail] = await sink.waitFor(1);
    expect(mail.to).toEqual(['an@fit.example']);
    expect(mail.raw).toContain('GOOSE mission');
    const reminders = await api.get(`actions/${action.body.id}/reminders`);
    const assignment = reminders.body.items.find((r: { kind: string }) => r.kind === 'assignment');
    expect(assignment).toMatchObject({ status: 'sent', recipientId: owner.body.id });
  });
});
