import { Injectable, type StreamableFile } from '@nestjs/common';
import type { ExportFormat } from '../exports/accept.js';
import { ListExporter } from '../exports/list-exporter.service.js';
import { NotFoundError } from '../common/errors.js';
import { type ListQueryDto, type Page, parseSort, type SortKey } from '../common/paging.js';
import { AUDIT_SORT_FIELDS, AuditEntryResponseDto, type AuditSearchDto, type AuditSortField, mapAuditEntry } from './audit.dto.js';
import { type AuditFilter, AuditRepository } from './audit.repository.js';
import { HISTORY_PATHS, type HistoryPath } from './audited.js';

const NEWEST_FIRST: SortKey<AuditSortField>[] = [{ field: 'occurredAt', direction: 'DESC' }];

@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly exporter: ListExporter,
  ) {}

  search(query: AuditSearchDto): Promise<Page<AuditEntryResponseDto>> {
    return this.page({ ...query, sort: parseSort(query.sort, AUDIT_SORT_FIELDS, NEWEST_FIRST) });
  }

  /** Every entry the filters match, as CSV or .xlsx. */
  exportList(query: AuditSearchDto, format: ExportFormat): StreamableFile {
    const filter = { ...query, sort: parseSort(query.sort, AUDIT_SORT_FIELDS, NEWEST_FIRST) };
    return this.exporter.file(format, {
      name: 'audit',
      dto: AuditEntryResponseDto,
      query: this.audit.listQuery(filter),
      toRows: (rows) => rows.map(mapAuditEntry),
    });
  }

  /** One resource's changes as CSV or .xlsx. */
  async exportHistory(path: HistoryPath, id: string, query: ListQueryDto, format: ExportFormat): Promise<StreamableFile> {
    const resource = HISTORY_PATHS[path];
    if (!(await this.audit.exists(resource, id))) throw new NotFoundError(resource, id);
    const filter = { entity: resource, entityId: id, sort: parseSort(query.sort, AUDIT_SORT_FIELDS, NEWEST_FIRST) };
    return this.exporter.file(format, {
      name: `${path}-${id}-history`,
      dto: AuditEntryResponseDto,
      query: this.audit.listQuery(filter),
      toRows: (rows) => rows.map(mapAuditEntry),
    });
  }

  /** One resource's changes; archived resources keep theirs. */
  async history(path: HistoryPath, id: string, query: ListQueryDto): Promise<Page<AuditEntryResponseDto>> {
    const resource = HISTORY_PATHS[path];
    if (!(await this.audit.exists(resource, id))) throw new NotFoundError(resource, id);
    return this.page({
      entity: resource,
      entityId: id,
      limit: query.limit,
      offset: query.offset,
      sort: parseSort(query.sort, AUDIT_SORT_FIELDS, NEWEST_FIRST),
    });
  }

  private async page(filter: AuditFilter): Promise<Page<AuditEntryResponseDto>> {
    const { items: rows, total, totalIsEstimate } = await this.audit.search(filter);
    return { items: rows.map(mapAuditEntry), total, totalIsEstimate, limit: filter.limit, offset: filter.offset };
  }
}
