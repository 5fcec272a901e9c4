import 'reflect-metadata';
import { schemaDiff } from '../src/database/schema-diff.js';
import { runMigrations } from '../src/database/data-source.js';

/** Prints the SQL a new migration needs (run against an empty database): the starting point of a hand-checked migration. */
const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('set DATABASE_URL to an empty scratch database\n');
  process.exit(2);
}
await runMigrations({ url });
const diff = await schemaDiff({ url });
process.stdout.write(`-- up\n${diff.up.join(';\n')};\n\n-- down\n${diff.down.join(';\n')};\n`);
