import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Query, type StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { IdParam } from '../common/id-param.js';
import type { Page } from '../common/paging.js';
import { exportFormat } from '../exports/accept.js';
import { ApiListExport } from '../exports/list-export.decorator.js';
import { OrganisationCreateDto, OrganisationPageDto, OrganisationResponseDto, OrganisationSearchDto, OrganisationUpdateDto } from './organisations.dto.js';
import { OrganisationsService } from './organisations.service.js';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @ApiOperation({ summary: 'Register an organisation (company, government body, agency, …)' })
  @ApiCreatedResponse({ type: OrganisationResponseDto })
  @ApiErrors(400, 409, 413, 415)
  create(@Body() body: OrganisationCreateDto): Promise<OrganisationResponseDto> {
    return this.organisations.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'Find organisations by country, kind, sector or name' })
  @ApiOkResponse({ type: OrganisationPageDto })
  @ApiListExport()
  @ApiErrors(400)
  search(@Query() query: OrganisationSearchDto, @Headers('accept') accept?: string): Promise<Page<OrganisationResponseDto>> | StreamableFile {
    const format = exportFormat(accept);
    return format ? this.organisations.exportList(query, format) : this.organisations.search(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one organisation' })
  @ApiOkResponse({ type: OrganisationResponseDto })
  @ApiErrors(400, 404)
  get(@IdParam() id: string): Promise<OrganisationResponseDto> {
    return this.organisations.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields of an organisation' })
  @ApiOkResponse({ type: OrganisationResponseDto })
  @ApiErrors(400, 404, 409, 413, 415)
  update(@IdParam() id: string, @Body() body: OrganisationUpdateDto): Promise<OrganisationResponseDto> {
    return this.organisations.update(id, body);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Bring an archived organisation back into lists and search; its enterprise number must still be free. Restoring one that is not archived changes nothing',
  })
  @ApiOkResponse({ type: OrganisationResponseDto })
  @ApiErrors(400, 404, 409)
  restore(@IdParam() id: string): Promise<OrganisationResponseDto> {
    return this.organisations.restore(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Archive an organisation: it leaves lists and search but stays readable by id (with archivedAt) and can be restored, its history stays',
  })
  @ApiNoContentResponse()
  @ApiErrors(400, 404, 409)
  async archive(@IdParam() id: string): Promise<void> {
    await this.organisations.archive(id);
  }
}
