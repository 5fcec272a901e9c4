import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ListQueryDto, PageResponseDto, SortsBy } from '../common/paging.js';
import { AcceptsDate, DATE_TIME_INPUT, IsDateTime, ToDateTime } from '../common/date-time.js';
import { IsNotBefore } from '../common/validators.js';
import { AUDIT_ACTIONS, type AuditAction, type AuditChanges, type AuditEntry } from './audit-entry.entity.js';
import { AUDITED_RESOURCE_NAMES, type AuditedResource } from './audited.js';

export type AuditSortField = (typeof AUDIT_SORT_FIELDS)[number];

export const AUDIT_SORT_FIELDS = ['occurredAt'] as const;

/** Paging and sorting only: there is no text to search in audit entries. */
export class AuditSearchDto extends ListQueryDto {
  @SortsBy(AUDIT_SORT_FIELDS)
  override sort?: string;

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

  @ApiPropertyOptional({ type: String, format: 'date-time', description: `Changes at or after this time: ${DATE_TIME_INPUT}` })
  @IsOptional()
  @AcceptsDate()
  @ToDateTime()
  @IsDateTime()
  from?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: `Changes before this time (exclusive): ${DATE_TIME_INPUT}` })
  @IsOptional()
  @AcceptsDate()
  @ToDateTime()
  @IsDateTime()
  @IsNotBefore('from')
  to?: Date;
}

/** The changes of one resource: paging, and sorting by time. */
export class HistoryQueryDto extends ListQueryDto {
  @SortsBy(AUDIT_SORT_FIELDS)
  override sort?: string;
}

export class AuditEntryResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() occurredAt!: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The user who made the change; null for the system (seeding, workers)' }) actorId!:
    string | null;
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
