import { Injectable, type StreamableFile } from '@nestjs/common';
import type { Transaction } from '../database/transaction.js';
import { AgreementsRepository } from '../agreements/agreements.repository.js';
import { Clock } from '../common/clock.service.js';
import { NotFoundError, ValidationFailedError } from '../common/errors.js';
import { type Page, parseSort } from '../common/paging.js';
import { assertMayChangeAction } from './action-policy.js';
import { currentActor } from '../auth/request-context.js';
import type { ExportFormat } from '../exports/accept.js';
import { ListExporter } from '../exports/list-exporter.service.js';
import { Environment } from '../config/environment.js';
import { MeetingsRepository } from '../meetings/meetings.repository.js';
import { MissionsRepository } from '../missions/missions.repository.js';
import { OrganisationsRepository } from '../organisations/organisations.repository.js';
import { ReminderPlanner } from '../reminders/planning/reminder-planner.service.js';
import { ReminderQueue } from '../reminders/reminder-queue.service.js';
import { UsersRepository } from '../users/users.repository.js';
import { Action, ACTIVE_ACTION_STATUSES, type ActionStatus } from './action.entity.js';
import { ACTION_SORT_FIELDS, type ActionCreateDto, ActionResponseDto, type ActionSearchDto, type ActionUpdateDto, mapAction } from './actions.dto.js';
import { type ActionFilter, ActionsRepository } from './actions.repository.js';
import { dueWindowFromInput, NO_DUE_WINDOW } from './due-input.js';
import { type DueWindowResponseDto, mapDueWindow } from './due-window.dto.js';

/** Still to be done and its due window closed before today. */
export function isOverdue(action: Pick<Action, 'status' | 'dueTo'>, today: string): boolean {
  return ACTIVE_ACTION_STATUSES.includes(action.status) && action.dueTo !== null && action.dueTo < today;
}

/** What an action links to by its id lists: organisations and watchers. */
type Linked<K extends 'organisations' | 'watchers'> = NonNullable<Action[K]>[number];

interface References {
  missionId?: string | null;
  agreementId?: string | null;
  meetingId?: string | null;
  ownerId?: string | null;
  organisationIds?: string[] | null;
  watcherIds?: string[] | null;
}

/**
 * The rules of follow-up actions. Every write is one method (create, update, archive) in one
 * transaction: the place where reminders are re-planned when the due window, owner, watchers
 * or status change.
 */
@Injectable()
export class ActionsService {
  constructor(
    private readonly actions: ActionsRepository,
    private readonly missions: MissionsRepository,
    private readonly agreements: AgreementsRepository,
    private readonly meetings: MeetingsRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly users: UsersRepository,
    private readonly clock: Clock,
    private readonly environment: Environment,
    private readonly planner: ReminderPlanner,
    private readonly reminderQueue: ReminderQueue,
    private readonly exporter: ListExporter,
  ) {}

  async create(input: ActionCreateDto): Promise<ActionResponseDto> {
    const { dueLabel, dueFrom, dueTo, dueDate, organisationIds, watcherIds, ...fields } = input;
    const due = dueWindowFromInput({ dueLabel, dueFrom, dueTo, dueDate }) ?? NO_DUE_WINDOW;
    const status = fields.status ?? 'open';
    const [saved, reminders] = await this.actions.transaction(async (tx) => {
      await this.assertReferences(tx, { ...fields, organisationIds, watcherIds });
      await this.assertMeetingOfMission(tx, fields.meetingId, fields.missionId);
      const organisations = references<Linked<'organisations'>>(organisationIds) ?? [];
      const watchers = references<Linked<'watchers'>>(watcherIds) ?? [];
      const action = this.actions.create({
        // Every column written, the unset ones as null: the saved entity is then the row as stored, with no re-read.
        description: null,
        agreementId: null,
        meetingId: null,
        ownerId: null,
        outcome: null,
        reminderPolicy: null,
        archivedAt: null,
        ...fields,
        kind: fields.kind ?? 'other',
        status,
        completedAt: status === 'done' ? this.clock.now() : null,
        ...due,
        organisations,
        watchers,
      });
      // Not columns: create() leaves them out.
      action.organisationIds = organisations.map(({ id }) => id);
      action.watcherIds = watchers.map(({ id }) => id);
      const saved = await this.actions.save(action, tx);
      return [saved, await this.planner.replan(tx, saved, { previousOwnerId: null, actorId: currentActor()?.userId ?? null })] as const;
    });
    await this.reminderQueue.wake(reminders);
    return this.toResponse(saved);
  }

  /** The window a label stands for, parsed by the same rules as a save, so a form can show it while one types. */
  parseDue(dueLabel: string): DueWindowResponseDto {
    const window = dueWindowFromInput({ dueLabel });
    // A non-empty label either parses or throws; the guard keeps the types honest.
    if (!window) throw new ValidationFailedError([{ field: 'dueLabel', message: 'dueLabel is required' }], 'dueLabel is required');
    return mapDueWindow(window, dueLabel);
  }

  async get(id: string): Promise<ActionResponseDto> {
    const action = await this.actions.findById(id, undefined, true);
    if (!action) throw new NotFoundError('action', id);
    return this.toResponse(action);
  }

  async search(query: ActionSearchDto): Promise<Page<ActionResponseDto>> {
    const filter = this.filter(query);
    const { items: rows, total, totalIsEstimate } = await this.actions.search(filter);
    return {
      items: rows.map((action) => mapAction(action, isOverdue(action, filter.today))),
      total,
      totalIsEstimate,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** Every action the filters match, as CSV or .xlsx. */
  exportList(query: ActionSearchDto, format: ExportFormat): StreamableFile {
    const filter = this.filter(query);
    return this.exporter.file(format, {
      name: 'actions',
      dto: ActionResponseDto,
      query: this.actions.listQuery(filter),
      toRows: async (rows) => (await this.actions.withIdLists(rows)).map((action) => mapAction(action, isOverdue(action, filter.today))),
    });
  }

  private filter(query: ActionSearchDto): ActionFilter {
    const sort = parseSort(query.sort, ACTION_SORT_FIELDS, [{ field: 'dueTo', direction: 'ASC' }]);
    return { ...query, sort, today: this.today() };
  }

  async update(id: string, input: ActionUpdateDto): Promise<ActionResponseDto> {
    const { version, dueLabel, dueFrom, dueTo, dueDate, organisationIds, watcherIds, ...changes } = input;
    const due = dueWindowFromInput({ dueLabel, dueFrom, dueTo, dueDate });
    const [saved, reminders] = await this.actions.transaction(async (tx) => {
      const action = await this.actions.lockForChange(tx, id, version);
      await this.assertMayChange(tx, action);
      const previousOwnerId = action.ownerId;
      // References sent back unchanged stay valid even if what they name was archived since.
      const unchanged = <T>(given: T, current: T): T | undefined => (given === current ? undefined : given);
      await this.assertReferences(tx, {
        missionId: unchanged(changes.missionId, action.missionId),
        agreementId: unchanged(changes.agreementId, action.agreementId),
        meetingId: unchanged(changes.meetingId, action.meetingId),
        ownerId: unchanged(changes.ownerId, action.ownerId),
        organisationIds: organisationIds?.filter((linked) => !action.organisationIds.includes(linked)),
        watcherIds: watcherIds?.filter((linked) => !action.watcherIds.includes(linked)),
      });
      if (changes.missionId !== undefined || changes.meetingId !== undefined) {
        const meetingId = changes.meetingId === undefined ? action.meetingId : changes.meetingId;
        await this.assertMeetingOfMission(tx, meetingId, changes.missionId ?? action.missionId);
      }
      const completedAt = this.completedAtAfter(action, changes.status);
      Object.assign(action, changes, due === undefined ? {} : (due ?? NO_DUE_WINDOW), { completedAt });
      if (organisationIds !== undefined) {
        action.organisations = references<Linked<'organisations'>>(organisationIds);
        action.organisationIds = (action.organisations ?? []).map((linked) => linked.id);
      }
      if (watcherIds !== undefined) {
        action.watchers = references<Linked<'watchers'>>(watcherIds);
        action.watcherIds = (action.watchers ?? []).map((linked) => linked.id);
      }
      // A change to the links alone touches no column of the action, yet it is a change: bump the version.
      if (organisationIds !== undefined || watcherIds !== undefined) action.version += 1;
      // The locked row with the change applied, and the version and update time the UPDATE returned: the row as stored, no re-read.
      const saved = await this.actions.save(action, tx);
      return [saved, await this.planner.replan(tx, saved, { previousOwnerId, actorId: currentActor()?.userId ?? null })] as const;
    });
    await this.reminderQueue.wake(reminders);
    return this.toResponse(saved);
  }

  async archive(id: string): Promise<void> {
    await this.actions.transaction(async (tx) => {
      const action = await this.actions.lockForChange(tx, id);
      await this.assertMayChange(tx, action);
      await this.actions.archive(id, tx);
      // Its planned reminders are cancelled with it.
      await this.planner.replan(tx, Object.assign(action, { archivedAt: this.clock.now() }), { previousOwnerId: action.ownerId });
    });
  }

  /** Back into lists and search, with its reminders planned again from now. */
  async restore(id: string): Promise<ActionResponseDto> {
    const [restored, reminders] = await this.actions.transaction(async (tx) => {
      const action = await this.actions.lockForRestore(tx, id);
      await this.assertMayChange(tx, action);
      if (action.archivedAt === null) return [action, []] as const;
      await this.actions.restore(id, tx);
      const reloaded = await this.reload(tx, id);
      return [reloaded, await this.planner.replan(tx, reloaded, { previousOwnerId: action.ownerId })] as const;
    });
    await this.reminderQueue.wake(reminders);
    return this.toResponse(restored);
  }

  private async assertReferences(tx: Transaction, refs: References): Promise<void> {
    await this.missions.assertExist(tx, refs.missionId, 'missionId');
    await this.agreements.assertExist(tx, refs.agreementId, 'agreementId');
    await this.meetings.assertExist(tx, refs.meetingId, 'meetingId');
    await this.organisations.assertExist(tx, refs.organisationIds, 'organisationIds');
    await this.users.assertExist(tx, refs.ownerId, 'ownerId');
    await this.users.assertExist(tx, refs.watcherIds, 'watcherIds');
  }

  /** The access rule of actions (action-policy.ts), with the mission's responsible officer as the missions domain knows it. */
  private assertMayChange(tx: Transaction, action: Action): Promise<void> {
    return assertMayChangeAction(action, (missionId) => this.missions.findOwnerId(missionId, tx));
  }

  /** An action can only follow up on a meeting of its own mission. */
  private async assertMeetingOfMission(tx: Transaction, meetingId: string | null | undefined, missionId: string): Promise<void> {
    if (!meetingId) return;
    const meetingMissionId = await this.meetings.findMissionId(meetingId, tx);
    if (meetingMissionId !== null && meetingMissionId !== missionId) {
      const message = `meeting ${meetingId} belongs to another mission; choose a meeting of mission ${missionId}`;
      throw new ValidationFailedError([{ field: 'meetingId', message }], message);
    }
  }

  /** Done stamps the time it was done; leaving done forgets it. */
  private completedAtAfter(action: Action, status: ActionStatus | undefined): Date | null {
    if (status === undefined || status === action.status) return action.completedAt;
    return status === 'done' ? this.clock.now() : null;
  }

  private async reload(tx: Transaction, id: string): Promise<Action> {
    const action = await this.actions.findById(id, tx);
    if (!action) throw new NotFoundError('action', id);
    return action;
  }

  private toResponse(action: Action): ActionResponseDto {
    return mapAction(action, isOverdue(action, this.today()));
  }

  /** Today in the agency's time zone: an action is overdue from the day after its window closes there. */
  private today(): string {
    return this.clock.today(this.environment.DEFAULT_TIME_ZONE);
  }
}

/** Links by id: TypeORM writes the join table rows from these without loading the rows. */
function references<T>(ids: string[] | null | undefined): T[] | undefined {
  if (ids === undefined) return undefined;
  return [...new Set(ids ?? [])].map((id) => ({ id }) as T);
}
