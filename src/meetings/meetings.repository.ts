import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Transaction } from '../database/transaction.js';
import { assertReferencesExist, type IdsGiven } from '../database/references.js';
import { lockForChange, lockForRestore } from '../database/versioned.js';
import type { SortKey } from '../common/paging.js';
import { MeetingContact, MeetingOrganisation, type MeetingSide } from './meeting-party.entity.js';
import { Meeting } from './meeting.entity.js';
import type { MeetingLinks, MeetingSortField } from './meetings.dto.js';
import { type FoundPage, fetchPage, orderPage } from '../database/page-query.js';
import { textSearch } from '../database/text-search.js';
import { archiveRow, restoreRow } from '../database/archiving.js';

export interface MeetingFilter {
  includeArchived?: boolean;
  missionId?: string;
  kind?: string;
  organisationId?: string;
  contactId?: string;
  startsAfter?: Date;
  startsBefore?: Date;
  synthetic?: boolean;
  q?: string;
  limit: number;
  offset: number;
  sort: SortKey<MeetingSortField>[];
}

/** Who sits on which side: ids per side, for one meeting. */
export interface MeetingSides {
  delegation: readonly string[];
  counterpart: readonly string[];
}

@Injectable()
export class MeetingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether actions or agreements follow up on this meeting. */
  async isFollowedUp(meetingId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'SELECT 1 FROM actions WHERE meeting_id = $1 UNION ALL SELECT 1 FROM agreements WHERE meeting_id = $1 LIMIT 1',
      [meetingId],
    );
    return rows.length > 0;
  }

  /** The mission a meeting belongs to, or null when there is no such meeting (not archived, unless `withArchived`). */
  async findMissionId(meetingId: string, manager: EntityManager = this.dataSource.manager, withArchived = false): Promise<string | null> {
    const meeting = await manager.findOne(Meeting, { select: { id: true, missionId: true }, where: { id: meetingId }, withDeleted: withArchived });
    return meeting?.missionId ?? null;
  }

  /** Not archived, unless `withArchived`: an archived record is still read by id, so that references never dangle. */
  findById(id: string, manager: EntityManager = this.dataSource.manager, withArchived = false): Promise<Meeting | null> {
    return manager.findOne(Meeting, { where: { id }, withDeleted: withArchived });
  }

  /**
   * The page is a plain scan of meetings; the parties are filtered with EXISTS on the
   * join tables' own indexes, never joined in, so paging stays cheap on a large table.
   */
  search(filter: MeetingFilter): Promise<FoundPage<Meeting>> {
    return fetchPage(this.listQuery(filter), filter.limit, filter.offset);
  }

  /** Everything the filter matches, in list order, unpaged: the list and its export. */
  listQuery(filter: Omit<MeetingFilter, 'limit' | 'offset'>): SelectQueryBuilder<Meeting> {
    const query = this.dataSource.manager.createQueryBuilder(Meeting, 'm');
    if (filter.includeArchived) query.withDeleted();
    if (filter.missionId) query.andWhere('m.mission_id = :missionId', { missionId: filter.missionId });
    if (filter.kind) query.andWhere('m.kind = :kind', { kind: filter.kind });
    if (filter.organisationId) {
      query.andWhere('EXISTS (SELECT 1 FROM meeting_organisations mo WHERE mo.meeting_id = m.id AND mo.organisation_id = :organisationId)', {
        organisationId: filter.organisationId,
      });
    }
    if (filter.contactId) {
      query.andWhere('EXISTS (SELECT 1 FROM meeting_contacts mc WHERE mc.meeting_id = m.id AND mc.contact_id = :contactId)', { contactId: filter.contactId });
    }
    if (filter.startsAfter) query.andWhere('m.starts_at >= :startsAfter', { startsAfter: filter.startsAfter });
    if (filter.startsBefore) query.andWhere('m.starts_at < :startsBefore', { startsBefore: filter.startsBefore });
    if (filter.synthetic !== undefined) query.andWhere('m.synthetic = :synthetic', { synthetic: filter.synthetic });
    if (filter.q) query.andWhere(...textSearch('ARRAY[m.title]', filter.q));
    orderPage(query, 'm', filter.sort);
    return query;
  }

  /** The organisation and contact rows of these meetings: one query per join table, whatever the number of meetings. */
  async findLinks(meetingIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, MeetingLinks>> {
    const byMeeting = new Map<string, MeetingLinks>(meetingIds.map((id) => [id, { organisations: [], contacts: [] }]));
    if (meetingIds.length === 0) return byMeeting;
    const ids = [...meetingIds];
    const [organisations, contacts] = await Promise.all([
      manager.find(MeetingOrganisation, { where: { meetingId: In(ids) } }),
      manager.find(MeetingContact, { where: { meetingId: In(ids) } }),
    ]);
    for (const link of organisations) byMeeting.get(link.meetingId)?.organisations.push(link);
    for (const link of contacts) byMeeting.get(link.meetingId)?.contacts.push(link);
    return byMeeting;
  }

  async replaceOrganisations(meetingId: string, sides: MeetingSides, manager: EntityManager): Promise<void> {
    await manager.delete(MeetingOrganisation, { meetingId });
    const rows = toRows(sides, (id, side) => ({ meetingId, organisationId: id, side }));
    if (rows.length > 0) await manager.insert(MeetingOrganisation, rows);
  }

  async replaceContacts(meetingId: string, sides: MeetingSides, manager: EntityManager): Promise<void> {
    await manager.delete(MeetingContact, { meetingId });
    const rows = toRows(sides, (id, side) => ({ meetingId, contactId: id, side }));
    if (rows.length > 0) await manager.insert(MeetingContact, rows);
  }

  /** Bumps version and updatedAt when only the parties changed, so the change is seen by version checks. */
  async touch(id: string, manager: EntityManager): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Meeting)
      .set({ updatedAt: () => 'now()' })
      .where('id = :id', { id })
      .execute();
  }

  save(meeting: Meeting, manager: EntityManager = this.dataSource.manager): Promise<Meeting> {
    return manager.save(Meeting, meeting);
  }

  create(values: Partial<Meeting>): Meeting {
    return this.dataSource.manager.create(Meeting, values);
  }

  async archive(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await archiveRow(manager, Meeting, id);
  }

  async restore(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await restoreRow(manager, Meeting, id);
  }

  /**
   * Checks in one query that every id given names a meeting that is not archived: a 400 naming
   * `field` when one does not, instead of a foreign-key failure (assertReferencesExist).
   */
  assertExist(tx: Transaction, ids: IdsGiven, field: string): Promise<void> {
    return assertReferencesExist(tx, Meeting, 'meeting', field, ids);
  }

  /**
   * The meeting, locked in this transaction for a change, with its id lists; a 404 when there is none, a 409
   * when it is archived or `expectedVersion` is not its version (see lockForChange).
   */
  lockForChange(tx: Transaction, id: string, expectedVersion?: number): Promise<Meeting> {
    return lockForChange(tx, Meeting, 'meeting', id, expectedVersion);
  }

  /** The meeting, archived or not, locked in this transaction for a restore. */
  lockForRestore(tx: Transaction, id: string): Promise<Meeting> {
    return lockForRestore(tx, Meeting, 'meeting', id);
  }

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}

function toRows<T>(sides: MeetingSides, row: (id: string, side: MeetingSide) => T): T[] {
  return [...sides.delegation.map((id) => row(id, 'delegation')), ...sides.counterpart.map((id) => row(id, 'counterpart'))];
}
