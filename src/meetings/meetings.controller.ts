import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Query, type StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { IdParam } from '../common/id-param.js';
import type { Page } from '../common/paging.js';
import { exportFormat } from '../exports/accept.js';
import { ApiListExport } from '../exports/list-export.decorator.js';
import { MeetingCreateDto, MeetingPageDto, MeetingResponseDto, MeetingSearchDto, MeetingUpdateDto } from './meetings.dto.js';
import { MeetingsService } from './meetings.service.js';

@ApiTags('meetings')
@Controller('meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Post()
  @ApiOperation({ summary: 'Record a meeting of a mission, with the organisations and people on each side' })
  @ApiCreatedResponse({ type: MeetingResponseDto })
  @ApiErrors(400, 413, 415)
  create(@Body() body: MeetingCreateDto): Promise<MeetingResponseDto> {
    return this.meetings.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'Find meetings by mission, kind, organisation, contact, time or title; by default in order of start' })
  @ApiOkResponse({ type: MeetingPageDto })
  @ApiListExport()
  @ApiErrors(400)
  search(@Query() query: MeetingSearchDto, @Headers('accept') accept?: string): Promise<Page<MeetingResponseDto>> | StreamableFile {
    const format = exportFormat(accept);
    return format ? this.meetings.exportList(query, format) : this.meetings.search(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one meeting' })
  @ApiOkResponse({ type: MeetingResponseDto })
  @ApiErrors(400, 404)
  get(@IdParam() id: string): Promise<MeetingResponseDto> {
    return this.meetings.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields of a meeting; a list of ids given replaces that side' })
  @ApiOkResponse({ type: MeetingResponseDto })
  @ApiErrors(400, 404, 409, 413, 415)
  update(@IdParam() id: string, @Body() body: MeetingUpdateDto): Promise<MeetingResponseDto> {
    return this.meetings.update(id, body);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bring an archived meeting back into lists and search. Restoring one that is not archived changes nothing' })
  @ApiOkResponse({ type: MeetingResponseDto })
  @ApiErrors(400, 404, 409)
  restore(@IdParam() id: string): Promise<MeetingResponseDto> {
    return this.meetings.restore(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Archive a meeting: it leaves lists and search but stays readable by id (with archivedAt) and can be restored, its history stays' })
  @ApiNoContentResponse()
  @ApiErrors(400, 404, 409)
  async archive(@IdParam() id: string): Promise<void> {
    await this.meetings.archive(id);
  }
}
