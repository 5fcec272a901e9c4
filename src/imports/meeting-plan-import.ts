import type { EntityManager } from 'typeorm';
import { MEETING_KINDS, Meeting, type MeetingKind } from '../meetings/meeting.entity.js';
import type { Mission } from '../missions/mission.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { atLocalTime } from '../reminders/working-time.js';
import type { PlannedImport } from './delegation-import.js';
import { foldText, type MappedRow } from './import-columns.js';
import { cells, OrganisationBook, Planned, RowOutcome } from './import-plan.js';
import type { ImportsRepository } from './imports.repository.js';
import { organisationOfRow } from './organisation-rows.js';

type MeetingKey = 'date' | 'start' | 'end' | 'company' | 'counterpart' | 'counterpartCountry' | 'location' | 'topics' | 'kind';

const MEETING_KIND_WORDS: Record<string, MeetingKind> = {
  officieel: 'official',
  seminarie: 'seminar',
  bedrijfsbezoek: 'site_visit',
  bezoek: 'site_visit',
  receptie: 'reception',
  andere: 'other',
};

/** 2023-09-12, 12/09/2023, 12-09-2023 or 12.09.2023 (day first, as in Belgium), or a spreadsheet date. */
export function parseDate(value: string): string | undefined {
  let match = /^(\d{4})-(\d{2})-(\d{2})(?:T00:00:00(?:\.000)?Z)?$/.exec(value);
  if (match) return valid(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (match) return valid(Number(match[3]), Number(match[2]), Number(match[1]));
  return undefined;
}

function valid(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** 9:30, 09:30, 09:30:00, 9u30 or 9h30, or a spreadsheet time (a time of 30 December 1899): hours as a number. */
export function parseTime(value: string): number | undefined {
  const spreadsheet = /^1899-12-3[01]T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$/.exec(value);
  const match = spreadsheet ?? /^(\d{1,2})[:uh.](\d{2})(?::(\d{2}))?$/i.exec(value);
  if (!match) return undefined;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (hours > 23 || minutes > 59) return undefined;
  return hours + minutes / 60;
}

/**
 * A mission's B2B plan: each row one meeting between a company of the delegation and a
 * counterpart (created when unknown), at a time of the mission's time zone. A meeting is
 * the same when it has the same mission, start and parties.
 */
export async function planMeetings(
  repository: ImportsRepository,
  manager: EntityManager,
  rows: MappedRow<MeetingKey>[],
  headers: Record<string, string | undefined>,
  mission: Mission,
): Promise<PlannedImport> {
  const book = new OrganisationBook(await repository.findOrganisations(manager));
  const delegation = new Map<string, Planned<Organisation>>();
  for (const participant of await repository.findParticipants(mission.id, manager)) {
    const organisation = book.byId.get(participant.organisationId);
    if (organisation) delegation.set(foldText(organisation.entity.name), organisation);
  }
  const meetings = await repository.findMeetings(mission.id, manager);
  const parties = await repository.findMeetingOrganisations(
    meetings.map((meeting) => meeting.id),
    manager,
  );
  const byKey = new Map<string, Planned<Meeting>>();
  const keyOf = (startsAt: Date, company: Planned<Organisation>, counterpart: Planned<Organisation>): string =>
    `${startsAt.toISOString()}|${identity(company)}|${identity(counterpart)}`;
  const identities = new Map<Planned<Organisation>, string>();
  const identity = (organisation: Planned<Organisation>): string =>
    organisation.entity.id ?? identities.get(organisation) ?? identities.set(organisation, `new-${identities.size}`).get(organisation)!;
  const partiesOf = new Map<string, typeof parties>();
  for (const party of parties) partiesOf.set(party.meetingId, [...(partiesOf.get(party.meetingId) ?? []), party]);
  for (const meeting of meetings) {
    const mine = partiesOf.get(meeting.id) ?? [];
    for (const ours of mine.filter((party) => party.side === 'delegation')) {
      for (const theirs of mine.filter((party) => party.side === 'counterpart')) {
        byKey.set(`${meeting.startsAt.toISOString()}|${ours.organisationId}|${theirs.organisationId}`, new Planned(meeting, false, 'meeting'));
      }
    }
  }
  const created: { planned: Planned<Meeting>; company: Planned<Organisation>; counterpart: Planned<Organisation> }[] = [];
  const hostCountry = mission.hostCountries[0];
  // A plan has a few days of a few dozen slots: each local time is converted once.
  const instants = new Map<string, Date>();
  const instant = (date: string, hours: number): Date => {
    const key = `${date}|${hours}`;
    const known = instants.get(key) ?? atLocalTime(date, hours, mission.timeZone);
    instants.set(key, known);
    return new Date(known);
  };

  const outcomes = rows.map(({ row, values }) => {
    const outcome = new RowOutcome(row, headers);
    const date = values.date === undefined ? undefined : parseDate(values.date);
    if (values.date !== undefined && !date) outcome.fail('date', `"${values.date}" is not a date such as 2023-09-12 or 12/09/2023`);
    const start = values.start === undefined ? undefined : parseTime(values.start);
    if (values.start !== undefined && start === undefined) outcome.fail('start', `"${values.start}" is not a time such as 09:30`);
    const end = values.end === undefined ? undefined : parseTime(values.end);
    if (values.end !== undefined && end === undefined) outcome.fail('end', `"${values.end}" is not a time such as 10:00`);
    if (start !== undefined && end !== undefined && end <= start) outcome.fail('end', 'the meeting ends before it starts');
    const folded = values.kind === undefined ? 'b2b' : foldText(values.kind).replace(/ /g, '_');
    const kind = MEETING_KIND_WORDS[folded] ?? folded;
    if (!MEETING_KINDS.includes(kind)) outcome.fail('kind', `"${values.kind}" is not a kind of meeting; use one of ${MEETING_KINDS.join(', ')}`);
    const location = cells.text(outcome, 'location', values.location, 300);
    const topics = cells.list(values.topics);
    for (const required of ['date', 'start', 'company', 'counterpart'] as const)
      if (values[required] === undefined) outcome.fail(required, `${required} is required`);
    const company = values.company === undefined ? undefined : delegation.get(foldText(values.company));
    if (values.company !== undefined && !company)
      outcome.fail('company', `"${values.company}" is not on the delegation of mission ${mission.code}; import the participants first`);
    if (outcome.errors.length > 0 || !company || !date || start === undefined) return outcome;

    outcome.found(company, false);
    const counterpart = organisationOfRow(
      book,
      manager,
      outcome,
      { company: values.counterpart, country: values.counterpartCountry },
      {
        defaultCountry: hostCountry,
        defaultKind: kind === 'b2b' ? 'company' : 'other',
        withSectors: false,
        columns: { company: 'counterpart', country: 'counterpartCountry' },
      },
    );
    if (!counterpart) return outcome;

    const startsAt = instant(date, start);
    const endsAt = end === undefined ? null : instant(date, end);
    const key = keyOf(startsAt, company, counterpart);
    const found = byKey.get(key);
    if (!found) {
      const title = `${company.entity.name} – ${counterpart.entity.name}`.slice(0, 300);
      const planned = new Planned(
        manager.create(Meeting, { missionId: mission.id, kind, title, startsAt, endsAt, location: location ?? null, topics: topics ?? [] }),
        true,
        'meeting',
      );
      byKey.set(key, planned);
      created.push({ planned, company, counterpart });
      outcome.found(planned, true);
      return outcome;
    }
    outcome.found(found, false);
    found.set('kind', kind, outcome);
    if (end !== undefined && found.entity.endsAt?.getTime() !== endsAt?.getTime()) found.set('endsAt', endsAt, outcome);
    if (location !== undefined) found.set('location', location, outcome);
    if (topics !== undefined) found.set('topics', topics, outcome);
    return outcome;
  });

  // New records go in bulk (audited as the importing user, as save() would, parties included); changed ones through save().
  const write = async (): Promise<void> => {
    await repository.insertAll(
      Organisation,
      'organisation',
      book.created.map((planned) => planned.entity),
      manager,
    );
    await repository.saveAll(
      Organisation,
      book.changed().map((planned) => planned.entity),
      manager,
    );
    const sides = new Map(
      created.map(({ planned, company, counterpart }) => [planned.entity, { company: company.entity.id, counterpart: counterpart.entity.id }]),
    );
    await repository.insertAll(
      Meeting,
      'meeting',
      created.map(({ planned }) => planned.entity),
      manager,
      { organisationIds: (meeting) => [sides.get(meeting)!.company], counterpartOrganisationIds: (meeting) => [sides.get(meeting)!.counterpart] },
    );
    await repository.insertLinks(
      'meeting_organisations',
      { meeting_id: 'uuid', organisation_id: 'uuid', side: 'meeting_side' },
      created.flatMap(({ planned, company, counterpart }) => [
        { meeting_id: planned.entity.id, organisation_id: company.entity.id, side: 'delegation' },
        { meeting_id: planned.entity.id, organisation_id: counterpart.entity.id, side: 'counterpart' },
      ]),
      manager,
    );
    const changed = [...new Set(byKey.values())].filter((planned) => planned.changed).map((planned) => planned.entity);
    await repository.saveAll(Meeting, changed, manager);
  };
  return { outcomes, write };
}
