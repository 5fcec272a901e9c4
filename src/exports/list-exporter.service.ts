import { PassThrough, Readable } from 'node:stream';
import { Injectable, Logger, StreamableFile, type Type } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import type { Pool, PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from '../common/media-types.js';
import type { ExportFormat } from './accept.js';
import { csvCell } from './csv-cells.js';
import { documentedColumns, type ExportColumn } from './documented-fields.js';
import { writeWorkbook } from './xlsx-workbook.js';

/** Ids read from the database cursor at a time, and rows loaded and written per batch. */
export const EXPORT_BATCH_SIZE = 1000;

/** What a list export needs from its domain. */
export interface ListExport<E extends ObjectLiteral, R extends object> {
  /** The file name offered to the client, without extension (and the sheet's name in a workbook). */
  name: string;
  /** The response DTO: its documented fields are the columns, in order. */
  dto: Type<R>;
  /** The list's query with its filters and its order (ending on the id), without paging. */
  query: SelectQueryBuilder<E>;
  /** The rows of one batch as the JSON list answers them. */
  toRows: (entities: E[]) => R[] | Promise<R[]>;
}

type Row = Record<string, unknown>;

/**
 * Every row of a list as CSV or as an .xlsx workbook, in constant memory whatever the number of
 * rows: the ids come in list order from one server-side cursor (pg-query-stream), and each batch
 * of them is loaded with the list's own query and mapped by the list's own mapper, so that a
 * row of the file is a JSON item with the same fields. The response streams with backpressure:
 * a slow client slows the cursor instead of filling memory.
 */
@Injectable()
export class ListExporter {
  private readonly logger = new Logger(ListExporter.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  file<E extends ObjectLiteral, R extends object>(format: ExportFormat, list: ListExport<E, R>): StreamableFile {
    const columns = documentedColumns(list.dto);
    return format === 'xlsx' ? this.xlsx(list, columns) : this.csv(list, columns);
  }

  private csv<E extends ObjectLiteral, R extends object>(list: ListExport<E, R>, columns: ExportColumn[]): StreamableFile {
    const header = `\uFEFF${stringify([columns.map((column) => column.name)])}`;
    const text = (rows: Row[]): Buffer => Buffer.from(stringify(rows.map((row) => columns.map((column) => csvCell(row[column.name])))));
    const output = Readable.from(this.csvChunks(list, header, text), { objectMode: false });
    output.once('error', (error) => this.failed(list, error));
    return new StreamableFile(output, { type: `${CSV_MEDIA_TYPE}; charset=utf-8`, disposition: `attachment; filename="${list.name}.csv"` });
  }

  private async *csvChunks<E extends ObjectLiteral, R extends object>(
    list: ListExport<E, R>,
    header: string,
    text: (rows: Row[]) => Buffer,
  ): AsyncGenerator<Buffer> {
    yield Buffer.from(header);
    yield* this.batches(list, text);
  }

  private xlsx<E extends ObjectLiteral, R extends object>(list: ListExport<E, R>, columns: ExportColumn[]): StreamableFile {
    const output = new PassThrough();
    const gone = new AbortController();
    output.once('close', () => gone.abort());
    writeWorkbook(
      output,
      list.name,
      columns,
      this.batches(list, (rows) => rows),
      gone.signal,
    ).catch((error: NodeJS.ErrnoException) => {
      this.failed(list, error);
      output.destroy(error);
    });
    return new StreamableFile(output, { type: XLSX_MEDIA_TYPE, disposition: `attachment; filename="${list.name}.xlsx"` });
  }

  private failed(list: { name: string }, error: NodeJS.ErrnoException | null): void {
    // A client that went away mid-download is no error of ours.
    if (error && error.name !== 'AbortError' && error.code !== 'ERR_STREAM_PREMATURE_CLOSE') {
      this.logger.error(`export of ${list.name} failed: ${error.message}`);
    }
  }

  /**
   * The list's rows, batch by batch, in list order, each batch as `write` makes it (a chunk of
   * the file): the rows of a batch are garbage once it is written, and none is held while the
   * chunk waits for the client.
   */
  private async *batches<E extends ObjectLiteral, R extends object, T>(list: ListExport<E, R>, write: (rows: Row[]) => T): AsyncGenerator<T> {
    const alias = list.query.alias;
    const [sql, parameters] = list.query.clone().select(`${alias}.id`, 'id').getQueryAndParameters();
    // A connection of its own: the cursor holds it for the whole export.
    const client: PoolClient = await (this.dataSource.driver as unknown as { master: Pool }).master.connect();
    let finished = false;
    try {
      const ids = client.query(new QueryStream(sql, parameters as unknown[], { batchSize: EXPORT_BATCH_SIZE }));
      let batch: string[] = [];
      for await (const row of ids as AsyncIterable<{ id: string }>) {
        batch.push(row.id);
        if (batch.length === EXPORT_BATCH_SIZE) {
          yield write(await this.load(list, batch));
          batch = [];
        }
      }
      if (batch.length > 0) yield write(await this.load(list, batch));
      finished = true;
    } finally {
      // A cursor left half-read is dropped with its connection rather than handed back to the pool.
      client.release(finished ? undefined : true);
    }
  }

  private async load<E extends ObjectLiteral, R extends object>(list: ListExport<E, R>, ids: string[]): Promise<Row[]> {
    const alias = list.query.alias;
    const entities = await list.query.clone().orderBy().andWhere(`${alias}.id = ANY(:exportBatchIds)`, { exportBatchIds: ids }).getMany();
    const rows = (await list.toRows(entities)) as (R & { id: string })[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    // Archived between the cursor and the batch: gone from the list, so gone from the file.
    return ids.map((id) => byId.get(id) as Row | undefined).filter((row) => row !== undefined);
  }
}
