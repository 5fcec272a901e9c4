import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Query, type StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { IdParam } from '../common/id-param.js';
import type { Page } from '../common/paging.js';
import { exportFormat } from '../exports/accept.js';
import { ApiListExport } from '../exports/list-export.decorator.js';
import { ActionCreateDto, ActionPageDto, ActionResponseDto, ActionSearchDto, ActionUpdateDto } from './actions.dto.js';
import { ActionsService } from './actions.service.js';
import { DueWindowQueryDto, DueWindowResponseDto } from './due-window.dto.js';

@ApiTags('actions')
@Controller('actions')
export class ActionsController {
  constructor(private readonly actions: ActionsService) {}

  @Post()
  @ApiOperation({ summary: 'Record a follow-up action of a mission, with its (possibly fuzzy) due date' })
  @ApiCreatedResponse({ type: ActionResponseDto })
  @ApiErrors(400, 413, 415)
  create(@Body() body: ActionCreateDto): Promise<ActionResponseDto> {
    return this.actions.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'Find actions by mission, owner, status, due window or overdue; soonest due first' })
  @ApiOkResponse({ type: ActionPageDto })
  @ApiListExport()
  @ApiErrors(400)
  search(@Query() query: ActionSearchDto, @Headers('accept') accept?: string): Promise<Page<ActionResponseDto>> | StreamableFile {
    const format = exportFormat(accept);
    return format ? this.actions.exportList(query, format) : this.actions.search(query);
  }

  @Get('due-window')
  @ApiOperation({
    summary: 'Read a fuzzy due date as the API would store it, without saving anything',
    description: 'What a form shows while an officer types a due date: the window it stands for, or a 400 on dueLabel that says which forms are understood.',
  })
  @ApiOkResponse({ type: DueWindowResponseDto })
  @ApiErrors(400)
  parseDue(@Query() query: DueWindowQueryDto): DueWindowResponseDto {
    return this.actions.parseDue(query.dueLabel);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one action, with whether it is overdue today' })
  @ApiOkResponse({ type: ActionResponseDto })
  @ApiErrors(400, 404)
  get(@IdParam() id: string): Promise<ActionResponseDto> {
    return this.actions.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields of an action: due date, owner, watchers, status, outcome, …' })
  @ApiOkResponse({ type: ActionResponseDto })
  @ApiErrors(400, 404, 409, 413, 415)
  update(@IdParam() id: string, @Body() body: ActionUpdateDto): Promise<ActionResponseDto> {
    return this.actions.update(id, body);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Bring an archived action back into lists and search; its reminders are planned again from now. Restoring one that is not archived changes nothing',
  })
  @ApiOkResponse({ type: ActionResponseDto })
  @ApiErrors(400, 404, 409)
  restore(@IdParam() id: string): Promise<ActionResponseDto> {
    return this.actions.restore(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Archive an action: it leaves lists and search but stays readable by id (with archivedAt) and can be restored, its history stays' })
  @ApiNoContentResponse()
  @ApiErrors(400, 404, 409)
  async archive(@IdParam() id: string): Promise<void> {
    await this.actions.archive(id);
  }
}
