import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { IdParam } from '../common/id-param.js';
import { ListQueryDto, type Page } from '../common/paging.js';
import { AuditEntryPageDto, type AuditEntryResponseDto, AuditSearchDto } from './audit.dto.js';
import { AuditService } from './audit.service.js';
import { HISTORY_PATH_NAMES, type HistoryPath } from './audited.js';
import { HistoryPathParam } from './history-param.js';

@ApiTags('audit')
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('audit')
  @Roles('admin')
  @ApiOperation({ summary: 'Who changed what, when: every create, update, archive and delete, newest first (admins only)' })
  @ApiOkResponse({ type: AuditEntryPageDto })
  @ApiErrors(400)
  search(@Query() query: AuditSearchDto): Promise<Page<AuditEntryResponseDto>> {
    return this.audit.search(query);
  }

  @Get(':resource/:id/history')
  @ApiOperation({ summary: 'The changes of one resource, archived or not, newest first' })
  @ApiParam({ name: 'resource', enum: HISTORY_PATH_NAMES })
  @ApiOkResponse({ type: AuditEntryPageDto })
  @ApiErrors(400, 404)
  history(@HistoryPathParam() resource: HistoryPath, @IdParam() id: string, @Query() query: ListQueryDto): Promise<Page<AuditEntryResponseDto>> {
    return this.audit.history(resource, id, query);
  }
}
