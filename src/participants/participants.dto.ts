import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ListQueryDto, PageResponseDto, SortsBy } from '../common/paging.js';
import { BooleanQueryParam, IsOmittable } from '../common/validators.js';
import { VersionedUpdateDto } from '../common/version.js';
import type { Participant } from './participant.entity.js';
import { RecordResponseDto } from '../common/record.dto.js';

export class ParticipantCreateDto {
  @ApiProperty({ format: 'uuid', description: 'The organisation on the delegation; once per mission' })
  @IsUUID()
  organisationId!: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'The contacts who travel for it' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique({ message: 'delegateContactIds must not name a contact twice' })
  @IsUUID(undefined, { each: true })
  delegateContactIds?: string[];

  @ApiPropertyOptional({ type: [String], example: ['port management', 'smart logistics'] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  sectors?: string[];

  @ApiPropertyOptional({ nullable: true, example: 'Meet Vinamarine about port community systems' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  objectives?: string | null;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 5, nullable: true, description: 'Satisfaction-survey answer: 1 (poor) to 5 (excellent)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  satisfactionScore?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  satisfactionComment?: string | null;

  @ApiPropertyOptional({ description: 'Marks invented demo data', default: false })
  @IsOmittable()
  @IsBoolean()
  synthetic?: boolean;
}

export class ParticipantUpdateDto extends IntersectionType(PartialType(ParticipantCreateDto, { skipNullProperties: false }), VersionedUpdateDto) {}

export const PARTICIPANT_SORT_FIELDS = ['createdAt', 'satisfactionScore'] as const;

export class ParticipantSearchDto extends ListQueryDto {
  @SortsBy(PARTICIPANT_SORT_FIELDS)
  override sort?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ description: 'Participants active in this sector on the mission' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sector?: string;

  @BooleanQueryParam({ description: 'true: only those that answered the satisfaction survey; false: only those that did not' })
  answered?: boolean;

  @BooleanQueryParam()
  synthetic?: boolean;
}

export type ParticipantSortField = (typeof PARTICIPANT_SORT_FIELDS)[number];

export class ParticipantResponseDto extends RecordResponseDto {
  @ApiProperty({ format: 'uuid' }) missionId!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) delegateContactIds!: string[];
  @ApiProperty({ type: [String] }) sectors!: string[];
  @ApiProperty({ type: String, nullable: true }) objectives!: string | null;
  @ApiProperty({ type: Number, nullable: true }) satisfactionScore!: number | null;
  @ApiProperty({ type: String, nullable: true }) satisfactionComment!: string | null;
  @ApiProperty() synthetic!: boolean;
}

export const ParticipantPageDto = PageResponseDto(ParticipantResponseDto, 'ParticipantPageDto');

export function mapParticipant(participant: Participant): ParticipantResponseDto {
  return {
    id: participant.id,
    missionId: participant.missionId,
    organisationId: participant.organisationId,
    delegateContactIds: [...participant.delegateContactIds].sort(),
    sectors: participant.sectors,
    objectives: participant.objectives,
    satisfactionScore: participant.satisfactionScore,
    satisfactionComment: participant.satisfactionComment,
    synthetic: participant.synthetic,
    version: participant.version,
    createdAt: participant.createdAt,
    updatedAt: participant.updatedAt,
  };
}
