import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Query, Req, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { ErrorResponseDto } from '../common/error-response.dto.js';
import { IdParam } from '../common/id-param.js';
import type { Page } from '../common/paging.js';
import { exportFormat } from '../exports/accept.js';
import { ApiListExport } from '../exports/list-export.decorator.js';
import { USER_ROLES } from '../users/user.entity.js';
import { UserResponseDto } from '../users/users.dto.js';
import { ApiTokensService } from './api-tokens.service.js';
import {
  ApiTokenCreateDto,
  ApiTokenCreatedDto,
  ApiTokenListDto,
  ApiTokenPageDto,
  type ApiTokenResponseDto,
  InvitationCreateDto,
  InvitationResponseDto,
  LoginDto,
  MeUpdateDto,
  PasswordResetAcceptedDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RefreshDto,
  SessionResponseDto,
} from './auth.dto.js';
import { type Authentication, AuthService } from './auth.service.js';
import { LoginRateLimitGuard } from './login-rate-limit.service.js';
import { PasswordTokensService, RESET_ACCEPTED } from './password-tokens.service.js';
import { Public, Roles } from './roles.decorator.js';

const signedIn = (request: FastifyRequest): Authentication => request.auth!;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly apiTokens: ApiTokensService,
    private readonly passwordTokens: PasswordTokensService,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(LoginRateLimitGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail and password: an access token (short-lived) and a refresh token' })
  @ApiOkResponse({ type: SessionResponseDto })
  @ApiResponse({ status: 401, description: 'Wrong e-mail address or password', type: ErrorResponseDto })
  @ApiResponse({ status: 429, description: 'Too many attempts from this address or for this account; see Retry-After', type: ErrorResponseDto })
  @ApiErrors(400, 413, 415)
  login(@Body() body: LoginDto): Promise<SessionResponseDto> {
    return this.auth.login(body);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair; the old refresh token is used up' })
  @ApiOkResponse({ type: SessionResponseDto })
  @ApiResponse({ status: 401, description: 'Unknown, expired or already used refresh token', type: ErrorResponseDto })
  @ApiErrors(400, 413, 415)
  refresh(@Body() body: RefreshDto): Promise<SessionResponseDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: revoke the refresh token and with it the session; its access tokens stop working at once' })
  @ApiNoContentResponse()
  @ApiErrors(400, 413, 415)
  async logout(@Body() body: RefreshDto): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserResponseDto })
  me(@Req() request: FastifyRequest): Promise<UserResponseDto> {
    return this.auth.me(signedIn(request).actor.userId);
  }

  @Patch('me')
  @Roles(...USER_ROLES)
  @UseGuards(LoginRateLimitGuard)
  @ApiOperation({
    summary:
      'Change my name, language, time zone or reminder mode, and/or my password (newPassword with currentPassword: my other sessions are signed out, this one stays). Any signed-in user, for themself',
  })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiResponse({ status: 403, description: 'A password change asked with an API token: only a signed-in user changes the password', type: ErrorResponseDto })
  @ApiResponse({ status: 429, description: 'Too many password attempts for this account or from this address; see Retry-After', type: ErrorResponseDto })
  @ApiErrors(400, 409, 413, 415)
  updateMe(@Req() request: FastifyRequest, @Body() body: MeUpdateDto): Promise<UserResponseDto> {
    return this.auth.updateMe(signedIn(request), body);
  }

  @Post('password-reset')
  @Public()
  @UseGuards(LoginRateLimitGuard)
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Ask for a link to set a new password. The same answer whether or not the address has an account; if it has, an e-mail with PUBLIC_URL/reset-password?token=… (valid once, for an hour) goes to it. Limited like sign-in',
  })
  @ApiResponse({ status: 202, type: PasswordResetAcceptedDto, description: 'Accepted; the e-mail, if any, follows' })
  @ApiResponse({ status: 429, description: 'Too many attempts from this address or for this account; see Retry-After', type: ErrorResponseDto })
  @ApiErrors(400, 413, 415)
  requestPasswordReset(@Body() body: PasswordResetRequestDto): PasswordResetAcceptedDto {
    this.passwordTokens.requestReset(body.email);
    return { message: RESET_ACCEPTED };
  }

  @Post('password-reset/confirm')
  @Public()
  @UseGuards(LoginRateLimitGuard)
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Set a new password with the token of a reset or invitation link (the dashboard page PUBLIC_URL/reset-password sends it). The link is used up; every session of the user ends; then sign in. Limited like sign-in',
  })
  @ApiNoContentResponse()
  @ApiResponse({ status: 429, description: 'Too many attempts from this address; see Retry-After', type: ErrorResponseDto })
  @ApiErrors(400, 413, 415)
  async confirmPasswordReset(@Body() body: PasswordResetConfirmDto): Promise<void> {
    await this.passwordTokens.confirm(body);
  }

  @Post('invitations')
  @Roles('admin')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Admins: e-mail a user a link to choose their password (PUBLIC_URL/reset-password?token=…, valid once, for 7 days); for users made without a password. A new link voids the earlier ones',
  })
  @ApiCreatedResponse({ type: InvitationResponseDto })
  @ApiErrors(400, 404, 413, 415)
  invite(@Body() body: InvitationCreateDto): Promise<InvitationResponseDto> {
    return this.passwordTokens.invite(body.userId);
  }

  @Post('tokens')
  @Roles(...USER_ROLES)
  @ApiOperation({ summary: 'Create a personal API token; the token is in this response only' })
  @ApiCreatedResponse({ type: ApiTokenCreatedDto })
  @ApiResponse({ status: 403, description: 'Asked with an API token: only a signed-in user makes tokens', type: ErrorResponseDto })
  @ApiErrors(400, 413, 415)
  createToken(@Req() request: FastifyRequest, @Body() body: ApiTokenCreateDto): Promise<ApiTokenCreatedDto> {
    return this.apiTokens.create(signedIn(request), body);
  }

  @Get('tokens')
  @ApiOperation({ summary: 'My API tokens that are not revoked (never the token itself)' })
  @ApiOkResponse({ type: ApiTokenPageDto })
  @ApiListExport()
  @ApiErrors(400)
  listTokens(
    @Req() request: FastifyRequest,
    @Query() query: ApiTokenListDto,
    @Headers('accept') accept?: string,
  ): Promise<Page<ApiTokenResponseDto>> | StreamableFile {
    const format = exportFormat(accept);
    const userId = signedIn(request).actor.userId;
    return format ? this.apiTokens.exportList(userId, format) : this.apiTokens.list(userId, query);
  }

  @Delete('tokens/:id')
  @Roles(...USER_ROLES)
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke one of my API tokens' })
  @ApiNoContentResponse()
  @ApiErrors(400, 404)
  async revokeToken(@Req() request: FastifyRequest, @IdParam() id: string): Promise<void> {
    await this.apiTokens.revoke(signedIn(request).actor.userId, id);
  }
}
