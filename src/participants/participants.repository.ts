import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Transaction } from '../database/transaction.js';
import { violatesUnique } from '../database/unique-violation.js';
import type { SortKey } from '../common/paging.js';
import { Participant } from './participant.entity.js';
import type { ParticipantSortField } from './participants.dto.js';
import { loadIdLists } from '../database/id-lists.js';
import { type FoundPage, fetchPage, orderPage } from '../database/page-query.js';
import { lockForChange } from '../database/versioned.js';
import { deleteRow } from '../database/archiving.js';

export interface ParticipantFilter {
  missionId: string;
  organisationId?: string;
  sector?: string;
  answered?: boolean;
  synthetic?: boolean;
  limit: number;
  offset: number;
  sort: SortKey<ParticipantSortField>[];
}

@Injectable()
export class ParticipantsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The participant with its delegate ids, only if it is on this mission's delegation. */
  async findOnMission(missionId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<Participant | null> {
    const participant = await manager.findOneBy(Participant, { id, missionId });
    return participant && (await this.withIdLists([participant], manager))[0];
  }

  /** Fills the delegate ids of these participants in one `= ANY` query. */
  withIdLists(participants: Participant[], manager: EntityManager = this.dataSource.manager): Promise<Participant[]> {
    return loadIdLists(manager, Participant, participants);
  }

  /** Whether another participant of the mission is this organisation. */
  async organisationOnMission(
    missionId: string,
    organisationId: string,
    exceptId?: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const query = manager
      .createQueryBuilder(Participant, 'p')
      .where('p.missionId = :missionId AND p.organisationId = :organisationId', { missionId, organisationId });
    if (exceptId) query.andWhere('p.id <> :exceptId', { exceptId });
    return (await query.getCount()) > 0;
  }

  /**
   * Every filter narrows one mission's delegation, found through uq_participants_mission_organisation;
   * the delegate ids of the whole page come in one more query.
   */
  async search(filter: ParticipantFilter): Promise<FoundPage<Participant>> {
    const page = await fetchPage(this.listQuery(filter), filter.limit, filter.offset);
    return { ...page, items: await this.withIdLists(page.items) };
  }

  /** Everything the filter matches, in list order, unpaged: the list and its export. */
  listQuery(filter: Omit<ParticipantFilter, 'limit' | 'offset'>): SelectQueryBuilder<Participant> {
    const query = this.dataSource.manager.createQueryBuilder(Participant, 'p').where('p.missionId = :missionId', { missionId: filter.missionId });
    if (filter.organisationId) query.andWhere('p.organisationId = :organisationId', { organisationId: filter.organisationId });
    if (filter.sector) query.andWhere(':sector = ANY(p.sectors)', { sector: filter.sector });
    if (filter.answered !== undefined) query.andWhere(`p.satisfactionScore IS ${filter.answered ? 'NOT NULL' : 'NULL'}`);
    if (filter.synthetic !== undefined) query.andWhere('p.synthetic = :synthetic', { synthetic: filter.synthetic });
    orderPage(query, 'p', filter.sort, ['satisfactionScore']);
    return query;
  }

  /** Sets the satisfaction a survey answer gives, through the entity so that the audit trail keeps when it changed. */
  async recordSatisfaction(manager: EntityManager, id: string, score: number, comment: string | null): Promise<void> {
    const participant = await this.lockForChange(manager, id);
    participant.satisfactionScore = score;
    participant.satisfactionComment = comment;
    await manager.save(Participant, participant);
  }

  save(participant: Participant, manager: EntityManager = this.dataSource.manager): Promise<Participant> {
    return manager.save(Participant, participant);
  }

  create(values: Partial<Participant>): Participant {
    return this.dataSource.manager.create(Participant, values);
  }

  /** Deletes it for good; the audit entry keeps what it held. */
  async delete(participant: Participant, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await deleteRow(manager, Participant, participant);
  }

  /**
   * The participant, locked in this transaction for a change, with its id lists; a 404 when there is none, a 409
   * when it is archived or `expectedVersion` is not its version (see lockForChange).
   */
  lockForChange(tx: Transaction, id: string, expectedVersion?: number): Promise<Participant> {
    return lockForChange(tx, Participant, 'participant', id, expectedVersion);
  }

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}

/** A write that lost a race to put the same organisation on a mission's delegation (uq_participants_mission_organisation). */
export const isDuplicateOrganisation = (error: unknown): boolean => violatesUnique(error, 'uq_participants_mission_organisation');
