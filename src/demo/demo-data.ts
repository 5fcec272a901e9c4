import type { ActionCreateDto } from '../actions/actions.dto.js';
import type { AgreementCreateDto } from '../agreements/agreements.dto.js';
import type { ContactCreateDto } from '../contacts/contacts.dto.js';
import type { MeetingCreateDto } from '../meetings/meetings.dto.js';
import type { MissionCreateDto } from '../missions/missions.dto.js';
import type { OrganisationCreateDto } from '../organisations/organisations.dto.js';
import type { ParticipantCreateDto } from '../participants/participants.dto.js';
import type { UserCreateDto } from '../users/users.dto.js';

// The demo's records are the create requests of the API, checked by the compiler against their
// DTOs: a field renamed or a value dropped from an enum there fails the build here. Records name
// each other by a local `key`, which the seeder resolves to ids; instants are ISO strings, as sent.

/** The JSON of a request: instants as the ISO strings it sends. */
type AsSent<T> = { [K in keyof T]: Date extends NonNullable<T[K]> ? Exclude<T[K], Date> | string : T[K] };

/** A create request whose id fields `Ids` are replaced by `Keys`, with the fields in `Given` always set. */
type DemoRecord<Dto, Ids extends keyof Dto, Keys, Given extends Exclude<keyof Dto, Ids> = never> = Omit<AsSent<Dto>, Ids | Given> &
  Required<Pick<AsSent<Dto>, Given>> &
  Keys;

export type DemoUser = { key: string } & Required<Omit<UserCreateDto, 'password'>>;

export type DemoOrganisation = DemoRecord<OrganisationCreateDto, never, { key: string }, 'sectors' | 'synthetic'>;

export type DemoContact = DemoRecord<ContactCreateDto, 'organisationId', { key: string; organisationKey: string }, 'synthetic'>;

export type DemoMission = DemoRecord<
  MissionCreateDto,
  'leaderContactId' | 'ownerId' | 'previousMissionId',
  { key: string; leaderContactKey?: string; ownerUserKey?: string; previousMissionKey?: string },
  'cities' | 'focusSectors' | 'status' | 'organiser'
>;

export type DemoParticipant = DemoRecord<
  ParticipantCreateDto,
  'organisationId' | 'delegateContactIds',
  { missionKey: string; organisationKey: string; delegateContactKeys: string[] },
  'sectors' | 'synthetic'
>;

export type DemoMeeting = DemoRecord<
  MeetingCreateDto,
  'missionId' | 'organisationIds' | 'counterpartOrganisationIds' | 'contactIds' | 'counterpartContactIds',
  {
    key: string;
    missionKey: string;
    /** The delegation side. */
    organisationKeys: string[];
    counterpartOrganisationKeys: string[];
    contactKeys: string[];
    counterpartContactKeys: string[];
  },
  'topics' | 'synthetic'
>;

export type DemoAgreement = DemoRecord<
  AgreementCreateDto,
  'partyIds' | 'missionId' | 'meetingId',
  { key: string; /** Two or more organisations. */ partyKeys: string[]; missionKey?: string; meetingKey?: string },
  'themes' | 'status'
>;

export type DemoAction = DemoRecord<
  ActionCreateDto,
  'missionId' | 'agreementId' | 'meetingId' | 'organisationIds' | 'ownerId' | 'watcherIds',
  {
    key: string;
    missionKey: string;
    agreementKey?: string;
    meetingKey?: string;
    organisationKeys: string[];
    ownerUserKey?: string;
    watcherUserKeys: string[];
    /** When a done action was done (YYYY-MM-DD); the end of its due window when not given. The API sets it at the change. */
    completedOn?: string;
  },
  'kind' | 'status'
>;

export interface DemoDataSet {
  users: DemoUser[];
  organisations: DemoOrganisation[];
  contacts: DemoContact[];
  missions: DemoMission[];
  participants: DemoParticipant[];
  meetings: DemoMeeting[];
  agreements: DemoAgreement[];
  actions: DemoAction[];
}
