import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ArchivableListQueryDto, PageResponseDto, SortsBy } from '../common/paging.js';
import { IsDateOnly, IsNotBefore, Trim, IsOmittable } from '../common/validators.js';
import { VersionedUpdateDto } from '../common/version.js';
import { AGREEMENT_STATUSES, AGREEMENT_TYPES, type Agreement, type AgreementStatus, type AgreementType } from './agreement.entity.js';
import { ArchivableResponseDto } from '../common/record.dto.js';

/** Naming a party twice does not make it two parties. */
const Distinct = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (Array.isArray(value) && value.every((item) => typeof item === 'string') ? [...new Set(value)] : value));

export class AgreementCreateDto {
  @ApiProperty({ enum: AGREEMENT_TYPES, description: 'mou: memorandum of understanding; loi: letter of intent', example: 'mou' })
  @IsIn(AGREEMENT_TYPES)
  type!: AgreementType;

  @ApiProperty({ example: 'MoU Vinamarine – Flemish Department of Chancellery and Foreign Affairs' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiProperty({ type: [String], format: 'uuid', minItems: 2, description: 'The organisations that are party to it: at least two different ones' })
  @Distinct()
  @IsArray()
  @ArrayMinSize(2, { message: 'partyIds must name at least two different organisations' })
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  partyIds!: string[];

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'The mission during which it was signed or prepared; taken from the meeting when only meetingId is given',
  })
  @IsOptional()
  @IsUUID()
  missionId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The meeting at which it was signed; it must belong to missionId' })
  @IsOptional()
  @IsUUID()
  meetingId?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '2023-09-12',
    description:
      'YYYY-MM-DD. Not required for any status: old agreements are often on record without their signing date (the MOW MoU is known only as "since 1995").',
  })
  @IsOptional()
  @IsDateOnly()
  signedOn?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['greenhouse-gas reduction', 'energy transition'] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  themes?: string[];

  @ApiPropertyOptional({ enum: AGREEMENT_STATUSES, default: 'planned', description: 'No status requires signedOn (see signedOn)' })
  @IsOmittable()
  @IsIn(AGREEMENT_STATUSES)
  status?: AgreementStatus;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2023-09-12' })
  @IsOptional()
  @IsDateOnly()
  validFrom?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Not before validFrom', example: '2028-09-11' })
  @IsOptional()
  @IsDateOnly()
  @IsNotBefore('validFrom')
  validUntil?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'When it is up for renewal' })
  @IsOptional()
  @IsDateOnly()
  renewalOn?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string | null;
}

/** partyIds, when given, replaces the parties. */
export class AgreementUpdateDto extends IntersectionType(PartialType(AgreementCreateDto, { skipNullProperties: false }), VersionedUpdateDto) {}

export const AGREEMENT_SORT_FIELDS = ['signedOn', 'title', 'createdAt'] as const;

export class AgreementSearchDto extends ArchivableListQueryDto {
  @SortsBy(AGREEMENT_SORT_FIELDS)
  override sort?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  missionId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  meetingId?: string;

  @ApiPropertyOptional({ enum: AGREEMENT_STATUSES })
  @IsOptional()
  @IsIn(AGREEMENT_STATUSES)
  status?: AgreementStatus;

  @ApiPropertyOptional({ enum: AGREEMENT_TYPES })
  @IsOptional()
  @IsIn(AGREEMENT_TYPES)
  type?: AgreementType;

  @ApiPropertyOptional({ format: 'uuid', description: 'Agreements this organisation is party to' })
  @IsOptional()
  @IsUUID()
  partyId?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Signed on or after this date' })
  @IsOptional()
  @IsDateOnly()
  signedAfter?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Signed on or before this date' })
  @IsOptional()
  @IsDateOnly()
  @IsNotBefore('signedAfter')
  signedBefore?: string;
}

export type AgreementSortField = (typeof AGREEMENT_SORT_FIELDS)[number];

export class AgreementResponseDto extends ArchivableResponseDto {
  @ApiProperty({ enum: AGREEMENT_TYPES }) type!: AgreementType;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) partyIds!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) missionId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) meetingId!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) signedOn!: string | null;
  @ApiProperty({ type: [String] }) themes!: string[];
  @ApiProperty({ enum: AGREEMENT_STATUSES }) status!: AgreementStatus;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validFrom!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validUntil!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) renewalOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
}

export const AgreementPageDto = PageResponseDto(AgreementResponseDto, 'AgreementPageDto');

export function mapAgreement(agreement: Agreement): AgreementResponseDto {
  return {
    id: agreement.id,
    type: agreement.type,
    title: agreement.title,
    partyIds: [...agreement.partyIds].sort(),
    missionId: agreement.missionId,
    meetingId: agreement.meetingId,
    signedOn: agreement.signedOn,
    themes: agreement.themes,
    status: agreement.status,
    validFrom: agreement.validFrom,
    validUntil: agreement.validUntil,
    renewalOn: agreement.renewalOn,
    description: agreement.description,
    version: agreement.version,
    createdAt: agreement.createdAt,
    updatedAt: agreement.updatedAt,
    archivedAt: agreement.archivedAt ?? null,
  };
}
