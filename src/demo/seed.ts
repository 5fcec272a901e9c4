import { createHash } from 'node:crypto';
import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral, type QueryDeepPartialEntity } from 'typeorm';
import { Action } from '../actions/action.entity.js';
import { type AuditChanges, AuditEntry } from '../audit/audit-entry.entity.js';
import { type DueWindow, parseDueLabel } from '../actions/due/due-window.js';
import { Agreement } from '../agreements/agreement.entity.js';
import { Contact } from '../contacts/contact.entity.js';
import { dataSourceOptions } from '../database/data-source.js';
import { MeetingContact, MeetingOrganisation, type MeetingSide } from '../meetings/meeting-party.entity.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { Mission } from '../missions/mission.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Participant } from '../participants/participant.entity.js';
import { Clock } from '../common/clock.service.js';
import { ReminderPlanner } from '../reminders/planning/reminder-planner.service.js';
import { ReminderPlanningRepository } from '../reminders/planning/reminder-planning.repository.js';
import { atLocalTime } from '../reminders/working-time.js';
import { User } from '../users/user.entity.js';
import type { DemoAction, DemoDataSet, DemoParticipant } from './demo-data.js';
import { REFERENCE_MISSION } from './reference-mission.js';

/**
 * Loads the demo data set. Every record gets an id derived from its key, and every row is
 * inserted with ON CONFLICT DO NOTHING, so loading twice adds nothing and never overwrites a
 * demo record someone has edited. Links (meeting sides, delegates, parties, watchers) and a
 * mission's delegation belong to their owner: they are added only with an owner added now, so
 * a company someone removed from a meeting or a delegation does not come back.
 * One transaction: a load that dies half-way leaves nothing behind.
 */

type RecordKind = 'user' | 'organisation' | 'contact' | 'mission' | 'participant' | 'meeting' | 'agreement' | 'action';

/** Far below PostgreSQL's 65,535 bind parameters per statement, even for the widest table. */
const ROWS_PER_STATEMENT = 1000;

/** A stable UUID for a demo record: the same in every database, shaped as version 4 so validators accept it. */
export function demoId(kind: RecordKind, key: string): string {
  const bytes = createHash('sha256').update(`mission-crm-demo:${kind}:${key}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const participantKey = (p: Pick<DemoParticipant, 'missionKey' | 'organisationKey'>): string => `${p.missionKey}/${p.organisationKey}`;

/**
 * Record keys to ids. A row that already holds a record's unique natural key (a user's e-mail,
 * an enterprise number, a mission code) is that record: it is referred to instead of adding a twin.
 */
class DemoIds {
  private readonly existing = new Map<string, string>();

  of(kind: RecordKind, key: string): string {
    return this.existing.get(`${kind}:${key}`) ?? demoId(kind, key);
  }

  optional(kind: RecordKind, key: string | undefined): string | null {
    return key === undefined ? null : this.of(kind, key);
  }

  /** `naturalKeys` maps each record's natural key, as `expression` computes it, to the record's key. */
  async adoptExisting(
    manager: EntityManager,
    kind: RecordKind,
    entity: EntityTarget<ObjectLiteral>,
    expression: string,
    naturalKeys: Map<string, string>,
  ): Promise<void> {
    if (naturalKeys.size === 0) return;
    // The query builder leaves archived rows out, as the unique indexes on these keys do.
    const rows = await manager
      .createQueryBuilder(entity, 'existing')
      .select('existing.id', 'id')
      .addSelect(expression, 'natural')
      .where(`${expression} IN (:...values)`, { values: [...naturalKeys.keys()] })
      .getRawMany<{ id: string; natural: string }>();
    for (const row of rows) this.existing.set(`${kind}:${naturalKeys.get(row.natural)!}`, row.id);
  }
}

/** A row of an entity's table, as the demo inserts it; spelled out with its type so the compiler checks each field against the entity. */
type Row<Entity> = QueryDeepPartialEntity<Entity>;

/** Inserts the rows that are not there yet, a chunk per statement; returns the `returning` column of those inserted. */
async function insertNew<Entity extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<Entity>,
  rows: Row<Entity>[],
  returning = 'id',
): Promise<string[]> {
  const inserted: string[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(target)
      .values(rows.slice(start, start + ROWS_PER_STATEMENT))
      .orIgnore()
      .returning(returning)
      .updateEntity(false)
      .execute();
    inserted.push(...(result.raw as Array<Record<string, string>>).map((row) => row[returning]));
  }
  return inserted;
}

type Due = { [Field in keyof DueWindow]: DueWindow[Field] | null };

function dueOf(action: DemoAction): Due {
  if (action.dueDate) return { dueFrom: action.dueDate, dueTo: action.dueDate, duePrecision: 'day', dueLabel: null };
  if (action.dueLabel === undefined || action.dueLabel === null) return { dueFrom: null, dueTo: null, duePrecision: null, dueLabel: null };
  const window = parseDueLabel(action.dueLabel);
  if (!window) throw new Error(`demo action ${action.key}: due label "${action.dueLabel}" is not understood`);
  return window;
}

/** When a done demo action was done: the day it says, else the end of its due window; noon in Brussels. */
function completedAtOf(action: DemoAction, due: Due): Date | null {
  if (action.status !== 'done') return null;
  const day = action.completedOn ?? due.dueTo;
  if (!day) throw new Error(`demo action ${action.key} is done: give it completedOn or a due date`);
  return atLocalTime(day, 12, 'Europe/Brussels');
}

/** Both sides of a meeting; a key listed on both sides counts once, on the delegation's. */
function meetingSides(delegation: string[], counterpart: string[]): Array<[key: string, side: MeetingSide]> {
  const sides = new Map<string, MeetingSide>();
  for (const key of counterpart) sides.set(key, 'counterpart');
  for (const key of delegation) sides.set(key, 'delegation');
  return [...sides];
}

/**
 * When the demo records would have been entered, so that a report of the mission as of a past
 * day sees them: the delegation a month before the mission, the follow-up on the second day
 * after it (09:00 UTC).
 */
function recordedAt(mission: { startDate: string; endDate: string } | undefined, what: 'delegation' | 'follow-up'): Date | undefined {
  if (!mission) return undefined;
  const day = new Date(`${what === 'delegation' ? mission.startDate : mission.endDate}T09:00:00Z`);
  day.setUTCDate(day.getUTCDate() + (what === 'delegation' ? -30 : 2));
  return day;
}

/**
 * When the satisfaction the companies gave was typed in: four days after the mission (noon in
 * Brussels), once the answers were in, as an officer's PATCH of each participant would be. Recorded
 * with the delegation, the scores would count in a report as of any day after it was registered.
 */
function scoresRecordedAt(mission: { endDate: string }): Date {
  const day = new Date(`${mission.endDate}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 4);
  return atLocalTime(day.toISOString().slice(0, 10), 12, 'Europe/Brussels');
}

async function seed(manager: EntityManager, data: DemoDataSet, clock: Clock): Promise<Record<string, number>> {
  // Two loads at once would each find the other's rows missing and trip over them.
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['mission-crm:demo-seed']);

  const ids = new DemoIds();
  await ids.adoptExisting(manager, 'user', User, 'lower(existing.email)', new Map(data.users.map((u) => [u.email.toLowerCase(), u.key])));
  await ids.adoptExisting(
    manager,
    'organisation',
    Organisation,
    'existing.enterpriseNumber',
    new Map(data.organisations.flatMap((o) => (o.enterpriseNumber ? [[o.enterpriseNumber, o.key]] : []))),
  );
  await ids.adoptExisting(manager, 'mission', Mission, 'lower(existing.code)', new Map(data.missions.map((m) => [m.code.toLowerCase(), m.key])));
  const id = ids.of.bind(ids);
  const summary: Record<string, number> = {};

  summary.users = (
    await insertNew(
      manager,
      User,
      data.users.map((u): Row<User> => ({
        id: id('user', u.key),
        email: u.email.toLowerCase(),
        name: u.name,
        role: u.role,
        language: u.language,
        timeZone: u.timeZone,
        reminderMode: u.reminderMode,
        passwordHash: null,
      })),
    )
  ).length;

  summary.organisations = (
    await insertNew(
      manager,
      Organisation,
      data.organisations.map((o): Row<Organisation> => ({
        id: id('organisation', o.key),
        name: o.name,
        kind: o.kind,
        country: o.country,
        city: o.city ?? null,
        website: o.website ?? null,
        sectors: o.sectors,
        enterpriseNumber: o.enterpriseNumber ?? null,
        synthetic: o.synthetic,
      })),
    )
  ).length;

  summary.contacts = (
    await insertNew(
      manager,
      Contact,
      data.contacts.map((c): Row<Contact> => ({
        id: id('contact', c.key),
        organisationId: id('organisation', c.organisationKey),
        name: c.name,
        role: c.role ?? null,
        email: c.email ?? null,
        phone: c.phone ?? null,
        synthetic: c.synthetic,
      })),
    )
  ).length;

  // One statement: the foreign key to the previous mission is checked at its end, so the order of the rows does not matter.
  const newMissions = new Set(
    await insertNew(
      manager,
      Mission,
      data.missions.map((m): Row<Mission> => ({
        id: id('mission', m.key),
        code: m.code,
        title: m.title,
        type: m.type,
        hostCountries: m.hostCountries,
        cities: m.cities,
        startDate: m.startDate,
        endDate: m.endDate,
        timeZone: m.timeZone,
        leaderContactId: ids.optional('contact', m.leaderContactKey),
        ownerId: ids.optional('user', m.ownerUserKey),
        organiser: m.organiser,
        theme: m.theme ?? null,
        focusSectors: m.focusSectors,
        status: m.status,
        previousMissionId: ids.optional('mission', m.previousMissionKey),
        description: m.description ?? null,
      })),
    ),
  );
  summary.missions = newMissions.size;

  const missionsByKey = new Map(data.missions.map((m) => [m.key, m]));
  const delegation = data.participants.filter((p) => newMissions.has(id('mission', p.missionKey)));
  const newParticipants = new Set(
    await insertNew(
      manager,
      Participant,
      delegation.map((p): Row<Participant> => ({
        id: id('participant', participantKey(p)),
        missionId: id('mission', p.missionKey),
        organisationId: id('organisation', p.organisationKey),
        sectors: p.sectors,
        objectives: p.objectives ?? null,
        satisfactionScore: p.satisfactionScore ?? null,
        satisfactionComment: p.satisfactionComment ?? null,
        synthetic: p.synthetic,
        createdAt: recordedAt(missionsByKey.get(p.missionKey), 'delegation'),
        updatedAt:
          p.satisfactionScore || p.satisfactionComment
            ? scoresRecordedAt(missionsByKey.get(p.missionKey)!)
            : recordedAt(missionsByKey.get(p.missionKey), 'delegation'),
      })),
    ),
  );
  summary.participants = newParticipants.size;
  // The satisfaction typed in after the mission, audited as the officer's change it would have been.
  const scored = delegation.filter((p) => newParticipants.has(id('participant', participantKey(p))) && (p.satisfactionScore || p.satisfactionComment));
  if (scored.length > 0) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(AuditEntry)
      .orIgnore()
      .values(
        scored.map((p): QueryDeepPartialEntity<AuditEntry> => {
          const mission = missionsByKey.get(p.missionKey)!;
          const changes: AuditChanges = {
            ...(p.satisfactionScore ? { satisfactionScore: { before: null, after: p.satisfactionScore } } : {}),
            ...(p.satisfactionComment ? { satisfactionComment: { before: null, after: p.satisfactionComment } } : {}),
          };
          return {
            occurredAt: scoresRecordedAt(mission),
            actorId: ids.optional('user', mission.ownerUserKey),
            action: 'update' as const,
            entity: 'participant',
            entityId: id('participant', participantKey(p)),
            // jsonb: a before of null is what the audit of a PATCH records for a field that was empty.
            changes: changes as QueryDeepPartialEntity<AuditEntry>['changes'],
          };
        }),
      )
      .execute();
  }
  summary.auditEntries = scored.length;
  summary.participantDelegates = (
    await insertNew(
      manager,
      'participant_delegates',
      delegation
        .map((p) => ({ participantId: id('participant', participantKey(p)), keys: p.delegateContactKeys }))
        .filter(({ participantId }) => newParticipants.has(participantId))
        .flatMap(({ participantId, keys }) => [...new Set(keys)].map((key) => ({ participant_id: participantId, contact_id: id('contact', key) }))),
      'participant_id',
    )
  ).length;

  const newMeetings = new Set(
    await insertNew(
      manager,
      Meeting,
      data.meetings.map((m): Row<Meeting> => ({
        id: id('meeting', m.key),
        missionId: id('mission', m.missionKey),
        kind: m.kind,
        title: m.title,
        startsAt: new Date(m.startsAt),
        endsAt: m.endsAt ? new Date(m.endsAt) : null,
        location: m.location ?? null,
        topics: m.topics,
        attendeeCount: m.attendeeCount ?? null,
        summary: m.summary ?? null,
        outcome: m.outcome ?? null,
        synthetic: m.synthetic,
      })),
    ),
  );
  summary.meetings = newMeetings.size;
  const meetingsAddedNow = data.meetings.filter((m) => newMeetings.has(id('meeting', m.key)));
  summary.meetingOrganisations = (
    await insertNew(
      manager,
      MeetingOrganisation,
      meetingsAddedNow.flatMap((m) =>
        meetingSides(m.organisationKeys, m.counterpartOrganisationKeys).map(([key, side]): Row<MeetingOrganisation> => ({
          meetingId: id('meeting', m.key),
          organisationId: id('organisation', key),
          side,
        })),
      ),
      'meeting_id',
    )
  ).length;
  summary.meetingContacts = (
    await insertNew(
      manager,
      MeetingContact,
      meetingsAddedNow.flatMap((m) =>
        meetingSides(m.contactKeys, m.counterpartContactKeys).map(([key, side]): Row<MeetingContact> => ({
          meetingId: id('meeting', m.key),
          contactId: id('contact', key),
          side,
        })),
      ),
      'meeting_id',
    )
  ).length;

  const newAgreements = new Set(
    await insertNew(
      manager,
      Agreement,
      data.agreements.map((a): Row<Agreement> => ({
        id: id('agreement', a.key),
        type: a.type,
        title: a.title,
        missionId: ids.optional('mission', a.missionKey),
        meetingId: ids.optional('meeting', a.meetingKey),
        signedOn: a.signedOn ?? null,
        themes: a.themes,
        status: a.status,
        validFrom: a.validFrom ?? null,
        validUntil: a.validUntil ?? null,
      })),
    ),
  );
  summary.agreements = newAgreements.size;
  summary.agreementParties = (
    await insertNew(
      manager,
      'agreement_parties',
      data.agreements
        .filter((a) => newAgreements.has(id('agreement', a.key)))
        .flatMap((a) => [...new Set(a.partyKeys)].map((key) => ({ agreement_id: id('agreement', a.key), organisation_id: id('organisation', key) }))),
      'agreement_id',
    )
  ).length;

  const newActions = new Set(
    await insertNew(
      manager,
      Action,
      data.actions.map((a): Row<Action> => ({
        id: id('action', a.key),
        title: a.title,
        kind: a.kind,
        description: a.description ?? null,
        missionId: id('mission', a.missionKey),
        agreementId: ids.optional('agreement', a.agreementKey),
        meetingId: ids.optional('meeting', a.meetingKey),
        ownerId: ids.optional('user', a.ownerUserKey),
        status: a.status,
        ...dueOf(a),
        createdAt: recordedAt(missionsByKey.get(a.missionKey), 'follow-up'),
        updatedAt: recordedAt(missionsByKey.get(a.missionKey), 'follow-up'),
        completedAt: completedAtOf(a, dueOf(a)),
      })),
    ),
  );
  summary.actions = newActions.size;
  const actionsAddedNow = data.actions.filter((a) => newActions.has(id('action', a.key)));
  summary.actionOrganisations = (
    await insertNew(
      manager,
      'action_organisations',
      actionsAddedNow.flatMap((a) =>
        [...new Set(a.organisationKeys)].map((key) => ({ action_id: id('action', a.key), organisation_id: id('organisation', key) })),
      ),
      'action_id',
    )
  ).length;
  summary.actionWatchers = (
    await insertNew(
      manager,
      'action_watchers',
      actionsAddedNow.flatMap((a) => [...new Set(a.watcherUserKeys)].map((key) => ({ action_id: id('action', a.key), user_id: id('user', key) }))),
      'action_id',
    )
  ).length;

  // The reminders of the actions added now, planned as a change of the action would plan them (an
  // overdue action's missed ones from now on); no assignment notices: nobody assigned anything.
  const planner = new ReminderPlanner(new ReminderPlanningRepository(manager.connection), clock);
  let reminders = 0;
  for (const a of actionsAddedNow) {
    const due = dueOf(a);
    // Done, cancelled, postponed or without a date: nothing to plan.
    if ((a.status !== 'open' && a.status !== 'in_progress') || due.dueTo === null) continue;
    // Built from what was just inserted, not read back: the seed runs at every embedded start.
    const action = Object.assign(new Action(), {
      id: id('action', a.key),
      version: 1,
      missionId: id('mission', a.missionKey),
      ownerId: ids.optional('user', a.ownerUserKey),
      watcherIds: [...new Set(a.watcherUserKeys)].map((key) => id('user', key)),
      status: a.status,
      ...due,
      reminderPolicy: null,
      archivedAt: null,
    });
    reminders += (await planner.replan(manager, action, { previousOwnerId: action.ownerId })).length;
  }
  summary.reminders = reminders;

  return summary;
}

/** Loads the reference mission (Vietnam 2023) and returns how many rows were added per table: all 0 when it was there already. */
export async function seedDemoData({ url, clock = new Clock() }: { url: string; clock?: Clock }): Promise<Record<string, number>> {
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 1 }));
  await dataSource.initialize();
  try {
    return await dataSource.transaction((manager) => seed(manager, REFERENCE_MISSION, clock));
  } finally {
    await dataSource.destroy();
  }
}
