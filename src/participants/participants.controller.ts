import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Query, type StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { IdParam } from '../common/id-param.js';
import type { Page } from '../common/paging.js';
import { exportFormat } from '../exports/accept.js';
import { ApiListExport } from '../exports/list-export.decorator.js';
import { ParticipantCreateDto, ParticipantPageDto, ParticipantResponseDto, ParticipantSearchDto, ParticipantUpdateDto } from './participants.dto.js';
import { ParticipantsService } from './participants.service.js';

@ApiTags('participants')
@Controller('missions/:missionId/participants')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @Post()
  @ApiOperation({ summary: "Add an organisation to a mission's delegation, with its delegates" })
  @ApiCreatedResponse({ type: ParticipantResponseDto })
  @ApiErrors(400, 404, 409, 413, 415)
  add(@IdParam('missionId') missionId: string, @Body() body: ParticipantCreateDto): Promise<ParticipantResponseDto> {
    return this.participants.add(missionId, body);
  }

  @Get()
  @ApiOperation({ summary: "List a mission's delegation by organisation, sector, survey answer" })
  @ApiOkResponse({ type: ParticipantPageDto })
  @ApiListExport()
  @ApiErrors(400, 404)
  search(
    @IdParam('missionId') missionId: string,
    @Query() query: ParticipantSearchDto,
    @Headers('accept') accept?: string,
  ): Promise<Page<ParticipantResponseDto> | StreamableFile> {
    const format = exportFormat(accept);
    return format ? this.participants.exportList(missionId, query, format) : this.participants.search(missionId, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one participant of the mission' })
  @ApiOkResponse({ type: ParticipantResponseDto })
  @ApiErrors(400, 404)
  get(@IdParam('missionId') missionId: string, @IdParam() id: string): Promise<ParticipantResponseDto> {
    return this.participants.get(missionId, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a participant: delegates, sectors, objectives, satisfaction-survey answer' })
  @ApiOkResponse({ type: ParticipantResponseDto })
  @ApiErrors(400, 404, 409, 413, 415)
  update(@IdParam('missionId') missionId: string, @IdParam() id: string, @Body() body: ParticipantUpdateDto): Promise<ParticipantResponseDto> {
    return this.participants.update(missionId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: "Take an organisation off the mission's delegation (deleted, not archived)" })
  @ApiNoContentResponse()
  @ApiErrors(400, 404)
  async remove(@IdParam('missionId') missionId: string, @IdParam() id: string): Promise<void> {
    await this.participants.remove(missionId, id);
  }
}
