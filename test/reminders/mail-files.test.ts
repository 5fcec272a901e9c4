import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../../src/common/clock.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { bodyParts } from '../support/reminders.js';

/** Without SMTP_URL, a newcomer still sees what would have been sent: one .eml file per message. */

interface ReminderBody {
  id: string;
  kind: string;
  status: string;
  attempts: number;
  sentAt: string | null;
  messageId: string | null;
  subject: string | null;
}

const header = (raw: string, name: string): string | undefined =>
  new RegExp(`^${name}: (.*(?:\\r\\n[ \\t].*)*)`, 'im').exec(raw.slice(0, raw.indexOf('\r\n\r\n')))?.[1].replace(/\r\n[ \t]+/g, ' ');

describe('reminder e-mails without an SMTP server', () => {
  let api: TestApp;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mission-crm-reminders-'));
    api = await startTestApp({ ROLE: 'all', DATA_DIR: dataDir, REMINDER_SWEEP_MS: '500' });
    jest.spyOn(api.app.get(Clock), 'now').mockReturnValue(new Date('2023-10-20T12:00:00Z'));
  });

  afterAll(async () => {
    await api?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes each message as an .eml file under DATA_DIR/mail and records the reminder as sent', async () => {
    const els = (await api.post('users', { email: 'els.vermeulen@fit.example', name: 'Els Vermeulen', language: 'nl' })).body;
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
    const action = (
      await api.post('actions', {
        title: 'MOW visit to Vietnam for the Mekong River Commission',
        missionId: mission.id,
        ownerId: els.id,
        dueLabel: 'early November 2023',
      })
    ).body;
    const [assignment] = (await api.get<{ items: ReminderBody[] }>(`reminders?actionId=${action.id}&kind=assignment`)).body.items;

    const deadline = Date.now() + 15_000;
    let row = assignment;
    while (row.status !== 'sent' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      row = (await api.get<ReminderBody>(`reminders/${assignment.id}`)).body;
    }

    const subject = '[VN-2023] Nieuwe actie voor jou: MOW visit to Vietnam for the Mekong River Commission';
    expect(row).toMatchObject({ status: 'sent', attempts: 1, sentAt: '2023-10-20T12:00:00.000Z', messageId: `reminder-${assignment.id}@mission-crm`, subject });
    const files = await readdir(join(dataDir, 'mail'));
    expect(files).toEqual([expect.stringMatching(new RegExp(`^\\d{8}T\\d{6}-reminder-${assignment.id}@mission-crm\\.eml$`))]);

    const raw = await readFile(join(dataDir, 'mail', files[0]), 'utf8');
    expect(header(raw, 'Message-ID')).toBe(`<reminder-${assignment.id}@mission-crm>`);
    expect(header(raw, 'From')).toBe('"mission-crm" <no-reply@mission-crm.local>');
    expect(header(raw, 'To')).toBe('Els Vermeulen <els.vermeulen@fit.example>');
    expect(header(raw, 'Subject')).toBe(subject);
    expect(raw).toMatch(/\r\nContent-Type: text\/html; charset=utf-8\r\n/);
    expect(bodyParts(raw).text).toBe(
      [
        'Dag Els Vermeulen,',
        '',
        'Test Admin gaf je een opvolgactie. Ze is voorzien voor begin november 2023.',
        '',
        'Actie:   MOW visit to Vietnam for the Mekong River Commission',
        'Missie:  VN-2023 – Economic mission to Vietnam 2023',
        'Termijn: begin november 2023',
        'Status:  open',
        '',
        // Without PUBLIC_URL the links point at the service on its own port.
        `Open de actie: http://localhost:3000/actions/${action.id}`,
        '',
        '-- ',
        'Je krijgt deze e-mail van mission-crm omdat je eigenaar bent van deze actie of ze volgt.',
        '',
      ].join('\n'),
    );
  });
});
