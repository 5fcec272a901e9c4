import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CONTACT_LANGUAGES, type ContactLanguage } from '../contacts/contact.entity.js';
import { IsDateOnly, Trim, IsOmittable } from '../common/validators.js';

/** Days before closing that those who have not answered get their one reminder, unless told otherwise. */
export const DEFAULT_REMINDER_DAYS_BEFORE = 3;

export class SurveyOpenDto {
  @ApiProperty({ format: 'date', description: "The last day answers are taken (in the agency's time zone); today or later", example: '2023-10-06' })
  @IsDateOnly()
  closesOn!: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 60,
    default: DEFAULT_REMINDER_DAYS_BEFORE,
    description: 'Days before closing that those who have not answered are reminded once',
  })
  @IsOmittable()
  @IsInt({ message: 'reminderDaysBefore must be a whole number of days' })
  @Min(1)
  @Max(60)
  reminderDaysBefore?: number;
}

export class SurveyMessageCountsDto {
  @ApiProperty() planned!: number;
  @ApiProperty() sent!: number;
  @ApiProperty({ description: 'Not sent, and why is recorded: already answered, survey closed, contact archived' }) skipped!: number;
  @ApiProperty() failed!: number;
}

export class SurveyProgressDto {
  @ApiProperty({ format: 'uuid' }) missionId!: string;
  @ApiProperty({ format: 'date' }) closesOn!: string;
  @ApiProperty({ description: 'Whether answering has ended' }) closed!: boolean;
  @ApiProperty() reminderDaysBefore!: number;
  @ApiProperty({ description: 'Organisations on the delegation' }) participants!: number;
  @ApiProperty({ description: 'Participants invited (through at least one delegate with an e-mail address)' }) invited!: number;
  @ApiProperty({ description: 'Delegates invited' }) delegatesInvited!: number;
  @ApiProperty({ description: 'Participants that could not be invited: no delegate with an e-mail address' }) withoutAddress!: number;
  @ApiProperty({ description: 'Invited participants that have answered' }) answered!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'answered / invited, 0–1, two decimals' }) responseRate!: number | null;
  @ApiProperty({ type: Number, nullable: true }) averageScore!: number | null;
  @ApiProperty() invitations!: SurveyMessageCountsDto;
  @ApiProperty() reminders!: SurveyMessageCountsDto;
}

export const SURVEY_QUESTIONS = ['score', 'comment', 'wouldJoinAgain', 'b2bUseful'] as const;

export class SurveyQuestionDto {
  @ApiProperty({ enum: SURVEY_QUESTIONS }) id!: string;
  @ApiProperty({ enum: ['scale', 'text', 'yes_no'] }) type!: 'scale' | 'text' | 'yes_no';
  @ApiProperty({ description: "In the contact's language" }) text!: string;
  @ApiProperty() required!: boolean;
}

export class SurveyAnswerResponseDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) score!: number;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) wouldJoinAgain!: boolean | null;
  @ApiProperty({ type: Boolean, nullable: true }) b2bUseful!: boolean | null;
  @ApiProperty() receivedAt!: Date;
}

/** What the person with a survey link sees: nothing beyond their mission, company and name. */
export class SurveyFormDto {
  @ApiProperty() missionTitle!: string;
  @ApiProperty({ format: 'date' }) missionStartDate!: string;
  @ApiProperty({ format: 'date' }) missionEndDate!: string;
  @ApiProperty() organisation!: string;
  @ApiProperty() contactName!: string;
  @ApiProperty({ enum: CONTACT_LANGUAGES }) language!: ContactLanguage;
  @ApiProperty({ format: 'date' }) closesOn!: string;
  @ApiProperty({ type: [SurveyQuestionDto] }) questions!: SurveyQuestionDto[];
  @ApiProperty({ type: SurveyAnswerResponseDto, nullable: true, description: "The company's answer that counts now, if any" })
  answer!: SurveyAnswerResponseDto | null;
}

export class SurveyAnswerDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: '1 (poor) to 5 (excellent)' })
  @IsIn([1, 2, 3, 4, 5], { message: 'score must be a whole number from 1 to 5' })
  score!: number;

  @ApiPropertyOptional({ maxLength: 4000, nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(4000)
  comment?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Would you take part in a mission like this again?' })
  @IsOptional()
  @IsBoolean({ message: 'wouldJoinAgain must be true or false' })
  wouldJoinAgain?: boolean | null;

  @ApiPropertyOptional({ nullable: true, description: 'Were the B2B meetings useful?' })
  @IsOptional()
  @IsBoolean({ message: 'b2bUseful must be true or false' })
  b2bUseful?: boolean | null;
}

const QUESTIONS: Record<ContactLanguage, Record<(typeof SURVEY_QUESTIONS)[number], string>> = {
  nl: {
    score: 'Hoe tevreden bent u over de missie? (1 = slecht, 5 = uitstekend)',
    comment: 'Wat wilt u ons nog meegeven?',
    wouldJoinAgain: 'Zou u opnieuw deelnemen aan een gelijkaardige missie?',
    b2bUseful: 'Waren de b2b-gesprekken nuttig voor uw bedrijf?',
  },
  en: {
    score: 'How satisfied are you with the mission? (1 = poor, 5 = excellent)',
    comment: 'Anything else you would like to tell us?',
    wouldJoinAgain: 'Would you take part in a similar mission again?',
    b2bUseful: 'Were the B2B meetings useful for your company?',
  },
};

export function surveyQuestions(language: ContactLanguage): SurveyQuestionDto[] {
  const text = QUESTIONS[language];
  return [
    { id: 'score', type: 'scale', text: text.score, required: true },
    { id: 'comment', type: 'text', text: text.comment, required: false },
    { id: 'wouldJoinAgain', type: 'yes_no', text: text.wouldJoinAgain, required: false },
    { id: 'b2bUseful', type: 'yes_no', text: text.b2bUseful, required: false },
  ];
}
