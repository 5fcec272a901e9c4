import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Query, type StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { IdParam } from '../common/id-param.js';
import type { Page } from '../common/paging.js';
import { ReportAsOfDto } from '../reports/report.dto.js';
import { ReportsService } from '../reports/reports.service.js';
import { exportFormat } from '../exports/accept.js';
import { ApiListExport } from '../exports/list-export.decorator.js';
import { MissionCreateDto, MissionPageDto, MissionResponseDto, MissionSearchDto, MissionSummaryDto, MissionUpdateDto } from './missions.dto.js';
import { MissionsService } from './missions.service.js';

@ApiTags('missions')
@Controller('missions')
export class MissionsController {
  constructor(
    private readonly missions: MissionsService,
    private readonly reports: ReportsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Plan a mission: where, when, who leads it and who is responsible' })
  @ApiCreatedResponse({ type: MissionResponseDto })
  @ApiErrors(400, 409, 413, 415)
  create(@Body() body: MissionCreateDto): Promise<MissionResponseDto> {
    return this.missions.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'Find missions by status, type, host country, officer, start date or title/code' })
  @ApiOkResponse({ type: MissionPageDto })
  @ApiListExport()
  @ApiErrors(400)
  search(@Query() query: MissionSearchDto, @Headers('accept') accept?: string): Promise<Page<MissionResponseDto>> | StreamableFile {
    const format = exportFormat(accept);
    return format ? this.missions.exportList(query, format) : this.missions.search(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one mission' })
  @ApiOkResponse({ type: MissionResponseDto })
  @ApiErrors(400, 404)
  get(@IdParam() id: string): Promise<MissionResponseDto> {
    return this.missions.get(id);
  }

  @Get(':id/summary')
  @ApiOperation({
    summary: 'The counts of the mission report at the end of a day (default today): delegation, meetings, agreements, follow-up actions and satisfaction',
  })
  @ApiOkResponse({ type: MissionSummaryDto })
  @ApiErrors(400, 404)
  summary(@IdParam() id: string, @Query() query: ReportAsOfDto): Promise<MissionSummaryDto> {
    return this.reports.summarise(id, query.asOf);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields of a mission' })
  @ApiOkResponse({ type: MissionResponseDto })
  @ApiErrors(400, 404, 409, 413, 415)
  update(@IdParam() id: string, @Body() body: MissionUpdateDto): Promise<MissionResponseDto> {
    return this.missions.update(id, body);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Bring an archived mission back into lists and search; its code must still be free. Restoring one that is not archived changes nothing',
  })
  @ApiOkResponse({ type: MissionResponseDto })
  @ApiErrors(400, 404, 409)
  restore(@IdParam() id: string): Promise<MissionResponseDto> {
    return this.missions.restore(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Archive a mission: it leaves lists and search but stays readable by id (with archivedAt) and can be restored; its meetings, agreements and actions stay',
  })
  @ApiNoContentResponse()
  @ApiErrors(400, 404, 409)
  async archive(@IdParam() id: string): Promise<void> {
    await this.missions.archive(id);
  }
}
