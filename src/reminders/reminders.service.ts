import { Injectable, type StreamableFile } from '@nestjs/common';
import { ActionsRepository } from '../actions/actions.repository.js';
import { Clock } from '../common/clock.service.js';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors.js';
import { type Page, parseSort } from '../common/paging.js';
import { isDateOnly } from '../common/validators.js';
import { Environment } from '../config/environment.js';
import { Reminder } from './reminder.entity.js';
import { ReminderQueue } from './reminder-queue.service.js';
import {
  type ActionReminderSearchDto,
  mapReminder,
  REMINDER_SORT_FIELDS,
  ReminderResponseDto,
  type ReminderSearchDto,
  type ReminderSkipDto,
  type ReminderSnoozeDto,
} from './reminders.dto.js';
import { RemindersRepository } from './reminders.repository.js';
import type { ExportFormat } from '../exports/accept.js';
import { ListExporter } from '../exports/list-exporter.service.js';
import { UsersRepository } from '../users/users.repository.js';
import { atLocalTime } from './working-time.js';

@Injectable()
export class RemindersService {
  constructor(
    private readonly reminders: RemindersRepository,
    private readonly actions: ActionsRepository,
    private readonly users: UsersRepository,
    private readonly queue: ReminderQueue,
    private readonly clock: Clock,
    private readonly exporter: ListExporter,
    private readonly environment: Environment,
  ) {}

  async search(query: ReminderSearchDto): Promise<Page<ReminderResponseDto>> {
    const { items: rows, total, totalIsEstimate } = await this.reminders.search({ ...query, sort: this.sortOf(query) });
    return { items: rows.map(mapReminder), total, totalIsEstimate, limit: query.limit, offset: query.offset };
  }

  /** Every reminder the filters match, as CSV or .xlsx. */
  exportList(query: ReminderSearchDto, format: ExportFormat): StreamableFile {
    return this.exporter.file(format, {
      name: 'reminders',
      dto: ReminderResponseDto,
      query: this.reminders.listQuery({ ...query, sort: this.sortOf(query) }),
      toRows: (rows) => rows.map(mapReminder),
    });
  }

  async forAction(actionId: string, query: ActionReminderSearchDto): Promise<Page<ReminderResponseDto>> {
    if (!(await this.actions.exists(actionId))) throw new NotFoundError('action', actionId);
    return this.search({ ...query, actionId });
  }

  async exportForAction(actionId: string, query: ActionReminderSearchDto, format: ExportFormat): Promise<StreamableFile> {
    if (!(await this.actions.exists(actionId))) throw new NotFoundError('action', actionId);
    return this.exportList({ ...query, actionId }, format);
  }

  private sortOf(query: ReminderSearchDto) {
    return parseSort(query.sort, REMINDER_SORT_FIELDS, [{ field: 'fireAt', direction: 'ASC' }]);
  }

  async get(id: string): Promise<ReminderResponseDto> {
    const reminder = await this.reminders.findById(id);
    if (!reminder) throw new NotFoundError('reminder', id);
    return mapReminder(reminder);
  }

  /** Sends a planned reminder later instead. */
  async snooze(id: string, { until, version }: ReminderSnoozeDto): Promise<ReminderResponseDto> {
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(until);
    if (dateOnly ? !isDateOnly(until) : Number.isNaN(new Date(until).getTime())) {
      const message = `until is not a calendar date: ${until.slice(0, 10)} does not exist`;
      throw new ValidationFailedError([{ field: 'until', message }], message);
    }
    const saved = await this.reminders.transaction(async (tx) => {
      const reminder = await this.reminders.lockForChange(tx, id, version);
      this.assertPlanned(reminder, 'snoozed');
      // A date alone is the start of that day where the reminder is read.
      const recipient = dateOnly ? await this.users.findById(reminder.recipientId) : null;
      const fireAt = dateOnly ? atLocalTime(until, 0, recipient?.timeZone ?? this.environment.DEFAULT_TIME_ZONE) : new Date(until);
      if (fireAt.getTime() <= this.clock.now().getTime()) {
        throw new ValidationFailedError([{ field: 'until', message: 'until must be in the future' }], 'until must be in the future');
      }
      reminder.fireAt = fireAt;
      reminder.snoozed = true;
      return this.reminders.save(reminder, tx);
    });
    await this.queue.wake([saved]);
    return mapReminder(saved);
  }

  /** Drops one planned reminder; the others of the action stay. */
  async skip(id: string, { version }: ReminderSkipDto): Promise<ReminderResponseDto> {
    const saved = await this.reminders.transaction(async (tx) => {
      const reminder = await this.reminders.lockForChange(tx, id, version);
      this.assertPlanned(reminder, 'skipped');
      reminder.status = 'skipped';
      reminder.reason = 'skipped by request';
      return this.reminders.save(reminder, tx);
    });
    return mapReminder(saved);
  }

  private assertPlanned(reminder: Reminder, verb: string): void {
    if (reminder.status !== 'planned') {
      throw new ConflictError(`reminder ${reminder.id} is ${reminder.status}; only a planned reminder can be ${verb}`);
    }
  }
}
