import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { SearchableByIdListQueryDto, PageResponseDto, SortsBy } from '../common/paging.js';
import { IsDateOnly, IsNotBefore, IsTimeZone, Trim, UpperCase, IsOmittable } from '../common/validators.js';
import { VersionedUpdateDto } from '../common/version.js';
import { MISSION_STATUSES, MISSION_TYPES, type Mission, type MissionStatus, type MissionType } from './mission.entity.js';
import { ArchivableResponseDto } from '../common/record.dto.js';

const COUNTRY_MESSAGE = 'must be an ISO 3166-1 alpha-2 country code such as BE or VN';

export class MissionCreateDto {
  @ApiProperty({ description: 'Short code, unique among missions (case-insensitive): letters, digits and dashes', example: 'VN-2023', maxLength: 40 })
  @Trim()
  @IsString()
  @Matches(/^[A-Za-z0-9-]+$/, { message: 'code may contain only letters, digits and dashes' })
  @MaxLength(40)
  code!: string;

  @ApiProperty({ example: 'Economic mission to Vietnam' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiProperty({ enum: MISSION_TYPES, example: 'economic_mission' })
  @IsIn(MISSION_TYPES)
  type!: MissionType;

  @ApiProperty({ type: [String], description: 'ISO 3166-1 alpha-2 codes, at least one', example: ['VN'] })
  @UpperCase()
  @IsArray()
  @ArrayNotEmpty({ message: 'hostCountries must name at least one country' })
  @ArrayMaxSize(30)
  @ArrayUnique({ message: 'hostCountries must not name a country twice' })
  @IsISO31661Alpha2({ each: true, message: `each value in hostCountries ${COUNTRY_MESSAGE}` })
  hostCountries!: string[];

  @ApiPropertyOptional({ type: [String], example: ['Hanoi', 'Haiphong', 'Quang Ninh', 'Ho Chi Minh City'] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  cities?: string[];

  @ApiProperty({ format: 'date', example: '2023-09-11' })
  @IsDateOnly()
  startDate!: string;

  @ApiProperty({ format: 'date', example: '2023-09-16', description: 'Not before startDate' })
  @IsDateOnly()
  @IsNotBefore('startDate')
  endDate!: string;

  @ApiProperty({ description: 'IANA time zone where the mission takes place', example: 'Asia/Ho_Chi_Minh' })
  @IsTimeZone()
  timeZone!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The contact who leads the mission' })
  @IsOptional()
  @IsUUID()
  leaderContactId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The responsible officer (a user)' })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @ApiPropertyOptional({ example: 'Flanders Investment & Trade', nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  organiser?: string | null;

  @ApiPropertyOptional({ example: '50 years of diplomatic relations', nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  theme?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['sustainable trade & logistics', 'resilient cities'] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  focusSectors?: string[];

  @ApiPropertyOptional({ enum: MISSION_STATUSES, default: 'planned' })
  @IsOmittable()
  @IsIn(MISSION_STATUSES)
  status?: MissionStatus;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The earlier mission this one follows up on' })
  @IsOptional()
  @IsUUID()
  previousMissionId?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string | null;
}

export class MissionUpdateDto extends IntersectionType(PartialType(MissionCreateDto, { skipNullProperties: false }), VersionedUpdateDto) {}

export const MISSION_SORT_FIELDS = ['startDate', 'code', 'title', 'createdAt'] as const;

export class MissionSearchDto extends SearchableByIdListQueryDto {
  @SortsBy(MISSION_SORT_FIELDS)
  override sort?: string;

  @ApiPropertyOptional({ enum: MISSION_STATUSES })
  @IsOptional()
  @IsIn(MISSION_STATUSES)
  status?: MissionStatus;

  @ApiPropertyOptional({ enum: MISSION_TYPES })
  @IsOptional()
  @IsIn(MISSION_TYPES)
  type?: MissionType;

  @ApiPropertyOptional({ description: 'Missions with this host country (ISO 3166-1 alpha-2)' })
  @IsOptional()
  @UpperCase()
  @IsISO31661Alpha2({ message: `country ${COUNTRY_MESSAGE}` })
  country?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Missions of this responsible officer' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Missions that start on or after this date' })
  @IsOptional()
  @IsDateOnly()
  startsAfter?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Missions that start on or before this date' })
  @IsOptional()
  @IsDateOnly()
  @IsNotBefore('startsAfter')
  startsBefore?: string;
}

export type MissionSortField = (typeof MISSION_SORT_FIELDS)[number];

export class MissionResponseDto extends ArchivableResponseDto {
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: MISSION_TYPES }) type!: MissionType;
  @ApiProperty({ type: [String] }) hostCountries!: string[];
  @ApiProperty({ type: [String] }) cities!: string[];
  @ApiProperty({ format: 'date' }) startDate!: string;
  @ApiProperty({ format: 'date' }) endDate!: string;
  @ApiProperty() timeZone!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) leaderContactId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerId!: string | null;
  @ApiProperty({ type: String, nullable: true }) organiser!: string | null;
  @ApiProperty({ type: String, nullable: true }) theme!: string | null;
  @ApiProperty({ type: [String] }) focusSectors!: string[];
  @ApiProperty({ enum: MISSION_STATUSES }) status!: MissionStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) previousMissionId!: string | null;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
}

export const MissionPageDto = PageResponseDto(MissionResponseDto, 'MissionPageDto');

export function mapMission(mission: Mission): MissionResponseDto {
  return {
    id: mission.id,
    code: mission.code,
    title: mission.title,
    type: mission.type,
    hostCountries: mission.hostCountries,
    cities: mission.cities,
    startDate: mission.startDate,
    endDate: mission.endDate,
    timeZone: mission.timeZone,
    leaderContactId: mission.leaderContactId,
    ownerId: mission.ownerId,
    organiser: mission.organiser,
    theme: mission.theme,
    focusSectors: mission.focusSectors,
    status: mission.status,
    previousMissionId: mission.previousMissionId,
    description: mission.description,
    version: mission.version,
    createdAt: mission.createdAt,
    updatedAt: mission.updatedAt,
    archivedAt: mission.archivedAt ?? null,
  };
}

const COUNTS_SCHEMA = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export class MissionParticipantsSummaryDto {
  @ApiProperty({ description: 'Organisations on the delegation' }) total!: number;
}

export class MissionMeetingsSummaryDto {
  @ApiProperty() total!: number;

  @ApiProperty({
    ...COUNTS_SCHEMA,
    description: 'Meetings per kind; every kind is present',
    example: { b2b: 250, official: 9, seminar: 2, forum: 1, site_visit: 1, reception: 0, other: 0 },
  })
  byKind!: Record<string, number>;
}

export class MissionAgreementsSummaryDto {
  @ApiProperty() total!: number;

  @ApiProperty({
    ...COUNTS_SCHEMA,
    description: 'Agreements per status; every status is present',
    example: { planned: 1, signed: 2, in_force: 1, expired: 0, terminated: 0 },
  })
  byStatus!: Record<string, number>;
}

export class MissionActionsSummaryDto {
  @ApiProperty() total!: number;

  @ApiProperty({
    ...COUNTS_SCHEMA,
    description: 'Actions per status; every status is present',
    example: { open: 3, in_progress: 1, done: 2, cancelled: 0, postponed: 0 },
  })
  byStatus!: Record<string, number>;

  @ApiProperty({ description: 'Open or in-progress actions whose due window ended before today' })
  overdue!: number;
}

export class MissionSatisfactionSummaryDto {
  @ApiProperty({ description: 'Participants that answered the satisfaction survey' })
  answers!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Average score (1–5) over the answers, rounded to two decimals; null without answers',
    example: 4.25,
  })
  averageScore!: number | null;
}

/** What a mission has produced so far: the report to give when someone asks. */
export class MissionSummaryDto {
  @ApiProperty({ format: 'uuid' }) missionId!: string;
  @ApiProperty({ format: 'date', description: "The day the counts were made (in the agency's time zone); overdue is relative to it" }) asOf!: string;
  @ApiProperty() participants!: MissionParticipantsSummaryDto;
  @ApiProperty() meetings!: MissionMeetingsSummaryDto;
  @ApiProperty() agreements!: MissionAgreementsSummaryDto;
  @ApiProperty() actions!: MissionActionsSummaryDto;
  @ApiProperty() satisfaction!: MissionSatisfactionSummaryDto;
}
