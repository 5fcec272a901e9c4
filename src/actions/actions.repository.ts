import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Transaction } from '../database/transaction.js';
import { lockForChange, lockForRestore } from '../database/versioned.js';
import type { SortKey } from '../common/paging.js';
import { ACTIVE_ACTION_STATUSES, Action } from './action.entity.js';
import type { ActionSortField } from './actions.dto.js';
import type { MessageAction } from '../reminders/delivery/messages.js';
import { loadIdLists } from '../database/id-lists.js';
import { type FoundPage, fetchPage, orderPage } from '../database/page-query.js';
import { textSearch } from '../database/text-search.js';
import { archiveRow, restoreRow } from '../database/archiving.js';

/** What a reminder says about an action: one query, no entity (a worker sends thousands at once). */
export interface ActionForMessage extends MessageAction {
  archivedAt: Date | null;
}

const ACTION_FOR_MESSAGE = `SELECT a.id, a.title, a.status, a.due_from::text AS "dueFrom", a.due_to::text AS "dueTo", a.due_precision AS "duePrecision",
    a.due_label AS "dueLabel", a.archived_at AS "archivedAt", m.code AS "missionCode", m.title AS "missionTitle", o.name AS "ownerName"
  FROM actions a JOIN missions m ON m.id = a.mission_id LEFT JOIN users o ON o.id = a.owner_id`;

export interface ActionFilter {
  includeArchived?: boolean;
  missionId?: string;
  ownerId?: string;
  status?: string[];
  kind?: string;
  agreementId?: string;
  meetingId?: string;
  organisationId?: string;
  watcherId?: string;
  dueBefore?: string;
  dueAfter?: string;
  /** With `today`: only overdue actions (true) or only the others (false). */
  overdue?: boolean;
  today: string;
  q?: string;
  limit: number;
  offset: number;
  sort: SortKey<ActionSortField>[];
}

@Injectable()
export class ActionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One action with its organisation and watcher ids (one query for each list). Not archived,
   * unless `withArchived`: an archived record is still read by id, so that references never dangle.
   */
  async findById(id: string, manager: EntityManager = this.dataSource.manager, withArchived = false): Promise<Action | null> {
    const action = await manager.findOne(Action, { where: { id }, withDeleted: withArchived });
    return action && (await this.withIdLists([action], manager))[0];
  }

  /** Whether an action that is not archived has this id. */
  async exists(id: string): Promise<boolean> {
    return (await this.dataSource.manager.count(Action, { where: { id } })) > 0;
  }

  /** The action a reminder is about, with what a message needs; archived ones too, so that they can be skipped. */
  async findForMessage(id: string): Promise<ActionForMessage | null> {
    const rows: ActionForMessage[] = await this.dataSource.query(`${ACTION_FOR_MESSAGE} WHERE a.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** What a user's digest lists: actions still active, with a due window, owned or watched by them, soonest first. */
  findForDigest(userId: string): Promise<ActionForMessage[]> {
    return this.dataSource.query(
      `${ACTION_FOR_MESSAGE}
        WHERE a.archived_at IS NULL AND a.status = ANY($2::action_status[]) AND a.due_to IS NOT NULL
          AND (a.owner_id = $1 OR EXISTS (SELECT 1 FROM action_watchers aw WHERE aw.action_id = a.id AND aw.user_id = $1))
        ORDER BY a.due_to, a.id LIMIT 200`,
      [userId, ACTIVE_ACTION_STATUSES],
    );
  }

  /** Fills the organisation and watcher ids of these actions: one `= ANY` query per list, whatever their number. */
  withIdLists(actions: Action[], manager: EntityManager = this.dataSource.manager): Promise<Action[]> {
    return loadIdLists(manager, Action, actions);
  }

  /**
   * A page of actions. The id lists come in one batched query per list for the whole page;
   * the join tables appear only in EXISTS filters, so paging stays on the actions table.
   */
  async search(filter: ActionFilter): Promise<FoundPage<Action>> {
    const page = await fetchPage(this.listQuery(filter), filter.limit, filter.offset);
    return { ...page, items: await this.withIdLists(page.items) };
  }

  /** Every action the filter matches, in list order, unpaged: the list and its export. */
  listQuery(filter: Omit<ActionFilter, 'limit' | 'offset'>): SelectQueryBuilder<Action> {
    const query = this.matching(filter);
    // Actions without a due date are the least urgent, whichever way the dates are sorted.
    return orderPage(query, 'a', filter.sort, ['dueTo', 'dueFrom']);
  }

  private matching(filter: Omit<ActionFilter, 'limit' | 'offset'>): SelectQueryBuilder<Action> {
    const query = this.dataSource.manager.createQueryBuilder(Action, 'a');
    if (filter.includeArchived) query.withDeleted();
    if (filter.missionId) query.andWhere('a.missionId = :missionId', { missionId: filter.missionId });
    if (filter.ownerId) query.andWhere('a.ownerId = :ownerId', { ownerId: filter.ownerId });
    if (filter.status?.length) query.andWhere('a.status IN (:...statuses)', { statuses: filter.status });
    if (filter.kind) query.andWhere('a.kind = :kind', { kind: filter.kind });
    if (filter.agreementId) query.andWhere('a.agreementId = :agreementId', { agreementId: filter.agreementId });
    if (filter.meetingId) query.andWhere('a.meetingId = :meetingId', { meetingId: filter.meetingId });
    if (filter.organisationId) {
      query.andWhere('EXISTS (SELECT 1 FROM action_organisations ao WHERE ao.action_id = a.id AND ao.organisation_id = :organisationId)', {
        organisationId: filter.organisationId,
      });
    }
    if (filter.watcherId) {
      query.andWhere('EXISTS (SELECT 1 FROM action_watchers aw WHERE aw.action_id = a.id AND aw.user_id = :watcherId)', { watcherId: filter.watcherId });
    }
    if (filter.dueBefore) query.andWhere('a.dueFrom <= :dueBefore', { dueBefore: filter.dueBefore });
    if (filter.dueAfter) query.andWhere('a.dueTo >= :dueAfter', { dueAfter: filter.dueAfter });
    if (filter.overdue !== undefined) this.whereOverdue(query, filter.overdue, filter.today);
    if (filter.q) query.andWhere(...textSearch('ARRAY[a.title]', filter.q));
    return query;
  }

  /** Overdue: still to be done and the window closed before today. */
  private whereOverdue(query: SelectQueryBuilder<Action>, overdue: boolean, today: string): void {
    const params = { activeStatuses: ACTIVE_ACTION_STATUSES, today };
    if (overdue) {
      query.andWhere('a.status IN (:...activeStatuses) AND a.dueTo < :today', params);
    } else {
      query.andWhere(
        new Brackets((where) => {
          where.where('a.status NOT IN (:...activeStatuses)', params).orWhere('a.dueTo IS NULL').orWhere('a.dueTo >= :today', params);
        }),
      );
    }
  }

  save(action: Action, manager: EntityManager = this.dataSource.manager): Promise<Action> {
    return manager.save(Action, action);
  }

  create(values: Partial<Action>): Action {
    return this.dataSource.manager.create(Action, values);
  }

  async archive(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await archiveRow(manager, Action, id);
  }

  async restore(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await restoreRow(manager, Action, id);
  }

  /**
   * The action, locked in this transaction for a change, with its id lists; a 404 when there is none, a 409
   * when it is archived or `expectedVersion` is not its version (see lockForChange).
   */
  lockForChange(tx: Transaction, id: string, expectedVersion?: number): Promise<Action> {
    return lockForChange(tx, Action, 'action', id, expectedVersion);
  }

  /** The action, archived or not, locked in this transaction for a restore. */
  lockForRestore(tx: Transaction, id: string): Promise<Action> {
    return lockForRestore(tx, Action, 'action', id);
  }

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
