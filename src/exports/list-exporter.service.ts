import { pipeline, Readable } from 'node:stream';
import { Injectable, Logger, StreamableFile, type Type } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify';
import type { Pool, PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { CSV_TYPE } from './accept.js';
import { csvCell } from './csv-cells.js';
import { documentedFields } from './documented-fields.js';

/** Ids read from the database cursor at a time, and rows loaded and written per batch. */
export const EXPORT_BATCH_SIZE = 1000;

/** What a list export needs from its domain. */
export interface ListExport<E extends ObjectLiteral, R extends object> {
  /** The file name offered to the client, without extension. */
  name: string;
  /** The response DTO: its documented fields are the columns, in order. */
  dto: Type<R>;
  /** The list's query with its filters and its order (ending on the id), without paging. */
  query: SelectQueryBuilder<E>;
  /** The rows of one batch as the JSON list answers them. */
  toRows: (entities: E[]) => R[] | Promise<R[]>;
}

/**
 * Every row of a list as CSV, in constant memory whatever the number of rows: the ids
 * come in list order from one server-side cursor (pg-query-stream), and each batch of
 * them is loaded with the list's own query and mapped by the list's own mapper, so that
 * a CSV row is a JSON item with the same fields. The response streams with backpressure:
 * a slow client slows the cursor instead of filling memory.
 */
@Injectable()
export class ListExporter {
  private readonly logger = new Logger(ListExporter.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  csv<E extends ObjectLiteral, R extends object>(list: ListExport<E, R>): StreamableFile {
    const columns = documentedFields(list.dto);
    const output = stringify({ header: true, columns, bom: true, eof: true });
    const source = Readable.from(this.records(list, columns), { objectMode: true, highWaterMark: 1 });
    pipeline(source, output, (error) => {
      // A client that went away mid-download is no error of ours.
      if (error && error.name !== 'AbortError' && error.code !== 'ERR_STREAM_PREMATURE_CLOSE') {
        this.logger.error(`export of ${list.name} failed: ${error.message}`);
      }
    });
    return new StreamableFile(output, { type: `${CSV_TYPE}; charset=utf-8`, disposition: `attachment; filename="${list.name}.csv"` });
  }

  private async *records<E extends ObjectLiteral, R extends object>(list: ListExport<E, R>, columns: string[]): AsyncGenerator<string[]> {
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
          yield* await this.load(list, batch, columns);
          batch = [];
        }
      }
      if (batch.length > 0) yield* await this.load(list, batch, columns);
      finished = true;
    } finally {
      // A cursor left half-read is dropped with its connection rather than handed back to the pool.
      client.release(finished ? undefined : true);
    }
  }

  private async load<E extends ObjectLiteral, R extends object>(list: ListExport<E, R>, ids: string[], columns: string[]): Promise<string[][]> {
    const alias = list.query.alias;
    const entities = await list.query.clone().orderBy().andWhere(`${alias}.id = ANY(:exportBatchIds)`, { exportBatchIds: ids }).getMany();
    const rows = (await list.toRows(entities)) as (R & { id: string })[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const records: string[][] = [];
    for (const id of ids) {
      const row = byId.get(id) as Record<string, unknown> | undefined;
      // Archived between the cursor and the batch: gone from the list, so gone from the file.
      if (row) records.push(columns.map((column) => csvCell(row[column])));
    }
    return records;
  }
}
