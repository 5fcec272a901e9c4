import { Injectable } from '@nestjs/common';
import { DomainError, NotFoundError, ValidationFailedError } from '../common/errors.js';
import { planDelegation, type PlannedImport } from './delegation-import.js';
import { type ImportKind, mapColumns } from './import-columns.js';
import { readImportTable } from './import-table.js';
import type { ImportQueryDto, ImportReportDto } from './imports.dto.js';
import { ImportsRepository } from './imports.repository.js';
import { planMeetings } from './meeting-plan-import.js';

/** Thrown to roll the import's transaction back: a dry run, or rows with errors. */
class NothingWritten extends Error {
  constructor(readonly report: ImportReportDto) {
    super('nothing written');
  }
}

/** A real run with rows in error: a 400 whose body carries the whole report. */
export class ImportRejectedError extends DomainError {
  constructor(report: ImportReportDto) {
    const message = `${report.totals.error} of ${report.totals.rows} rows cannot be imported; nothing was written. See report.rows for each row's errors`;
    super(
      'validation_failed',
      message,
      report.rows
        .filter((row) => row.status === 'error')
        .flatMap((row) => row.errors.map((error) => ({ field: `row ${row.row}: ${error.column}`, message: error.message }))),
    );
    this.extra = { report };
  }
}

/**
 * Imports a file of one kind in one transaction: every row is read and checked against what
 * is stored, then either everything is written or (a dry run, or any row in error) nothing.
 * The rows are matched inside the transaction, so the report of a real run is what it did.
 */
@Injectable()
export class ImportsService {
  constructor(private readonly imports: ImportsRepository) {}

  async import(kind: ImportKind, body: Buffer, query: ImportQueryDto): Promise<ImportReportDto> {
    const missionId = query.missionId ?? null;
    if (kind !== 'organisations' && !missionId) {
      throw new ValidationFailedError(
        [{ field: 'missionId', message: `an import of ${kind} needs the missionId it belongs to` }],
        `an import of ${kind} needs missionId`,
      );
    }
    if (kind === 'organisations' && missionId) {
      throw new ValidationFailedError(
        [{ field: 'missionId', message: 'organisations belong to no mission; import participants to add them to a delegation' }],
        'organisations take no missionId',
      );
    }
    const table = await readImportTable(body);
    const columns = mapColumns(kind, table.header);
    const rows = table.rows.map(({ row, cells }) => columns.map(row, cells));
    try {
      return await this.imports.transaction(async (tx) => {
        let plan: PlannedImport;
        if (kind === 'meetings') {
          const mission = await this.imports.findMission(missionId!, tx);
          if (!mission) throw new NotFoundError('mission', missionId!);
          plan = await planMeetings(this.imports, tx, rows, columns.headers, mission);
        } else {
          if (missionId && !(await this.imports.findMission(missionId, tx))) throw new NotFoundError('mission', missionId);
          plan = await planDelegation(this.imports, tx, rows, columns.headers, missionId);
        }
        const failed = plan.outcomes.some((outcome) => outcome.errors.length > 0);
        if (query.dryRun || failed) throw new NothingWritten(this.report(kind, table.format, missionId, plan, query.dryRun, false));
        await plan.write();
        return this.report(kind, table.format, missionId, plan, false, true);
      });
    } catch (error) {
      if (!(error instanceof NothingWritten)) throw error;
      if (error.report.totals.error > 0 && !query.dryRun) throw new ImportRejectedError(error.report);
      return error.report;
    }
  }

  private report(kind: ImportKind, format: 'csv' | 'xlsx', missionId: string | null, plan: PlannedImport, dryRun: boolean, written: boolean): ImportReportDto {
    const rows = plan.outcomes.map((outcome) => outcome.report());
    const count = (status: string): number => rows.filter((row) => row.status === status).length;
    return {
      kind,
      format,
      missionId,
      dryRun,
      written,
      totals: { rows: rows.length, created: count('created'), updated: count('updated'), unchanged: count('unchanged'), error: count('error') },
      rows,
    };
  }
}
