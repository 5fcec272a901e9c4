import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { buildMessage, IsIn, isISO8601, IsOptional, IsUUID, ValidateBy, type ValidationOptions } from 'class-validator';
import { ListQueryDto, PageResponseDto } from '../common/paging.js';
import { IsNotBefore } from '../common/validators.js';
import { AUDIT_ACTIONS, type AuditAction, type AuditChanges, type AuditEntry } from './audit-entry.entity.js';
import { AUDITED_RESOURCE_NAMES, type AuditedResource } from './audited.js';

const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

// Without an offset a time would be read in the server's zone, which is never what was meant.
const isDateTimeWithOffset = (value: unknown): value is string => typeof value === 'string' && DATE_TIME_WITH_OFFSET.test(value) && isISO8601(value, { strict: true });

const ToDateTime = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (isDateTimeWithOffset(value) ? new Date(value) : value));

function IsDateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateTime',
      validator: {
        validate: (value: unknown) => value instanceof Date && !Number.isNaN(value.getTime()),
        defaultMessage: buildMessage(() => '$property must be an ISO 8601 date-time with a UTC offset, e.g. 2023-09-11T00:00:00+07:00', options),
      },
    },
    options,
  );
}

export const AUDIT_SORT_FIELDS = ['occurredAt'] as const;
export type AuditSortField = (typeof AUDIT_SORT_FIELDS)[number];

/** Paging and sorting only: there is no text to search in audit entries. */
export class AuditSearchDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: AUDITED_RESOURCE_NAMES, description: 'Entries about this kind of resource' })
  @IsOptional()
  @IsIn(AUDITED_RESOURCE_NAMES)
  entity?: AuditedResource;

  @ApiPropertyOptional({ format: 'uuid', description: 'Entries about this resource' })
  @IsOptional()
  @IsUUID()
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Changes made by this user' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Changes at or after this time (ISO 8601 with offset)' })
  @IsOptional()
  @ToDateTime()
  @IsDateTime()
  from?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Changes before this time (ISO 8601 with offset; exclusive)' })
  @IsOptional()
  @ToDateTime()
  @IsDateTime()
  @IsNotBefore('from')
  to?: Date;
}

export class AuditEntryResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() occurredAt!: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The user who made the change; null for the system (seeding, workers)' }) actorId!: string | null;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: AuditAction;
  @ApiProperty({ enum: AUDITED_RESOURCE_NAMES }) entity!: string;
  @ApiProperty({ format: 'uuid' }) entityId!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', properties: { before: {}, after: {} } },
    description: 'Per changed field, its value before and after; a create has only `after`, a delete only `before`. Passwords show as "[hidden]"/"[changed]".',
    example: { status: { before: 'open', after: 'in_progress' }, watcherIds: { before: [], after: ['5f0c6a4e-2d1b-4c3a-9e8f-7a6b5c4d3e2f'] } },
  })
  changes!: AuditChanges;
}

export const AuditEntryPageDto = PageResponseDto(AuditEntryResponseDto, 'AuditEntryPageDto');

export function mapAuditEntry(entry: AuditEntry): AuditEntryResponseDto {
  return {
    id: entry.id,
    occurredAt: entry.occurredAt,
    actorId: entry.actorId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    changes: entry.changes,
  };
}
