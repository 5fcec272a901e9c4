import 'reflect-metadata';
import { existsSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/errors.js';
import { loadEnvironment } from '../config/environment.js';
import { dataSourceOptions, runMigrations } from '../database/data-source.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { addUser, validUserInput } from './new-user.js';

/**
 * `npm run user:create -- --email an.peeters@fit.example --name "An Peeters" --role admin`:
 * adds a user who can sign in, to DATABASE_URL or the embedded PostgreSQL under DATA_DIR, and
 * prints the new id. The password is read from standard input (asked for, unseen, at a terminal),
 * never from an argument, where it would stay in the shell history and the process list.
 */

const USAGE = `usage: npm run user:create -- --email <address> --name <name> [--role admin|officer|viewer] [--language nl|en] [--time-zone <IANA zone>] [--password-stdin]
  The password is read from standard input: typed at the prompt, or piped, e.g.
  printf '%s' "$PASSWORD" | npm run user:create -- --email an.peeters@fit.example --name "An Peeters" --role admin --password-stdin`;

export interface UserCreateIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  out(line: string): void;
  err(line: string): void;
  /** Where the prompt goes, at a terminal. */
  prompt(text: string): void;
}

const processIo: UserCreateIo = {
  stdin: process.stdin,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  prompt: (text) => process.stderr.write(text),
};

/** Returns the exit code: 0 with the id printed, 1 when the user could not be added, 2 for a wrong command line. */
export async function runUserCreateCli(argv: string[], env: NodeJS.ProcessEnv = process.env, io: UserCreateIo = processIo): Promise<number> {
  let options: ReturnType<typeof parseCommandLine>;
  try {
    options = parseCommandLine(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  let embedded: EmbeddedDatabase | undefined;
  let exitCode = 0;
  try {
    const password = options.passwordStdin || !io.stdin.isTTY ? await readAll(io.stdin) : await promptHidden(io, 'Password (not shown): ');
    const input = await validUserInput({
      email: options.email,
      name: options.name,
      role: options.role,
      language: options.language,
      timeZone: options.timeZone,
      password,
    });
    const environment = loadEnvironment(env);
    if (!environment.DATABASE_URL) embedded = await startEmbeddedPostgres({ dataDir: environment.DATA_DIR, port: environment.EMBEDDED_POSTGRES_PORT });
    const url = environment.DATABASE_URL ?? embedded!.url;
    await runMigrations({ url });
    const dataSource = new DataSource({ ...dataSourceOptions({ url }), extra: { max: 1 } });
    await dataSource.initialize();
    try {
      io.out((await addUser(dataSource.manager, input)).id);
    } finally {
      await dataSource.destroy();
    }
  } catch (error) {
    io.err(`Adding the user failed: ${describe(error)}`);
    exitCode = 1;
  }
  try {
    await embedded?.stop();
  } catch (error) {
    io.err(`Stopping the embedded PostgreSQL failed: ${describe(error)}`);
    exitCode = 1;
  }
  return exitCode;
}

function parseCommandLine(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      language: { type: 'string' },
      'time-zone': { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
  });
  const missing = (['email', 'name'] as const).filter((key) => values[key] === undefined);
  if (missing.length > 0) throw new Error(`missing ${missing.map((key) => `--${key}`).join(' and ')}`);
  return {
    email: values.email,
    name: values.name,
    role: values.role,
    language: values.language,
    timeZone: values['time-zone'],
    passwordStdin: values['password-stdin'],
  };
}

function describe(error: unknown): string {
  if (error instanceof DomainError && error.details.length > 0) return `${error.message}: ${error.details.map((detail) => detail.message).join('; ')}`;
  return error instanceof Error ? error.message : String(error);
}

/** All of standard input, without the line break a shell or `echo` adds at the end. */
async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** One line typed at the terminal, without echoing it. */
function promptHidden(io: UserCreateIo, question: string): Promise<string> {
  const { stdin } = io;
  io.prompt(question);
  stdin.setRawMode?.(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.prompt('\n');
    };
    const onData = (chunk: string | Buffer): void => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish();
          return resolve(typed);
        }
        if (char === '\u0003') {
          finish();
          return reject(new Error('cancelled'));
        }
        typed = char === '\u007f' || char === '\b' ? typed.slice(0, -1) : typed + char;
      }
    };
    stdin.on('data', onData);
  });
}

const entryPoint = process.argv[1];
if (entryPoint !== undefined && existsSync(entryPoint) && import.meta.url === pathToFileURL(realpathSync(entryPoint)).href) {
  process.exit(await runUserCreateCli(process.argv.slice(2)));
}
