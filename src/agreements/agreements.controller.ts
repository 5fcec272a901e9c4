import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Query, type StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { IdParam } from '../common/id-param.js';
import type { Page } from '../common/paging.js';
import { exportFormat } from '../exports/accept.js';
import { ApiListExport } from '../exports/list-export.decorator.js';
import { AgreementCreateDto, AgreementPageDto, AgreementResponseDto, AgreementSearchDto, AgreementUpdateDto } from './agreements.dto.js';
import { AgreementsService } from './agreements.service.js';

@ApiTags('agreements')
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Post()
  @ApiOperation({ summary: 'Record an agreement (MoU, letter of intent, …) between two or more organisations' })
  @ApiCreatedResponse({ type: AgreementResponseDto })
  @ApiErrors(400, 413, 415)
  create(@Body() body: AgreementCreateDto): Promise<AgreementResponseDto> {
    return this.agreements.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'Find agreements by mission, meeting, party, status, type, signing date or title; by default in order of signing, unsigned last' })
  @ApiOkResponse({ type: AgreementPageDto })
  @ApiListExport()
  @ApiErrors(400)
  search(@Query() query: AgreementSearchDto, @Headers('accept') accept?: string): Promise<Page<AgreementResponseDto>> | StreamableFile {
    const format = exportFormat(accept);
    return format ? this.agreements.exportList(query, format) : this.agreements.search(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one agreement' })
  @ApiOkResponse({ type: AgreementResponseDto })
  @ApiErrors(400, 404)
  get(@IdParam() id: string): Promise<AgreementResponseDto> {
    return this.agreements.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields of an agreement; partyIds, when given, replaces the parties' })
  @ApiOkResponse({ type: AgreementResponseDto })
  @ApiErrors(400, 404, 409, 413, 415)
  update(@IdParam() id: string, @Body() body: AgreementUpdateDto): Promise<AgreementResponseDto> {
    return this.agreements.update(id, body);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bring an archived agreement back into lists and search. Restoring one that is not archived changes nothing' })
  @ApiOkResponse({ type: AgreementResponseDto })
  @ApiErrors(400, 404, 409)
  restore(@IdParam() id: string): Promise<AgreementResponseDto> {
    return this.agreements.restore(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Archive an agreement: it leaves lists and search but stays readable by id (with archivedAt) and can be restored, its history stays',
  })
  @ApiNoContentResponse()
  @ApiErrors(400, 404, 409)
  async archive(@IdParam() id: string): Promise<void> {
    await this.agreements.archive(id);
  }
}
