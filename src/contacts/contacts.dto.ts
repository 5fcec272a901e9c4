import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { SearchableByIdListQueryDto, PageResponseDto, SortsBy } from '../common/paging.js';
import { BooleanQueryParam, Trim, IsOmittable } from '../common/validators.js';
import { VersionedUpdateDto } from '../common/version.js';
import { CONTACT_LANGUAGES, type Contact, type ContactLanguage } from './contact.entity.js';
import { ArchivableResponseDto } from '../common/record.dto.js';

/** Phone numbers as people write them: "+84 24 3825 3536", "(03) 123 45 67", "02/553 61 11". */
const PHONE = /^\+?[\d\s()/-]*\d[\d\s()/-]*$/;

export class ContactCreateDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The organisation the person works for' })
  @IsOptional()
  @IsUUID(undefined, { message: 'organisationId must be a UUID' })
  organisationId?: string | null;

  @ApiProperty({ example: 'Pham Minh Chinh' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ description: 'Role or title', example: 'Prime Minister', nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  role?: string | null;

  @ApiPropertyOptional({ example: 'info@vinamarine.gov.vn', nullable: true })
  @IsOptional()
  @Trim()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(320)
  email?: string | null;

  @ApiPropertyOptional({ description: 'Digits, spaces, a leading +, and - ( ) /', example: '+84 24 3768 3065', nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(50)
  @Matches(PHONE, { message: 'phone must be a phone number: digits, spaces, a leading + and - ( ) /' })
  phone?: string | null;

  @ApiPropertyOptional({ enum: CONTACT_LANGUAGES, default: 'nl', description: 'The language a survey invitation to this person is written in' })
  @IsOmittable()
  @IsIn(CONTACT_LANGUAGES, { message: `language must be one of ${CONTACT_LANGUAGES.join(', ')}` })
  language?: ContactLanguage;

  @ApiPropertyOptional({ description: 'Marks invented demo data', default: false })
  @IsOmittable()
  @IsBoolean()
  synthetic?: boolean;
}

export class ContactUpdateDto extends IntersectionType(PartialType(ContactCreateDto, { skipNullProperties: false }), VersionedUpdateDto) {}

export const CONTACT_SORT_FIELDS = ['name', 'createdAt'] as const;

export class ContactSearchDto extends SearchableByIdListQueryDto {
  @SortsBy(CONTACT_SORT_FIELDS)
  override sort?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Contacts of this organisation' })
  @IsOptional()
  @IsUUID(undefined, { message: 'organisationId must be a UUID' })
  organisationId?: string;

  @BooleanQueryParam()
  synthetic?: boolean;
}

export type ContactSortField = (typeof CONTACT_SORT_FIELDS)[number];

export class ContactResponseDto extends ArchivableResponseDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organisationId!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) role!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ enum: CONTACT_LANGUAGES }) language!: ContactLanguage;
  @ApiProperty() synthetic!: boolean;
}

export const ContactPageDto = PageResponseDto(ContactResponseDto, 'ContactPageDto');

export function mapContact(contact: Contact): ContactResponseDto {
  return {
    id: contact.id,
    organisationId: contact.organisationId,
    name: contact.name,
    role: contact.role,
    email: contact.email,
    phone: contact.phone,
    language: contact.language,
    synthetic: contact.synthetic,
    version: contact.version,
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
    archivedAt: contact.archivedAt ?? null,
  };
}
