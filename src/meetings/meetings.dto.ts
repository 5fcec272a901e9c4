import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ArchivableListQueryDto, PageResponseDto, SortsBy } from '../common/paging.js';
import { IsNotBefore, BooleanQueryParam, Trim, IsOmittable } from '../common/validators.js';
import { AcceptsDate, DATE_TIME_INPUT, IsDateTime, ToDateTime } from '../common/date-time.js';
import { VersionedUpdateDto } from '../common/version.js';
import type { MeetingContact, MeetingOrganisation } from './meeting-party.entity.js';
import { MEETING_KINDS, type Meeting, type MeetingKind } from './meeting.entity.js';
import { ArchivableResponseDto } from '../common/record.dto.js';

const ID_LIST_SIZE = 500;

export class MeetingCreateDto {
  @ApiProperty({ format: 'uuid', description: 'The mission the meeting was part of' })
  @IsUUID()
  missionId!: string;

  @ApiProperty({ enum: MEETING_KINDS, example: 'official' })
  @IsIn(MEETING_KINDS)
  kind!: MeetingKind;

  @ApiProperty({ example: 'Meeting with Prime Minister Pham Minh Chinh' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiProperty({ type: String, format: 'date-time', description: DATE_TIME_INPUT, example: '2023-09-12T11:00:00+07:00' })
  @AcceptsDate()
  @ToDateTime()
  @IsDateTime()
  startsAt!: Date;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: `${DATE_TIME_INPUT}; not before startsAt`,
    example: '2023-09-12T12:00:00+07:00',
  })
  @IsOptional()
  @AcceptsDate()
  @ToDateTime()
  @IsDateTime()
  endsAt?: Date | null;

  @ApiPropertyOptional({ example: 'Hanoi', nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  location?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Organisations on the delegation side' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(ID_LIST_SIZE)
  @IsUUID(undefined, { each: true })
  organisationIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Organisations on the host side; none may also be in organisationIds' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(ID_LIST_SIZE)
  @IsUUID(undefined, { each: true })
  counterpartOrganisationIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'People on the delegation side' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(ID_LIST_SIZE)
  @IsUUID(undefined, { each: true })
  contactIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'People on the host side; none may also be in contactIds' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(ID_LIST_SIZE)
  @IsUUID(undefined, { each: true })
  counterpartContactIds?: string[];

  @ApiPropertyOptional({ type: [String], example: ['port management and infrastructure', 'smart logistics'] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  topics?: string[];

  @ApiPropertyOptional({ description: 'For seminars, forums and receptions', minimum: 0, nullable: true, example: 101 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  attendeeCount?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  summary?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'What came out of it' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  outcome?: string | null;

  @ApiPropertyOptional({ description: 'Marks invented demo data', default: false })
  @IsOmittable()
  @IsBoolean()
  synthetic?: boolean;
}

/** A list given here replaces that side's list; a list left out is kept. */
export class MeetingUpdateDto extends IntersectionType(PartialType(MeetingCreateDto, { skipNullProperties: false }), VersionedUpdateDto) {}

export const MEETING_SORT_FIELDS = ['startsAt', 'title', 'createdAt'] as const;

export class MeetingSearchDto extends ArchivableListQueryDto {
  @SortsBy(MEETING_SORT_FIELDS)
  override sort?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  missionId?: string;

  @ApiPropertyOptional({ enum: MEETING_KINDS })
  @IsOptional()
  @IsIn(MEETING_KINDS)
  kind?: MeetingKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Meetings with this organisation on either side' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Meetings with this person on either side' })
  @IsOptional()
  @IsUUID()
  contactId?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: `Meetings starting at or after this time: ${DATE_TIME_INPUT}` })
  @IsOptional()
  @AcceptsDate()
  @ToDateTime()
  @IsDateTime()
  startsAfter?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: `Meetings starting before this time (exclusive): ${DATE_TIME_INPUT}` })
  @IsOptional()
  @AcceptsDate()
  @ToDateTime()
  @IsDateTime()
  @IsNotBefore('startsAfter')
  startsBefore?: Date;

  @BooleanQueryParam()
  synthetic?: boolean;
}

export type MeetingSortField = (typeof MEETING_SORT_FIELDS)[number];

export class MeetingResponseDto extends ArchivableResponseDto {
  @ApiProperty({ format: 'uuid' }) missionId!: string;
  @ApiProperty({ enum: MEETING_KINDS }) kind!: MeetingKind;
  @ApiProperty() title!: string;
  @ApiProperty() startsAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) endsAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The delegation side' }) organisationIds!: string[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'The host side' }) counterpartOrganisationIds!: string[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'The delegation side' }) contactIds!: string[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'The host side' }) counterpartContactIds!: string[];
  @ApiProperty({ type: [String] }) topics!: string[];
  @ApiProperty({ type: Number, nullable: true }) attendeeCount!: number | null;
  @ApiProperty({ type: String, nullable: true }) summary!: string | null;
  @ApiProperty({ type: String, nullable: true }) outcome!: string | null;
  @ApiProperty() synthetic!: boolean;
}

export const MeetingPageDto = PageResponseDto(MeetingResponseDto, 'MeetingPageDto');

/** A meeting's organisation and contact rows, both sides. */
export interface MeetingLinks {
  organisations: MeetingOrganisation[];
  contacts: MeetingContact[];
}

const idsOn = <T extends { side: string }>(links: T[], side: string, id: (link: T) => string): string[] =>
  links
    .filter((link) => link.side === side)
    .map(id)
    .sort();

export function mapMeeting(meeting: Meeting, links: MeetingLinks): MeetingResponseDto {
  return {
    id: meeting.id,
    missionId: meeting.missionId,
    kind: meeting.kind,
    title: meeting.title,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    location: meeting.location,
    organisationIds: idsOn(links.organisations, 'delegation', (link) => link.organisationId),
    counterpartOrganisationIds: idsOn(links.organisations, 'counterpart', (link) => link.organisationId),
    contactIds: idsOn(links.contacts, 'delegation', (link) => link.contactId),
    counterpartContactIds: idsOn(links.contacts, 'counterpart', (link) => link.contactId),
    topics: meeting.topics,
    attendeeCount: meeting.attendeeCount,
    summary: meeting.summary,
    outcome: meeting.outcome,
    synthetic: meeting.synthetic,
    version: meeting.version,
    createdAt: meeting.createdAt,
    updatedAt: meeting.updatedAt,
    archivedAt: meeting.archivedAt ?? null,
  };
}
