import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Query, type StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { IdParam } from '../common/id-param.js';
import type { Page } from '../common/paging.js';
import { exportFormat } from '../exports/accept.js';
import { ApiListExport } from '../exports/list-export.decorator.js';
import { UserCreateDto, UserPageDto, UserResponseDto, UserSearchDto, UserUpdateDto } from './users.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a user (an officer): role, language, time zone, reminder preference and optionally a password' })
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiErrors(400, 409, 413, 415)
  create(@Body() body: UserCreateDto): Promise<UserResponseDto> {
    return this.users.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'Find users by role, language, reminder preference, name or e-mail' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiListExport()
  @ApiErrors(400)
  search(@Query() query: UserSearchDto, @Headers('accept') accept?: string): Promise<Page<UserResponseDto>> | StreamableFile {
    const format = exportFormat(accept);
    return format ? this.users.exportList(query, format) : this.users.search(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one user' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiErrors(400, 404)
  get(@IdParam() id: string): Promise<UserResponseDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary: 'Change some fields of a user, or set a new password (which signs them out everywhere). The last active admin cannot be demoted (409 last_admin)',
  })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiErrors(400, 404, 409, 413, 415)
  update(@IdParam() id: string, @Body() body: UserUpdateDto): Promise<UserResponseDto> {
    return this.users.update(id, body);
  }

  @Post(':id/restore')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Bring an archived user back into lists and search (admins): they can sign in again; the sessions that ended stay ended. Restoring one that is not archived changes nothing',
  })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiErrors(400, 404, 409)
  restore(@IdParam() id: string): Promise<UserResponseDto> {
    return this.users.restore(id);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Archive a user: their sessions and API tokens end at once; escalations planned for them go to the mission\'s officer or an admin, their other planned reminders are cancelled (reason "recipient archived"); they leave lists and search but stay readable by id; their e-mail address becomes free. The last active admin cannot be archived (409 last_admin)',
  })
  @ApiNoContentResponse()
  @ApiErrors(400, 404, 409)
  async archive(@IdParam() id: string): Promise<void> {
    await this.users.archive(id);
  }
}
