import { describe, expect, it } from '@jest/globals';
import type { DemoMission } from './demo-data.js';
import { REFERENCE_MISSION, REFERENCE_MISSION_CODE } from './reference-mission.js';

const data = REFERENCE_MISSION;

function mission(code: string): DemoMission {
  const found = data.missions.find((m) => m.code === code);
  if (!found) throw new Error(`mission ${code} missing`);
  return found;
}

function keySet(records: ReadonlyArray<{ key: string }>): Set<string> {
  return new Set(records.map((r) => r.key));
}

function isValidEnterpriseNumber(value: string): boolean {
  if (!/^[01]\d{9}$/.test(value)) return false;
  return 97 - (Number(value.slice(0, 8)) % 97) === Number(value.slice(8));
}

/** The calendar date in Vietnam (UTC+7, no daylight saving) of an ISO timestamp. */
function vietnamDate(iso: string): string {
  return new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);
}

describe('REFERENCE_MISSION', () => {
  const reference = mission(REFERENCE_MISSION_CODE);
  const organisations = new Map(data.organisations.map((o) => [o.key, o]));

  it('has 30 participants on VN-2023, exactly 3 of them real companies', () => {
    const onMission = data.participants.filter((p) => p.missionKey === reference.key);
    expect(onMission).toHaveLength(30);
    expect(new Set(onMission.map((p) => p.organisationKey)).size).toBe(30);
    expect(onMission.every((p) => organisations.get(p.organisationKey)?.kind === 'company')).toBe(true);
    const real = onMission.filter((p) => !p.synthetic).map((p) => organisations.get(p.organisationKey)?.name);
    expect(real.sort()).toEqual(['CamCO Technologies', 'Monument', 'NXTPORT International']);
    for (const p of onMission) expect(p.synthetic).toBe(organisations.get(p.organisationKey)?.synthetic);
  });

  it('gives most participants a positive satisfaction answer', () => {
    const answered = data.participants.filter((p) => p.satisfactionScore !== undefined);
    expect(answered.length).toBeGreaterThan(data.participants.length / 2);
    for (const p of answered) expect(p.satisfactionScore).toBeGreaterThanOrEqual(4);
  });

  it('has more than 250 B2B meetings, all synthetic', () => {
    const b2b = data.meetings.filter((m) => m.kind === 'b2b');
    expect(b2b.length).toBeGreaterThan(250);
    expect(b2b.every((m) => m.synthetic)).toBe(true);
    expect(b2b.every((m) => m.title.startsWith('B2B: '))).toBe(true);
  });

  it('never books a company or a counterpart into two B2B meetings at once', () => {
    const busy = new Map<string, Array<[number, number]>>();
    for (const m of data.meetings.filter((x) => x.kind === 'b2b')) {
      const slot: [number, number] = [Date.parse(m.startsAt), Date.parse(m.endsAt ?? m.startsAt)];
      for (const org of [...m.organisationKeys, ...m.counterpartOrganisationKeys]) {
        const taken = busy.get(org) ?? [];
        expect(taken.some(([s, e]) => slot[0] < e && s < slot[1])).toBe(false);
        busy.set(org, [...taken, slot]);
      }
    }
  });

  it('has two FIT seminars with more than 100 attendees each', () => {
    const seminars = data.meetings.filter((m) => m.kind === 'seminar');
    expect(seminars).toHaveLength(2);
    for (const s of seminars) expect(s.attendeeCount).toBeGreaterThan(100);
  });

  it('uses unique keys within and across record types', () => {
    const all = [...data.users, ...data.organisations, ...data.contacts, ...data.missions, ...data.meetings, ...data.agreements, ...data.actions].map(
      (r) => r.key,
    );
    expect(new Set(all).size).toBe(all.length);
    const participantPairs = data.participants.map((p) => `${p.missionKey}/${p.organisationKey}`);
    expect(new Set(participantPairs).size).toBe(participantPairs.length);
  });

  it('refers only to keys that exist', () => {
    const users = keySet(data.users);
    const orgs = keySet(data.organisations);
    const contacts = keySet(data.contacts);
    const missions = keySet(data.missions);
    const meetings = keySet(data.meetings);
    const agreements = keySet(data.agreements);
    const missing: string[] = [];
    const check = (set: Set<string>, key: string | undefined, where: string) => {
      if (key !== undefined && !set.has(key)) missing.push(`${where}: ${key}`);
    };

    for (const c of data.contacts) check(orgs, c.organisationKey, `contact ${c.key}`);
    for (const m of data.missions) {
      check(contacts, m.leaderContactKey, `mission ${m.key}`);
      check(users, m.ownerUserKey, `mission ${m.key}`);
      check(missions, m.previousMissionKey, `mission ${m.key}`);
    }
    for (const p of data.participants) {
      check(missions, p.missionKey, 'participant');
      check(orgs, p.organisationKey, 'participant');
      for (const k of p.delegateContactKeys) check(contacts, k, `participant ${p.organisationKey}`);
    }
    for (const m of data.meetings) {
      check(missions, m.missionKey, `meeting ${m.key}`);
      for (const k of [...m.organisationKeys, ...m.counterpartOrganisationKeys]) check(orgs, k, `meeting ${m.key}`);
      for (const k of [...m.contactKeys, ...m.counterpartContactKeys]) check(contacts, k, `meeting ${m.key}`);
    }
    for (const a of data.agreements) {
      for (const k of a.partyKeys) check(orgs, k, `agreement ${a.key}`);
      check(missions, a.missionKey, `agreement ${a.key}`);
      check(meetings, a.meetingKey, `agreement ${a.key}`);
    }
    for (const a of data.actions) {
      check(missions, a.missionKey, `action ${a.key}`);
      check(agreements, a.agreementKey, `action ${a.key}`);
      check(meetings, a.meetingKey, `action ${a.key}`);
      for (const k of a.organisationKeys) check(orgs, k, `action ${a.key}`);
      check(users, a.ownerUserKey, `action ${a.key}`);
      for (const k of a.watcherUserKeys) check(users, k, `action ${a.key}`);
    }
    expect(missing).toEqual([]);
  });

  it('lists each delegate under its own organisation', () => {
    const contacts = new Map(data.contacts.map((c) => [c.key, c]));
    for (const p of data.participants) {
      for (const k of p.delegateContactKeys) expect(contacts.get(k)?.organisationKey).toBe(p.organisationKey);
    }
  });

  it('gives enterprise numbers that pass mod-97 to synthetic companies only', () => {
    const numbered = data.organisations.filter((o) => o.enterpriseNumber !== undefined);
    expect(numbered.length).toBeGreaterThanOrEqual(27);
    for (const o of numbered) {
      expect(o.synthetic).toBe(true);
      expect(isValidEnterpriseNumber(o.enterpriseNumber!)).toBe(true);
    }
    expect(new Set(numbered.map((o) => o.enterpriseNumber)).size).toBe(numbered.length);
  });

  it('marks every synthetic Belgian company with an enterprise number', () => {
    const belgianSynthetic = data.organisations.filter((o) => o.synthetic && o.country === 'BE');
    expect(belgianSynthetic).toHaveLength(27);
    for (const o of belgianSynthetic) expect(o.enterpriseNumber).toMatch(/^[01]\d{9}$/);
  });

  it('gives every agreement at least two distinct parties', () => {
    for (const a of data.agreements) expect(new Set(a.partyKeys).size).toBeGreaterThanOrEqual(2);
  });

  it('describes the four agreements of the source', () => {
    const byType = (type: string, status: string) => data.agreements.filter((a) => a.type === type && a.status === status);
    expect(byType('mou', 'signed')).toHaveLength(2);
    expect(byType('mou', 'in_force')[0]?.validFrom).toBe('1995-01-01');
    expect(byType('loi', 'planned')[0]?.themes).toEqual(['greenhouse-gas reduction', 'energy transition']);
  });

  it('carries the fuzzy due labels of the reference follow-up actions', () => {
    const labels = Object.fromEntries(data.actions.map((a) => [a.key, a.dueLabel]));
    expect(labels).toMatchObject({
      'action-mow-mrc-visit': 'early November 2023',
      'action-loi-signing': 'November 2023',
      'action-goose-mission': 'March 2024',
      'action-state-visit': 'autumn 2024',
    });
    const signing = data.actions.find((a) => a.key === 'action-loi-signing');
    expect(data.agreements.find((a) => a.key === signing?.agreementKey)?.type).toBe('loi');
    expect(data.actions.find((a) => a.kind === 'survey')?.status).toBe('done');
  });

  it('places every meeting within the dates of its mission, in Vietnam time', () => {
    const missions = new Map(data.missions.map((m) => [m.key, m]));
    for (const m of data.meetings) {
      const { startDate, endDate } = missions.get(m.missionKey)!;
      expect(m.startsAt).toMatch(/\+07:00$/);
      for (const at of [m.startsAt, m.endsAt ?? m.startsAt]) {
        const day = vietnamDate(at);
        expect(day >= startDate && day <= endDate).toBe(true);
      }
      if (m.endsAt) expect(Date.parse(m.endsAt)).toBeGreaterThan(Date.parse(m.startsAt));
    }
  });

  it('has VN-2023 follow the completed VN-2018 mission', () => {
    const previous = data.missions.find((m) => m.key === reference.previousMissionKey);
    expect(previous?.code).toBe('VN-2018');
    expect(previous?.status).toBe('completed');
    expect(reference).toMatchObject({
      startDate: '2023-09-11',
      endDate: '2023-09-16',
      timeZone: 'Asia/Ho_Chi_Minh',
      hostCountries: ['VN'],
      status: 'completed',
      focusSectors: ['sustainable trade & logistics', 'resilient cities'],
    });
  });
});
