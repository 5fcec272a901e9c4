import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { ActionCreateDto } from '../actions/actions.dto.js';
import { AgreementCreateDto } from '../agreements/agreements.dto.js';
import { createValidationPipe } from '../common/validation.js';
import { ContactCreateDto } from '../contacts/contacts.dto.js';
import { MeetingCreateDto } from '../meetings/meetings.dto.js';
import { MissionCreateDto } from '../missions/missions.dto.js';
import { OrganisationCreateDto } from '../organisations/organisations.dto.js';
import { ParticipantCreateDto } from '../participants/participants.dto.js';
import { UserCreateDto } from '../users/users.dto.js';
import { REFERENCE_MISSION } from './reference-mission.js';
import { demoId } from './seed.js';

// The seeder writes the demo straight into the tables, past the API. The compiler checks its
// fields against the create requests; this checks its values against their rules (lengths,
// formats, ranges, enums), so no demo record is one the API would refuse when an officer edits it.

const pipe = createValidationPipe();
const data = REFERENCE_MISSION;
const optional = (kind: Parameters<typeof demoId>[0], key: string | undefined): string | undefined => (key === undefined ? undefined : demoId(kind, key));

/** The validation errors of one request body, as the API would answer them; none when it passes. */
async function refusals(dto: new () => object, body: object): Promise<unknown> {
  try {
    await pipe.transform(body, { type: 'body', metatype: dto });
    return null;
  } catch (error) {
    return (error as { details?: unknown }).details ?? String(error);
  }
}

/** Each record as the create request that would make it, with its keys turned into ids. */
const requests: Array<[what: string, dto: new () => object, body: object]> = [
  ...data.users.map(({ key, ...user }): [string, new () => object, object] => [key, UserCreateDto, user]),
  ...data.organisations.map(({ key, ...organisation }): [string, new () => object, object] => [key, OrganisationCreateDto, organisation]),
  ...data.contacts.map(({ key, organisationKey, ...contact }): [string, new () => object, object] => [
    key,
    ContactCreateDto,
    { ...contact, organisationId: demoId('organisation', organisationKey) },
  ]),
  ...data.missions.map(({ key, leaderContactKey, ownerUserKey, previousMissionKey, ...mission }): [string, new () => object, object] => [
    key,
    MissionCreateDto,
    {
      ...mission,
      leaderContactId: optional('contact', leaderContactKey),
      ownerId: optional('user', ownerUserKey),
      previousMissionId: optional('mission', previousMissionKey),
    },
  ]),
  ...data.participants.map(({ missionKey, organisationKey, delegateContactKeys, ...participant }): [string, new () => object, object] => [
    `${missionKey}/${organisationKey}`,
    ParticipantCreateDto,
    { ...participant, organisationId: demoId('organisation', organisationKey), delegateContactIds: delegateContactKeys.map((key) => demoId('contact', key)) },
  ]),
  ...data.meetings.map(
    ({
      key,
      missionKey,
      organisationKeys,
      counterpartOrganisationKeys,
      contactKeys,
      counterpartContactKeys,
      ...meeting
    }): [string, new () => object, object] => [
      key,
      MeetingCreateDto,
      {
        ...meeting,
        missionId: demoId('mission', missionKey),
        organisationIds: organisationKeys.map((k) => demoId('organisation', k)),
        counterpartOrganisationIds: counterpartOrganisationKeys.map((k) => demoId('organisation', k)),
        contactIds: contactKeys.map((k) => demoId('contact', k)),
        counterpartContactIds: counterpartContactKeys.map((k) => demoId('contact', k)),
      },
    ],
  ),
  ...data.agreements.map(({ key, partyKeys, missionKey, meetingKey, ...agreement }): [string, new () => object, object] => [
    key,
    AgreementCreateDto,
    {
      ...agreement,
      partyIds: partyKeys.map((k) => demoId('organisation', k)),
      missionId: optional('mission', missionKey),
      meetingId: optional('meeting', meetingKey),
    },
  ]),
  // completedOn is the demo's own: the API sets an action's completion when it is done.
  ...data.actions.map(
    ({
      key,
      missionKey,
      agreementKey,
      meetingKey,
      organisationKeys,
      ownerUserKey,
      watcherUserKeys,
      completedOn: _,
      ...action
    }): [string, new () => object, object] => [
      key,
      ActionCreateDto,
      {
        ...action,
        missionId: demoId('mission', missionKey),
        agreementId: optional('agreement', agreementKey),
        meetingId: optional('meeting', meetingKey),
        organisationIds: organisationKeys.map((k) => demoId('organisation', k)),
        ownerId: optional('user', ownerUserKey),
        watcherIds: watcherUserKeys.map((k) => demoId('user', k)),
      },
    ],
  ),
];

describe('the demo data as requests', () => {
  it('holds a request for every record', () => {
    const records = Object.values(data).reduce((count: number, list: unknown[]) => count + list.length, 0);
    expect(requests).toHaveLength(records);
  });

  it('is accepted, record by record, by the validation of the create request', async () => {
    const refused: Record<string, unknown> = {};
    for (const [what, dto, body] of requests) {
      const errors = await refusals(dto, body);
      if (errors !== null) refused[what] = errors;
    }
    expect(refused).toEqual({});
  });

  it('would be refused where a value breaks a rule: the check can fail', async () => {
    const [, dto, body] = requests.find(([, type]) => type === OrganisationCreateDto)!;
    expect(await refusals(dto, { ...body, country: 'Belgium' })).not.toBeNull();
  });
});
