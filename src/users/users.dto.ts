import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { SearchableByIdListQueryDto, PageResponseDto, SortsBy } from '../common/paging.js';
import { IsTimeZone, Trim } from '../common/validators.js';
import { VersionedUpdateDto } from '../common/version.js';
import { type Language, LANGUAGES, type ReminderMode, REMINDER_MODES, type User, USER_ROLES, type UserRole } from './user.entity.js';
import { ArchivableResponseDto } from '../common/record.dto.js';

/** Every user setting has a value: it may be left out (a default applies) but never sent as null. */
const Omittable = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

const LowerCase = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

export class UserCreateDto {
  @ApiProperty({ description: 'Stored lower-cased; unique among users', example: 'an.peeters@fitagency.be' })
  @LowerCase()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'An Peeters' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ enum: USER_ROLES, default: 'officer' })
  @Omittable()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'nl', description: 'Language of reminders and the dashboard' })
  @Omittable()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ description: 'IANA time zone in which reminders are timed', default: 'Europe/Brussels', example: 'Asia/Ho_Chi_Minh' })
  @Omittable()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ enum: REMINDER_MODES, default: 'each', description: 'A message per reminder, or one daily digest' })
  @Omittable()
  @IsIn(REMINDER_MODES)
  reminderMode?: ReminderMode;

  @ApiPropertyOptional({ description: 'Write-only: stored as a hash, never returned', minLength: 12, maxLength: 200, writeOnly: true })
  @Omittable()
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password?: string;
}

export class UserUpdateDto extends IntersectionType(PartialType(UserCreateDto, { skipNullProperties: false }), VersionedUpdateDto) {}

export const USER_SORT_FIELDS = ['name', 'email', 'createdAt'] as const;

export class UserSearchDto extends SearchableByIdListQueryDto {
  @SortsBy(USER_SORT_FIELDS)
  override sort?: string;

  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ enum: REMINDER_MODES })
  @IsOptional()
  @IsIn(REMINDER_MODES)
  reminderMode?: ReminderMode;
}

export type UserSortField = (typeof USER_SORT_FIELDS)[number];

export class UserResponseDto extends ArchivableResponseDto {
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: USER_ROLES }) role!: UserRole;
  @ApiProperty({ enum: LANGUAGES }) language!: Language;
  @ApiProperty() timeZone!: string;
  @ApiProperty({ enum: REMINDER_MODES }) reminderMode!: ReminderMode;
}

export const UserPageDto = PageResponseDto(UserResponseDto, 'UserPageDto');

/** Picks fields one by one so that nothing secret can ride along from the row. */
export function mapUser(user: User): UserResponseDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    language: user.language,
    timeZone: user.timeZone,
    reminderMode: user.reminderMode,
    version: user.version,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    archivedAt: user.archivedAt ?? null,
  };
}
