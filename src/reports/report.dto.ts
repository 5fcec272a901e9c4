import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ACTION_KINDS, ACTION_STATUSES } from '../actions/action.entity.js';
import { DUE_PRECISIONS } from '../actions/due/due-window.js';
import { AGREEMENT_STATUSES, AGREEMENT_TYPES } from '../agreements/agreement.entity.js';
import { IsDateOnly } from '../common/validators.js';
import { MEETING_KINDS } from '../meetings/meeting.entity.js';
import { MISSION_TYPES } from '../missions/mission.entity.js';
import { ORGANISATION_KINDS } from '../organisations/organisation.entity.js';

export const REPORT_LANGUAGES = ['nl', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

export class ReportAsOfDto {
  @ApiPropertyOptional({ format: 'date', description: "The day the report speaks of, in the agency's time zone (default: today)", example: '2023-09-22' })
  @IsOptional()
  @IsDateOnly()
  asOf?: string;
}

export class ReportQueryDto extends ReportAsOfDto {
  @ApiPropertyOptional({ enum: REPORT_LANGUAGES, default: 'nl', description: 'Language of the text renderings (Markdown, HTML)' })
  @IsOptional()
  @IsIn(REPORT_LANGUAGES, { message: `lang must be one of ${REPORT_LANGUAGES.join(', ')}` })
  lang?: ReportLanguage;
}

export class ReportPersonDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) role!: string | null;
}

export class ReportPreviousMissionDto {
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date' }) startDate!: string;
  @ApiProperty({ format: 'date' }) endDate!: string;
}

export class ReportMissionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: MISSION_TYPES }) type!: string;
  @ApiProperty({ type: [String] }) hostCountries!: string[];
  @ApiProperty({ type: [String] }) cities!: string[];
  @ApiProperty({ format: 'date' }) startDate!: string;
  @ApiProperty({ format: 'date' }) endDate!: string;
  @ApiProperty({ type: String, nullable: true }) organiser!: string | null;
  @ApiProperty({ type: String, nullable: true }) theme!: string | null;
  @ApiProperty({ type: [String] }) focusSectors!: string[];
  @ApiProperty({ type: ReportPersonDto, nullable: true, description: 'The contact who led the mission' }) leader!: ReportPersonDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'Name of the responsible officer' }) officer!: string | null;
  @ApiProperty({ type: ReportPreviousMissionDto, nullable: true, description: 'The earlier mission this one followed up on' })
  previousMission!: ReportPreviousMissionDto | null;
}

export class ReportParticipantDto {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind!: string;
  @ApiProperty({ type: String, nullable: true }) city!: string | null;
  @ApiProperty({ type: [String] }) sectors!: string[];
  @ApiProperty({ description: 'Delegates registered for it' }) delegates!: number;
  @ApiProperty({ description: 'Invented demo data' }) synthetic!: boolean;
}

export class ReportSectorDto {
  @ApiProperty({ description: 'A sector, each company counted under its first one' }) sector!: string;
  @ApiProperty({ type: [String] }) companies!: string[];
}

export class ReportDelegationDto {
  @ApiProperty({ description: 'Organisations on the delegation' }) total!: number;
  @ApiProperty({ description: 'Of which companies' }) companies!: number;
  @ApiProperty({ type: [ReportSectorDto], description: 'Companies by their first sector' }) bySector!: ReportSectorDto[];
  @ApiProperty({ type: [ReportParticipantDto] }) participants!: ReportParticipantDto[];
}

export class ReportDayCountDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty() count!: number;
}

export class ReportB2bDto {
  @ApiProperty({ description: 'B2B meetings held by the report day' }) total!: number;
  @ApiProperty({ description: 'Delegation organisations that had at least one' }) companies!: number;
  @ApiProperty({ description: 'Distinct counterparts met' }) counterparts!: number;
  @ApiProperty({ type: [ReportDayCountDto], description: "Per day, in the mission's time zone" }) byDay!: ReportDayCountDto[];
}

export class ReportPartyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class ReportContactDto extends ReportPartyDto {
  @ApiProperty({ type: String, nullable: true }) role!: string | null;
}

export class ReportMeetingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: MEETING_KINDS }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty() startsAt!: Date;
  @ApiProperty({ format: 'date', description: "The day, in the mission's time zone" }) date!: string;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty({ type: [ReportPartyDto], description: 'Organisations met (the other side)' }) counterparts!: ReportPartyDto[];
  @ApiProperty({ type: [ReportContactDto], description: 'People met (the other side)' }) counterpartContacts!: ReportContactDto[];
  @ApiProperty({ description: 'Companies of the delegation that took part' }) companiesPresent!: number;
  @ApiProperty({ type: Number, nullable: true }) attendeeCount!: number | null;
  @ApiProperty({ type: [String] }) topics!: string[];
  @ApiProperty({ type: String, nullable: true }) summary!: string | null;
  @ApiProperty({ type: String, nullable: true }) outcome!: string | null;
  @ApiProperty() synthetic!: boolean;
}

const COUNTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export class ReportMeetingsDto {
  @ApiProperty({ description: 'Meetings held by the report day' }) total!: number;
  @ApiProperty({ ...COUNTS, description: 'Per kind; every kind is present' }) byKind!: Record<string, number>;
  @ApiProperty() b2b!: ReportB2bDto;
  @ApiProperty({ type: [ReportMeetingDto], description: 'Official meetings (with government and institutions)' }) official!: ReportMeetingDto[];
  @ApiProperty({ type: [ReportMeetingDto], description: 'Seminars, forums and receptions, with their attendance' }) events!: ReportMeetingDto[];
  @ApiProperty({ type: [ReportMeetingDto], description: 'Site visits and other meetings' }) visits!: ReportMeetingDto[];
}

export class ReportAgreementDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: AGREEMENT_TYPES }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [ReportPartyDto] }) parties!: ReportPartyDto[];
  @ApiProperty({ type: String, format: 'date', nullable: true }) signedOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validFrom!: string | null;
  @ApiProperty({ enum: AGREEMENT_STATUSES, description: 'On the report day (from the audit trail); planned until its signing day' }) status!: string;
  @ApiProperty({ type: [String] }) themes!: string[];
}

export class ReportAgreementsDto {
  @ApiProperty({ type: [ReportAgreementDto], description: "The mission's agreements past planning on the report day (signed, in force, …)" })
  signed!: ReportAgreementDto[];
  @ApiProperty({ type: [ReportAgreementDto], description: "The mission's agreements not (yet) signed then" }) planned!: ReportAgreementDto[];
  @ApiProperty({ type: [ReportAgreementDto], description: 'Earlier agreements in force that the mission built on: a party was met or is followed up with' })
  earlier!: ReportAgreementDto[];
}

export class ReportActionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ACTION_KINDS }) kind!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The due date as it was written, e.g. "najaar 2024"' }) dueLabel!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueFrom!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueTo!: string | null;
  @ApiProperty({ enum: DUE_PRECISIONS, nullable: true }) duePrecision!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerId!: string | null;
  @ApiProperty({ type: String, nullable: true }) ownerName!: string | null;
  @ApiProperty({ enum: ACTION_STATUSES, description: 'The status it had on the report day' }) status!: string;
  @ApiProperty({ description: 'Open or in progress then, with its window closed before that day' }) overdue!: boolean;
  @ApiProperty({ type: Date, nullable: true, description: 'When it was done, if by the report day' }) completedAt!: Date | null;
}

export class ReportActionsDto {
  @ApiProperty({ description: 'Actions that existed on the report day' }) total!: number;
  @ApiProperty({ ...COUNTS, description: 'Per status on that day; every status is present' }) byStatus!: Record<string, number>;
  @ApiProperty() overdue!: number;
  @ApiProperty({ type: [ReportActionDto], description: 'Soonest due first; no due date last' }) items!: ReportActionDto[];
}

export class ReportCommentDto {
  @ApiProperty() organisation!: string;
  @ApiProperty() comment!: string;
  @ApiProperty() synthetic!: boolean;
}

export class ReportYesNoDto {
  @ApiProperty() yes!: number;
  @ApiProperty() no!: number;
}

export class ReportSurveyDto {
  @ApiProperty({ description: 'Whether a survey was opened by the report day; without one the scores are those recorded by hand' }) opened!: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true }) closesOn!: string | null;
  @ApiProperty({ description: 'Participants asked: those invited, or without a survey the whole delegation' }) invited!: number;
  @ApiProperty({ description: 'Participants with an answer by the report day' }) answered!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'answered / invited, 0–1, two decimals' }) responseRate!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Average score 1–5, two decimals' }) averageScore!: number | null;
  @ApiProperty({ ...COUNTS, description: 'Answers per score, "1" to "5"', example: { 1: 0, 2: 0, 3: 0, 4: 5, 5: 19 } }) distribution!: Record<string, number>;
  @ApiProperty({ description: 'Would take part again (survey answers only)' }) wouldJoinAgain!: ReportYesNoDto;
  @ApiProperty({ description: 'Found the B2B meetings useful (survey answers only)' }) b2bUseful!: ReportYesNoDto;
  @ApiProperty({ type: [ReportCommentDto] }) comments!: ReportCommentDto[];
}

export class ReportDemoDataDto {
  @ApiProperty({ description: 'Whether anything in the report is invented demo data' }) present!: boolean;
  @ApiProperty({ description: 'Delegation organisations that are demo data' }) participants!: number;
  @ApiProperty({ description: 'Meetings that are demo data' }) meetings!: number;
}

/** What a mission produced, as it stood at the end of a day: the facts of a parliamentary answer. */
export class MissionReportDto {
  @ApiProperty({ format: 'date', description: "The report day, in the agency's time zone" }) asOf!: string;
  @ApiProperty({ enum: REPORT_LANGUAGES }) language!: ReportLanguage;
  @ApiProperty() mission!: ReportMissionDto;
  @ApiProperty() delegation!: ReportDelegationDto;
  @ApiProperty() meetings!: ReportMeetingsDto;
  @ApiProperty() agreements!: ReportAgreementsDto;
  @ApiProperty() actions!: ReportActionsDto;
  @ApiProperty() survey!: ReportSurveyDto;
  @ApiProperty() demoData!: ReportDemoDataDto;
}
