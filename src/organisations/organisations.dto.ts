import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsISO31661Alpha2, IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { SearchableByIdListQueryDto, PageResponseDto, SortsBy } from '../common/paging.js';
import { IsEnterpriseNumber, normaliseEnterpriseNumber, BooleanQueryParam, Trim, UpperCase, IsOmittable } from '../common/validators.js';
import { VersionedUpdateDto } from '../common/version.js';
import { ORGANISATION_KINDS, type Organisation, type OrganisationKind } from './organisation.entity.js';
import { ArchivableResponseDto } from '../common/record.dto.js';

export class OrganisationCreateDto {
  @ApiProperty({ example: 'NXTPORT International' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS, example: 'company' })
  @IsIn(ORGANISATION_KINDS)
  kind!: OrganisationKind;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'BE' })
  @UpperCase()
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 country code such as BE or VN' })
  country!: string;

  @ApiPropertyOptional({ example: 'Antwerp', nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  city?: string | null;

  @ApiPropertyOptional({ example: 'https://www.example.be', nullable: true })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { message: 'website must be an http(s) URL' })
  @MaxLength(500)
  website?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['logistics', 'ports'] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  sectors?: string[];

  @ApiPropertyOptional({ description: 'Belgian KBO/BCE enterprise number; dots, spaces and a BE prefix are accepted', example: '0403170701', nullable: true })
  @IsOptional()
  @Transform(({ value }) => normaliseEnterpriseNumber(value))
  @IsEnterpriseNumber()
  enterpriseNumber?: string | null;

  @ApiPropertyOptional({ description: 'Marks invented demo data', default: false })
  @IsOmittable()
  @IsBoolean()
  synthetic?: boolean;
}

export class OrganisationUpdateDto extends IntersectionType(PartialType(OrganisationCreateDto, { skipNullProperties: false }), VersionedUpdateDto) {}

export const ORGANISATION_SORT_FIELDS = ['name', 'country', 'kind', 'createdAt', 'updatedAt'] as const;

export class OrganisationSearchDto extends SearchableByIdListQueryDto {
  @SortsBy(ORGANISATION_SORT_FIELDS)
  override sort?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @UpperCase()
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 country code such as BE or VN' })
  country?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  @ApiPropertyOptional({ description: 'Organisations active in this sector' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sector?: string;

  @BooleanQueryParam()
  synthetic?: boolean;
}

export type OrganisationSortField = (typeof ORGANISATION_SORT_FIELDS)[number];

export class OrganisationResponseDto extends ArchivableResponseDto {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind!: OrganisationKind;
  @ApiProperty() country!: string;
  @ApiProperty({ type: String, nullable: true }) city!: string | null;
  @ApiProperty({ type: String, nullable: true }) website!: string | null;
  @ApiProperty({ type: [String] }) sectors!: string[];
  @ApiProperty({ type: String, nullable: true }) enterpriseNumber!: string | null;
  @ApiProperty() synthetic!: boolean;
}

export const OrganisationPageDto = PageResponseDto(OrganisationResponseDto, 'OrganisationPageDto');

export function mapOrganisation(organisation: Organisation): OrganisationResponseDto {
  return {
    id: organisation.id,
    name: organisation.name,
    kind: organisation.kind,
    country: organisation.country,
    city: organisation.city,
    website: organisation.website,
    sectors: organisation.sectors,
    enterpriseNumber: organisation.enterpriseNumber,
    synthetic: organisation.synthetic,
    version: organisation.version,
    createdAt: organisation.createdAt,
    updatedAt: organisation.updatedAt,
    archivedAt: organisation.archivedAt ?? null,
  };
}
