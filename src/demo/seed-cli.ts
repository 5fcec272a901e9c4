import 'reflect-metadata';
import { existsSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadEnvironment } from '../config/environment.js';
import { runMigrations } from '../database/data-source.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { REFERENCE_MISSION_CODE } from './reference-mission.js';
import { seedDemoData } from './seed.js';

/** `npm run seed:demo`: loads the demo mission into DATABASE_URL, or into the embedded PostgreSQL under DATA_DIR. */

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

const processOutput: CliOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** One line: what was added, table by table, or that the demo mission was there already. */
export function describeSummary(summary: Record<string, number>): string {
  const added = Object.entries(summary).filter(([, count]) => count > 0);
  if (added.length === 0) return `Demo mission ${REFERENCE_MISSION_CODE} was already loaded: nothing added.`;
  const words = (table: string): string => table.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`);
  return `Demo mission ${REFERENCE_MISSION_CODE} loaded: ${added.map(([table, count]) => `${count} ${words(table)}`).join(', ')}.`;
}

/** Returns the exit code: 0 when the demo mission is loaded (now or before), 1 on any error. */
export async function runSeedCli(env: NodeJS.ProcessEnv = process.env, output: CliOutput = processOutput): Promise<number> {
  let embedded: EmbeddedDatabase | undefined;
  let exitCode = 0;
  try {
    const environment = loadEnvironment(env);
    if (!environment.DATABASE_URL) {
      embedded = await startEmbeddedPostgres({ dataDir: environment.DATA_DIR, port: environment.EMBEDDED_POSTGRES_PORT });
    }
    const url = environment.DATABASE_URL ?? embedded!.url;
    await runMigrations({ url });
    output.out(describeSummary(await seedDemoData({ url })));
  } catch (error) {
    output.err(`Loading the demo data failed: ${error instanceof Error ? error.message : String(error)}`);
    exitCode = 1;
  }
  try {
    await embedded?.stop();
  } catch (error) {
    output.err(`Stopping the embedded PostgreSQL failed: ${error instanceof Error ? error.message : String(error)}`);
    exitCode = 1;
  }
  return exitCode;
}

const entryPoint = process.argv[1];
if (entryPoint !== undefined && existsSync(entryPoint) && import.meta.url === pathToFileURL(realpathSync(entryPoint)).href) {
  process.exit(await runSeedCli());
}
