import { Body, Controller, Get, Headers, HttpCode, Post, Query, type StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { IdParam } from '../common/id-param.js';
import type { Page } from '../common/paging.js';
import { exportFormat } from '../exports/accept.js';
import { ApiListExport } from '../exports/list-export.decorator.js';
import { ActionReminderSearchDto, ReminderPageDto, ReminderResponseDto, ReminderSearchDto, ReminderSkipDto, ReminderSnoozeDto } from './reminders.dto.js';
import { RemindersService } from './reminders.service.js';

@ApiTags('reminders')
@Controller()
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Get('reminders')
  @ApiOperation({ summary: 'Planned and sent reminders, by action, recipient, status or kind' })
  @ApiOkResponse({ type: ReminderPageDto })
  @ApiListExport()
  @ApiErrors(400)
  search(@Query() query: ReminderSearchDto, @Headers('accept') accept?: string): Promise<Page<ReminderResponseDto>> | StreamableFile {
    const format = exportFormat(accept);
    return format ? this.reminders.exportList(query, format) : this.reminders.search(query);
  }

  @Get('actions/:id/reminders')
  @ApiOperation({ summary: "An action's planned and sent reminders" })
  @ApiOkResponse({ type: ReminderPageDto })
  @ApiListExport()
  @ApiErrors(400, 404)
  forAction(
    @IdParam() id: string,
    @Query() query: ActionReminderSearchDto,
    @Headers('accept') accept?: string,
  ): Promise<Page<ReminderResponseDto> | StreamableFile> {
    const format = exportFormat(accept);
    return format ? this.reminders.exportForAction(id, query, format) : this.reminders.forAction(id, query);
  }

  @Get('reminders/:id')
  @ApiOperation({ summary: 'One reminder, with its delivery record' })
  @ApiOkResponse({ type: ReminderResponseDto })
  @ApiErrors(400, 404)
  get(@IdParam() id: string): Promise<ReminderResponseDto> {
    return this.reminders.get(id);
  }

  @Post('reminders/:id/snooze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a planned reminder later' })
  @ApiOkResponse({ type: ReminderResponseDto })
  @ApiErrors(400, 404, 409)
  snooze(@IdParam() id: string, @Body() body: ReminderSnoozeDto): Promise<ReminderResponseDto> {
    return this.reminders.snooze(id, body);
  }

  @Post('reminders/:id/skip')
  @HttpCode(200)
  @ApiOperation({ summary: 'Do not send this planned reminder' })
  @ApiOkResponse({ type: ReminderResponseDto })
  @ApiErrors(400, 404, 409)
  skip(@IdParam() id: string, @Body() body: ReminderSkipDto): Promise<ReminderResponseDto> {
    return this.reminders.skip(id, body);
  }
}
