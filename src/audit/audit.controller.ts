import { Controller, Get, Headers, Query, type StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { IdParam } from '../common/id-param.js';
import type { Page } from '../common/paging.js';
import { exportFormat } from '../exports/accept.js';
import { ApiListExport } from '../exports/list-export.decorator.js';
import { AuditEntryPageDto, type AuditEntryResponseDto, AuditSearchDto, HistoryQueryDto } from './audit.dto.js';
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
  @ApiListExport()
  @ApiErrors(400)
  search(@Query() query: AuditSearchDto, @Headers('accept') accept?: string): Promise<Page<AuditEntryResponseDto>> | StreamableFile {
    const format = exportFormat(accept);
    return format ? this.audit.exportList(query, format) : this.audit.search(query);
  }

  @Get(':resource/:id/history')
  @ApiOperation({ summary: 'The changes of one resource, archived or not, newest first' })
  @ApiParam({ name: 'resource', enum: HISTORY_PATH_NAMES })
  @ApiOkResponse({ type: AuditEntryPageDto })
  @ApiListExport()
  @ApiErrors(400, 404)
  history(
    @HistoryPathParam() resource: HistoryPath,
    @IdParam() id: string,
    @Query() query: HistoryQueryDto,
    @Headers('accept') accept?: string,
  ): Promise<Page<AuditEntryResponseDto> | StreamableFile> {
    const format = exportFormat(accept);
    return format ? this.audit.exportHistory(resource, id, query, format) : this.audit.history(resource, id, query);
  }
}
