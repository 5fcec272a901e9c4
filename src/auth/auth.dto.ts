import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsNotEmpty, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ListQueryDto, PageResponseDto } from '../common/paging.js';
import { Trim, IsOmittable } from '../common/validators.js';
import { AcceptsDate, DATE_TIME_INPUT, IsDateTime, ToDateTime } from '../common/date-time.js';
import { VersionedUpdateDto } from '../common/version.js';
import { UserCreateDto, UserResponseDto } from '../users/users.dto.js';
import type { ApiToken } from './api-token.entity.js';

export class LoginDto {
  @ApiProperty({ example: 'an.peeters@fitagency.be' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(320)
  email!: string;

  @ApiProperty({ writeOnly: true, example: 'Hanoi-Haiphong-2023' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token of the last sign-in or refresh; it can be used once' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken!: string;
}

/** What a signed-in user changes about themself: their settings, and their password with the current one. */
export class MeUpdateDto extends IntersectionType(
  PartialType(PickType(UserCreateDto, ['name', 'language', 'timeZone', 'reminderMode'] as const), { skipNullProperties: false }),
  VersionedUpdateDto,
) {
  @ApiPropertyOptional({ writeOnly: true, description: 'The password you sign in with now; required with newPassword' })
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  currentPassword?: string;

  @ApiPropertyOptional({ writeOnly: true, minLength: 12, maxLength: 200, description: 'Stored as a hash, never returned; your other sessions are signed out' })
  @IsOmittable()
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  newPassword?: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'an.peeters@fitagency.be' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(320)
  email!: string;
}

export class PasswordResetAcceptedDto {
  @ApiProperty({ example: 'If an account has this address, a link to set a new password is on its way; it works once, within an hour.' })
  message!: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ writeOnly: true, description: 'The token of the link in the e-mail (PUBLIC_URL/reset-password?token=…)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token!: string;

  @ApiProperty({ writeOnly: true, minLength: 12, maxLength: 200, description: 'Stored as a hash, never returned' })
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  newPassword!: string;
}

export class InvitationCreateDto {
  @ApiProperty({ format: 'uuid', description: 'The user to invite: they get an e-mail with a link to choose their password' })
  @IsUUID()
  userId!: string;
}

export class InvitationResponseDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ description: 'Until when the link works' }) expiresAt!: Date;
  @ApiProperty({ description: 'Whether the e-mail was accepted for delivery; if not, invite again' }) sent!: boolean;
}

export class SessionResponseDto {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`; a JWT valid for `expiresIn` seconds' })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn!: number;

  @ApiProperty({ description: 'Exchange at POST /auth/refresh for a new pair before the access token expires; valid once' })
  refreshToken!: string;

  @ApiProperty({ description: 'When the refresh token expires' })
  refreshExpiresAt!: Date;

  @ApiProperty({ type: UserResponseDto })
  user!: UserResponseDto;
}

export class ApiTokenCreateDto {
  @ApiProperty({ description: 'What the token is for, to recognise it later', example: 'Quarterly report script' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    description: `When the token stops working: in the future, at most one year ahead. ${DATE_TIME_INPUT}`,
    example: '2024-03-31T23:59:59Z',
  })
  @AcceptsDate()
  @ToDateTime()
  @IsDateTime()
  expiresAt!: Date;

  @ApiPropertyOptional({ description: 'Only GET and HEAD requests', default: false })
  @IsOmittable()
  @IsBoolean()
  readOnly?: boolean;
}

/** Paging only: a user has a handful of tokens, newest first. */
export class ApiTokenListDto extends PickType(ListQueryDto, ['limit', 'offset'] as const) {}

export class ApiTokenResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The start of the token, to recognise it', example: 'mcrm_Xy3kP9aQ' }) prefix!: string;
  @ApiProperty() readOnly!: boolean;
  @ApiProperty() expiresAt!: Date;
  @ApiProperty({ type: Date, nullable: true, description: 'Last use, to the minute' }) lastUsedAt!: Date | null;
  @ApiProperty() createdAt!: Date;
}

export class ApiTokenCreatedDto extends ApiTokenResponseDto {
  @ApiProperty({ description: 'The token itself: shown this once, never again. Send as `Authorization: Bearer <token>`', example: 'mcrm_Xy3kP9aQ…' })
  token!: string;
}

export const ApiTokenPageDto = PageResponseDto(ApiTokenResponseDto, 'ApiTokenPageDto');

/** Never the hash: a token's secret leaves the service only once, in the creation response. */
export function mapApiToken(token: ApiToken): ApiTokenResponseDto {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    readOnly: token.readOnly,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
    createdAt: token.createdAt,
  };
}
