import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { ListQueryDto, PageResponseDto, SortsBy } from '../common/paging.js';
import { QueryList } from '../common/validators.js';
import { VersionedUpdateDto } from '../common/version.js';
import { REMINDER_KINDS, REMINDER_STATUSES, type Reminder, type ReminderKind, type ReminderStatus } from './reminder.entity.js';
import { RecordResponseDto } from '../common/record.dto.js';

export const REMINDER_SORT_FIELDS = ['fireAt', 'createdAt', 'sentAt'] as const;

export class ReminderSearchDto extends ListQueryDto {
  @SortsBy(REMINDER_SORT_FIELDS)
  override sort?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actionId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  recipientId?: string;

  @ApiPropertyOptional({ description: 'One status or several, comma-separated', enum: REMINDER_STATUSES, isArray: true })
  @IsOptional()
  @QueryList()
  @IsIn(REMINDER_STATUSES, { each: true })
  status?: ReminderStatus[];

  @ApiPropertyOptional({ enum: REMINDER_KINDS })
  @IsOptional()
  @IsIn(REMINDER_KINDS)
  kind?: ReminderKind;
}

/** The same filters for one action's reminders, whose action the path names. */
export class ActionReminderSearchDto extends OmitType(ReminderSearchDto, ['actionId'] as const) {}

const UNTIL_MESSAGE = 'until must be an ISO 8601 date-time with its offset, such as 2024-03-04T09:00:00+01:00, or a date such as 2024-03-04';

export class ReminderSnoozeDto extends VersionedUpdateDto {
  @ApiProperty({
    description: "When to send it instead: a date-time with offset, or a date (the start of that day in the recipient's time zone); must be in the future",
    example: '2024-03-04T09:00:00+01:00',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/, { message: UNTIL_MESSAGE })
  until!: string;
}

export class ReminderSkipDto extends VersionedUpdateDto {}

export class ReminderResponseDto extends RecordResponseDto {
  @ApiProperty({ format: 'uuid', type: String, nullable: true, description: 'Null for a daily digest' }) actionId!: string | null;
  @ApiProperty({ enum: REMINDER_KINDS }) kind!: ReminderKind;
  @ApiProperty({ description: 'The n-th overdue reminder, or the digest day (YYYYMMDD)' }) occurrence!: number;
  @ApiProperty({ format: 'uuid' }) recipientId!: string;
  @ApiProperty() fireAt!: Date;
  @ApiProperty({ enum: REMINDER_STATUSES }) status!: ReminderStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: Date, nullable: true }) sentAt!: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'Message-ID accepted by the SMTP server' }) messageId!: string | null;
  @ApiProperty({ type: String, nullable: true }) subject!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The last delivery error' }) lastError!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was cancelled or skipped' }) reason!: string | null;
}

export const ReminderPageDto = PageResponseDto(ReminderResponseDto, 'ReminderPageDto');

export function mapReminder(reminder: Reminder): ReminderResponseDto {
  return {
    id: reminder.id,
    actionId: reminder.actionId,
    kind: reminder.kind,
    occurrence: reminder.occurrence,
    recipientId: reminder.recipientId,
    fireAt: reminder.fireAt,
    status: reminder.status,
    attempts: reminder.attempts,
    sentAt: reminder.sentAt,
    messageId: reminder.messageId,
    subject: reminder.subject,
    lastError: reminder.lastError,
    reason: reminder.reason,
    version: reminder.version,
    createdAt: reminder.createdAt,
    updatedAt: reminder.updatedAt,
  };
}
