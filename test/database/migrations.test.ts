import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { schemaDiff } from '../../src/database/schema-diff.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

describe('migrations', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database.drop();
  });

  it('agree with the entities: a migration generated now would be empty', async () => {
    const diff = await schemaDiff({ url: database.url });
    expect(diff.up).toEqual([]);
  });

  it('run down to an empty schema and up again to the same schema', async () => {
    const dataSource = new DataSource({ ...dataSourceOptions({ url: database.url }), extra: { max: 1 } });
    await dataSource.initialize();
    try {
      const tablesBefore = await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
      for (let step = 0; step < MIGRATIONS.length; step += 1) await dataSource.undoLastMigration({ transaction: 'each' });
      const tablesAfterDown = await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
      expect(tablesAfterDown).toEqual([{ table_name: 'migrations' }]);
      const types = await dataSource.query(
        `SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'`,
      );
      expect(types).toEqual([]);

      await dataSource.runMigrations({ transaction: 'each' });
      const tablesAfterUp = await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
      expect(tablesAfterUp).toEqual(tablesBefore);
    } finally {
      await dataSource.destroy();
    }
    expect((await schemaDiff({ url: database.url })).up).toEqual([]);
  });
});
