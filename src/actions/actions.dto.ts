import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ArchivableListQueryDto, PageResponseDto, SortsBy } from '../common/paging.js';
import { IsDateOnly, IsNotBefore, BooleanQueryParam, QueryList, Trim, IsOmittable } from '../common/validators.js';
import { VersionedUpdateDto } from '../common/version.js';
import { ACTION_KINDS, ACTION_STATUSES, type Action, type ActionKind, type ActionStatus } from './action.entity.js';
import { DUE_LABEL_FORMS, DUE_PRECISIONS, type DuePrecision } from './due/due-window.js';
import { IsDueLabel } from './due/is-due-label.decorator.js';
import { effectivePolicy, type ReminderPolicy, ReminderPolicyDto } from '../reminders/reminder-policy.js';
import { ArchivableResponseDto } from '../common/record.dto.js';

const DUE_FORMS_NOTE = 'Give the due date in one way only: dueLabel, or dueFrom with dueTo, or dueDate.';

export class ActionCreateDto {
  @ApiProperty({ example: 'MOW visit to Vietnam for the Mekong River Commission' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiPropertyOptional({ enum: ACTION_KINDS, default: 'other' })
  @IsOmittable()
  @IsIn(ACTION_KINDS)
  kind?: ActionKind;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string | null;

  @ApiProperty({ format: 'uuid', description: 'The mission this action follows up on' })
  @IsUUID()
  missionId!: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  agreementId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'A meeting of the same mission' })
  @IsOptional()
  @IsUUID()
  meetingId?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Organisations the action concerns' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID(undefined, { each: true })
  organisationIds?: string[] | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The user who carries the action out' })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Users who follow the action' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  watcherIds?: string[] | null;

  @ApiPropertyOptional({ enum: ACTION_STATUSES, default: 'open' })
  @IsOmittable()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  outcome?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: `A fuzzy due date, kept as written; accepted forms include ${DUE_LABEL_FORMS.join(', ')}. null clears the due date. ${DUE_FORMS_NOTE}`,
    example: 'early November 2023',
  })
  @IsOptional()
  @IsDueLabel()
  dueLabel?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: `First day of an explicit due window; needs dueTo. ${DUE_FORMS_NOTE}` })
  @IsOptional()
  @IsDateOnly()
  dueFrom?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: `Last day of an explicit due window; needs dueFrom. ${DUE_FORMS_NOTE}` })
  @IsOptional()
  @IsDateOnly()
  @IsNotBefore('dueFrom')
  dueTo?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: `One exact due day. ${DUE_FORMS_NOTE}` })
  @IsOptional()
  @IsDateOnly()
  dueDate?: string | null;

  @ApiPropertyOptional({
    type: ReminderPolicyDto,
    nullable: true,
    description: 'Overrides of the reminder policy for this action; null goes back to the defaults',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReminderPolicyDto)
  reminderPolicy?: ReminderPolicyDto | null;
}

export class ActionUpdateDto extends IntersectionType(PartialType(ActionCreateDto, { skipNullProperties: false }), VersionedUpdateDto) {}

export const ACTION_SORT_FIELDS = ['dueTo', 'dueFrom', 'title', 'status', 'createdAt', 'updatedAt'] as const;

export class ActionSearchDto extends ArchivableListQueryDto {
  @SortsBy(ACTION_SORT_FIELDS)
  override sort?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  missionId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ description: 'One status or several separated by commas', example: 'open,in_progress', type: String })
  @IsOptional()
  @QueryList()
  @IsIn(ACTION_STATUSES, { each: true })
  status?: ActionStatus[];

  @ApiPropertyOptional({ enum: ACTION_KINDS })
  @IsOptional()
  @IsIn(ACTION_KINDS)
  kind?: ActionKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  agreementId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  meetingId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Actions that concern this organisation' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Actions this user watches' })
  @IsOptional()
  @IsUUID()
  watcherId?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Actions whose due window opens on or before this date' })
  @IsOptional()
  @IsDateOnly()
  dueBefore?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Actions whose due window closes on or after this date' })
  @IsOptional()
  @IsDateOnly()
  dueAfter?: string;

  @BooleanQueryParam({ description: 'true: open or in progress with the due window closed before today (agency time zone); false: all others' })
  overdue?: boolean;
}

export type ActionSortField = (typeof ACTION_SORT_FIELDS)[number];

export class ActionResponseDto extends ArchivableResponseDto {
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ACTION_KINDS }) kind!: ActionKind;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ format: 'uuid' }) missionId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) agreementId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) meetingId!: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) organisationIds!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerId!: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) watcherIds!: string[];
  @ApiProperty({ enum: ACTION_STATUSES }) status!: ActionStatus;
  @ApiProperty({ type: String, nullable: true }) outcome!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'First day of the due window' }) dueFrom!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Last day of the due window' }) dueTo!: string | null;
  @ApiProperty({ enum: DUE_PRECISIONS, nullable: true }) duePrecision!: DuePrecision | null;
  @ApiProperty({ type: String, nullable: true, description: 'The words the due date was given in' }) dueLabel!: string | null;
  @ApiProperty({ description: 'Open or in progress, and the due window closed before today' }) overdue!: boolean;
  @ApiProperty({ type: Date, nullable: true, description: 'When the action was marked done' }) completedAt!: Date | null;
  @ApiProperty({ type: ReminderPolicyDto, description: "The reminder policy in force: the defaults with this action's overrides" })
  reminderPolicy!: ReminderPolicy;
}

export const ActionPageDto = PageResponseDto(ActionResponseDto, 'ActionPageDto');

export function mapAction(action: Action, overdue: boolean): ActionResponseDto {
  return {
    id: action.id,
    title: action.title,
    kind: action.kind,
    description: action.description,
    missionId: action.missionId,
    agreementId: action.agreementId,
    meetingId: action.meetingId,
    // The join tables keep no order: sorted so that the same action always reads the same.
    organisationIds: [...action.organisationIds].sort(),
    ownerId: action.ownerId,
    watcherIds: [...action.watcherIds].sort(),
    status: action.status,
    outcome: action.outcome,
    dueFrom: action.dueFrom,
    dueTo: action.dueTo,
    duePrecision: action.duePrecision,
    dueLabel: action.dueLabel,
    overdue,
    completedAt: action.completedAt,
    reminderPolicy: effectivePolicy(action.reminderPolicy),
    version: action.version,
    createdAt: action.createdAt,
    updatedAt: action.updatedAt,
    archivedAt: action.archivedAt ?? null,
  };
}
