import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Query, type StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { IdParam } from '../common/id-param.js';
import type { Page } from '../common/paging.js';
import { exportFormat } from '../exports/accept.js';
import { ApiListExport } from '../exports/list-export.decorator.js';
import { ContactCreateDto, ContactPageDto, ContactResponseDto, ContactSearchDto, ContactUpdateDto } from './contacts.dto.js';
import { ContactsService } from './contacts.service.js';

@ApiTags('contacts')
@Controller('contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Post()
  @ApiOperation({ summary: 'Register a contact: a person, optionally at an organisation' })
  @ApiCreatedResponse({ type: ContactResponseDto })
  @ApiErrors(400, 413, 415)
  create(@Body() body: ContactCreateDto): Promise<ContactResponseDto> {
    return this.contacts.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'Find contacts by organisation or name' })
  @ApiOkResponse({ type: ContactPageDto })
  @ApiListExport()
  @ApiErrors(400)
  search(@Query() query: ContactSearchDto, @Headers('accept') accept?: string): Promise<Page<ContactResponseDto>> | StreamableFile {
    const format = exportFormat(accept);
    return format ? this.contacts.exportList(query, format) : this.contacts.search(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one contact' })
  @ApiOkResponse({ type: ContactResponseDto })
  @ApiErrors(400, 404)
  get(@IdParam() id: string): Promise<ContactResponseDto> {
    return this.contacts.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields of a contact' })
  @ApiOkResponse({ type: ContactResponseDto })
  @ApiErrors(400, 404, 409, 413, 415)
  update(@IdParam() id: string, @Body() body: ContactUpdateDto): Promise<ContactResponseDto> {
    return this.contacts.update(id, body);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bring an archived contact back into lists and search. Restoring one that is not archived changes nothing' })
  @ApiOkResponse({ type: ContactResponseDto })
  @ApiErrors(400, 404, 409)
  restore(@IdParam() id: string): Promise<ContactResponseDto> {
    return this.contacts.restore(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Archive a contact: they leave lists and search but stay readable by id (with archivedAt) and can be restored, their history stays',
  })
  @ApiNoContentResponse()
  @ApiErrors(400, 404, 409)
  async archive(@IdParam() id: string): Promise<void> {
    await this.contacts.archive(id);
  }
}
