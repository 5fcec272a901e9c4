import { DataSource } from 'typeorm';
import { dataSourceOptions, type DatabaseSettings } from './data-source.js';

export interface SchemaDiff {
  up: string[];
  down: string[];
}

/** What TypeORM would change to make the database match the entities: empty when migrations and entities agree. */
export async function schemaDiff(settings: DatabaseSettings): Promise<SchemaDiff> {
  const dataSource = new DataSource({ ...dataSourceOptions(settings), extra: { max: 1 } });
  await dataSource.initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return { up: sql.upQueries.map((query) => query.query), down: sql.downQueries.map((query) => query.query) };
  } finally {
    await dataSource.destroy();
  }
}
