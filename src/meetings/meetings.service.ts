import { Injectable, type StreamableFile } from '@nestjs/common';
import type { Transaction } from '../database/transaction.js';
import { DomainError, type FieldError, NotFoundError, ValidationFailedError } from '../common/errors.js';
import { type Page, parseSort } from '../common/paging.js';
import { ContactsRepository } from '../contacts/contacts.repository.js';
import { MissionsRepository } from '../missions/missions.repository.js';
import { OrganisationsRepository } from '../organisations/organisations.repository.js';
import {
  mapMeeting,
  MEETING_SORT_FIELDS,
  type MeetingCreateDto,
  type MeetingLinks,
  MeetingResponseDto,
  type MeetingSearchDto,
  type MeetingUpdateDto,
} from './meetings.dto.js';
import { type MeetingSides, MeetingsRepository } from './meetings.repository.js';
import type { ExportFormat } from '../exports/accept.js';
import { ListExporter } from '../exports/list-exporter.service.js';

@Injectable()
export class MeetingsService {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly missions: MissionsRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly contacts: ContactsRepository,
    private readonly exporter: ListExporter,
  ) {}

  async create(input: MeetingCreateDto): Promise<MeetingResponseDto> {
    const { organisationIds, counterpartOrganisationIds, contactIds, counterpartContactIds, ...fields } = input;
    const organisations = sides(organisationIds ?? [], counterpartOrganisationIds ?? []);
    const contacts = sides(contactIds ?? [], counterpartContactIds ?? []);
    assertTimesInOrder(fields.startsAt, fields.endsAt);
    assertOneSideEach(organisations, contacts);
    return this.meetings.transaction(async (tx) => {
      await this.assertReferences(tx, input);
      const meeting = await this.meetings.save(this.meetings.create({ ...fields, topics: fields.topics ?? [] }), tx);
      await this.meetings.replaceOrganisations(meeting.id, organisations, tx);
      await this.meetings.replaceContacts(meeting.id, contacts, tx);
      return this.load(meeting.id, tx);
    });
  }

  async get(id: string): Promise<MeetingResponseDto> {
    const meeting = await this.meetings.findById(id, undefined, true);
    if (!meeting) throw new NotFoundError('meeting', id);
    const links = await this.meetings.findLinks([id]);
    return mapMeeting(meeting, links.get(id)!);
  }

  async search(query: MeetingSearchDto): Promise<Page<MeetingResponseDto>> {
    const sort = this.sortOf(query);
    const { items: rows, total, totalIsEstimate } = await this.meetings.search({ ...query, sort });
    const links = await this.meetings.findLinks(rows.map((row) => row.id));
    return { items: rows.map((row) => mapMeeting(row, links.get(row.id)!)), total, totalIsEstimate, limit: query.limit, offset: query.offset };
  }

  /** Every meeting the filters match, as CSV or .xlsx. */
  exportList(query: MeetingSearchDto, format: ExportFormat): StreamableFile {
    return this.exporter.file(format, {
      name: 'meetings',
      dto: MeetingResponseDto,
      query: this.meetings.listQuery({ ...query, sort: this.sortOf(query) }),
      toRows: async (rows) => {
        const links = await this.meetings.findLinks(rows.map((row) => row.id));
        return rows.map((row) => mapMeeting(row, links.get(row.id)!));
      },
    });
  }

  private sortOf(query: MeetingSearchDto) {
    return parseSort(query.sort, MEETING_SORT_FIELDS, [{ field: 'startsAt', direction: 'ASC' }]);
  }

  async update(id: string, { version, ...changes }: MeetingUpdateDto): Promise<MeetingResponseDto> {
    const { organisationIds, counterpartOrganisationIds, contactIds, counterpartContactIds, ...fields } = changes;
    return this.meetings.transaction(async (tx) => {
      const meeting = await this.meetings.lockForChange(tx, id, version);
      const current = (await this.meetings.findLinks([id], tx)).get(id)!;
      const organisations =
        organisationIds || counterpartOrganisationIds ? mergeSides(current.organisations, organisationIds, counterpartOrganisationIds) : undefined;
      const contacts = contactIds || counterpartContactIds ? mergeSides(current.contacts, contactIds, counterpartContactIds) : undefined;
      assertTimesInOrder(fields.startsAt ?? meeting.startsAt, fields.endsAt === undefined ? meeting.endsAt : fields.endsAt);
      assertOneSideEach(organisations, contacts);
      // What was archived after the meeting may be sent back unchanged; only new references must exist.
      const linkedOrganisations = current.organisations.map((link) => link.organisationId);
      const linkedContacts = current.contacts.map((link) => link.contactId);
      await this.assertReferences(tx, {
        missionId: fields.missionId === meeting.missionId ? undefined : fields.missionId,
        organisationIds: notIn(organisationIds, linkedOrganisations),
        counterpartOrganisationIds: notIn(counterpartOrganisationIds, linkedOrganisations),
        contactIds: notIn(contactIds, linkedContacts),
        counterpartContactIds: notIn(counterpartContactIds, linkedContacts),
      });
      if (fields.missionId && fields.missionId !== meeting.missionId && (await this.meetings.isFollowedUp(id, tx))) {
        // Actions and agreements must belong to the mission of their meeting: moving it would break that.
        throw new DomainError(
          'still_referenced',
          `meeting ${id} has follow-up actions or agreements of mission ${meeting.missionId}; it cannot move to another mission`,
          [{ field: 'missionId', message: 'the meeting has actions or agreements of its current mission' }],
        );
      }

      const versionBefore = meeting.version;
      const saved = await this.meetings.save(Object.assign(meeting, fields), tx);
      if (organisations) await this.meetings.replaceOrganisations(id, organisations, tx);
      if (contacts) await this.meetings.replaceContacts(id, contacts, tx);
      const partiesChanged = (organisations && !sameSides(organisations, current.organisations)) || (contacts && !sameSides(contacts, current.contacts));
      if (partiesChanged && saved.version === versionBefore) await this.meetings.touch(id, tx);
      return this.load(id, tx);
    });
  }

  async archive(id: string): Promise<void> {
    await this.meetings.transaction(async (tx) => {
      await this.meetings.lockForChange(tx, id);
      await this.meetings.archive(id, tx);
    });
  }

  async restore(id: string): Promise<MeetingResponseDto> {
    return this.meetings.transaction(async (tx) => {
      const meeting = await this.meetings.lockForRestore(tx, id);
      if (meeting.archivedAt !== null) {
        await this.meetings.restore(id, tx);
      }
      return this.load(id, tx);
    });
  }

  private async load(id: string, tx: Transaction): Promise<MeetingResponseDto> {
    const meeting = await this.meetings.findById(id, tx);
    if (!meeting) throw new NotFoundError('meeting', id);
    return mapMeeting(meeting, (await this.meetings.findLinks([id], tx)).get(id)!);
  }

  private async assertReferences(tx: Transaction, input: Partial<MeetingCreateDto>): Promise<void> {
    await this.missions.assertExist(tx, input.missionId, 'missionId');
    await this.organisations.assertExist(tx, input.organisationIds, 'organisationIds');
    await this.organisations.assertExist(tx, input.counterpartOrganisationIds, 'counterpartOrganisationIds');
    await this.contacts.assertExist(tx, input.contactIds, 'contactIds');
    await this.contacts.assertExist(tx, input.counterpartContactIds, 'counterpartContactIds');
  }
}

const unique = (ids: readonly string[]): string[] => [...new Set(ids)];

const notIn = (ids: string[] | undefined, linked: readonly string[]): string[] | undefined => ids?.filter((id) => !linked.includes(id));

const sides = (delegation: readonly string[], counterpart: readonly string[]): MeetingSides => ({
  delegation: unique(delegation),
  counterpart: unique(counterpart),
});

/** A list given in a PATCH replaces its side; the other side stays as stored. */
function mergeSides(current: MeetingLinks['organisations'] | MeetingLinks['contacts'], delegation?: string[], counterpart?: string[]): MeetingSides {
  const stored = (side: string): string[] =>
    current.filter((link) => link.side === side).map((link) => ('organisationId' in link ? link.organisationId : link.contactId));
  return sides(delegation ?? stored('delegation'), counterpart ?? stored('counterpart'));
}

function sameSides(next: MeetingSides, current: MeetingLinks['organisations'] | MeetingLinks['contacts']): boolean {
  const stored = mergeSides(current);
  const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((id) => b.includes(id));
  return same(next.delegation, stored.delegation) && same(next.counterpart, stored.counterpart);
}

function assertTimesInOrder(startsAt: Date | undefined, endsAt: Date | null | undefined): void {
  if (startsAt && endsAt && endsAt.getTime() < startsAt.getTime()) {
    throw new ValidationFailedError([{ field: 'endsAt', message: 'endsAt must not be before startsAt' }]);
  }
}

/** An organisation or a person sits on one side of the table, not both. */
function assertOneSideEach(organisations: MeetingSides | undefined, contacts: MeetingSides | undefined): void {
  const details: FieldError[] = [];
  for (const [resource, field, own, list] of [
    ['organisation', 'counterpartOrganisationIds', 'organisationIds', organisations],
    ['contact', 'counterpartContactIds', 'contactIds', contacts],
  ] as const) {
    const both = list?.counterpart.filter((id) => list.delegation.includes(id)) ?? [];
    if (both.length > 0) details.push({ field, message: `${resource} ${both.join(', ')} is also in ${own}: each ${resource} is on one side only` });
  }
  if (details.length > 0) throw new ValidationFailedError(details);
}
