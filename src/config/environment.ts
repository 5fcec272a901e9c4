import { plainToInstance, Transform } from 'class-transformer';
import { isTimeZone } from '../common/validators.js';
import { IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, validateSync } from 'class-validator';

export const PROCESS_ROLES = ['api', 'worker', 'all'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (value === undefined || typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (['true', '1', 'yes', 'on'].includes(text)) return true;
  if (['false', '0', 'no', 'off'].includes(text)) return false;
  return value;
};

/**
 * Every setting the service reads from the environment. Validated once at start:
 * a bad value stops the process with a message that names the variable.
 */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsEnum(PROCESS_ROLES, { message: `ROLE must be one of: ${PROCESS_ROLES.join(', ')}` })
  ROLE: ProcessRole = 'all';

  @Transform(({ value }: { value: unknown }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'PORT must be a whole number from 0 to 65535' })
  @Min(0, { message: 'PORT must be a whole number from 0 to 65535' })
  @Max(65535, { message: 'PORT must be a whole number from 0 to 65535' })
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** When unset, an embedded PostgreSQL is started with its data under DATA_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR = './data';

  @Transform(({ value }: { value: unknown }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'EMBEDDED_POSTGRES_PORT must be a whole number from 1 to 65535' })
  @Min(1, { message: 'EMBEDDED_POSTGRES_PORT must be a whole number from 1 to 65535' })
  @Max(65535, { message: 'EMBEDDED_POSTGRES_PORT must be a whole number from 1 to 65535' })
  EMBEDDED_POSTGRES_PORT = 54329;

  @Transform(({ value }: { value: unknown }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'DATABASE_POOL_SIZE must be a whole number from 1 to 100' })
  @Min(1, { message: 'DATABASE_POOL_SIZE must be a whole number from 1 to 100' })
  @Max(100, { message: 'DATABASE_POOL_SIZE must be a whole number from 1 to 100' })
  DATABASE_POOL_SIZE = 10;

  /** Load the reference mission (Vietnam 2023) when the embedded database is first created. */
  @Transform(toBoolean)
  @IsBoolean({ message: 'DEMO_DATA must be true or false' })
  DEMO_DATA = true;

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of: ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** Largest request body accepted, in bytes; larger ones get a 413. */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'BODY_LIMIT must be a whole number of bytes from 1024 to 104857600' })
  @Min(1024, { message: 'BODY_LIMIT must be a whole number of bytes from 1024 to 104857600' })
  @Max(104857600, { message: 'BODY_LIMIT must be a whole number of bytes from 1024 to 104857600' })
  BODY_LIMIT = 1048576;

  /** Time zone of the agency: "today" for overdue checks is taken there. */
  @IsString()
  DEFAULT_TIME_ZONE = 'Europe/Brussels';

  /** Where reminder e-mails go (smtp:// or smtps://); unset: written as .eml files under DATA_DIR/mail. */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** Sender of reminder e-mails. */
  @IsString()
  MAIL_FROM = 'mission-crm <no-reply@mission-crm.local>';

  /** With REDIS_URL the queue runs on Redis; without it, on the PostgreSQL database. */
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** First retry of a reminder that could not be sent, in ms; each next one waits twice as long. */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'REMINDER_RETRY_BASE_MS must be a whole number of milliseconds from 100 to 3600000' })
  @Min(100, { message: 'REMINDER_RETRY_BASE_MS must be a whole number of milliseconds from 100 to 3600000' })
  @Max(3600000, { message: 'REMINDER_RETRY_BASE_MS must be a whole number of milliseconds from 100 to 3600000' })
  REMINDER_RETRY_BASE_MS = 60000;

  /** How often workers look for reminders that are due and unsent (a lost queue only delays them). */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'REMINDER_SWEEP_MS must be a whole number of milliseconds from 100 to 3600000' })
  @Min(100, { message: 'REMINDER_SWEEP_MS must be a whole number of milliseconds from 100 to 3600000' })
  @Max(3600000, { message: 'REMINDER_SWEEP_MS must be a whole number of milliseconds from 100 to 3600000' })
  REMINDER_SWEEP_MS = 15000;

  /** Reminders sent at once by one worker process. */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'WORKER_CONCURRENCY must be a whole number from 1 to 200' })
  @Min(1, { message: 'WORKER_CONCURRENCY must be a whole number from 1 to 200' })
  @Max(200, { message: 'WORKER_CONCURRENCY must be a whole number from 1 to 200' })
  WORKER_CONCURRENCY = 20;

  /** Base URL of the API and dashboard, used in links. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL?: string;
}

export class EnvironmentError extends Error {}

/** Reads and validates the environment; throws an EnvironmentError naming each bad variable. */
export function loadEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  const present = Object.fromEntries(
    Object.keys(new Environment())
      .concat(['DATABASE_URL', 'PUBLIC_URL', 'SMTP_URL', 'REDIS_URL'])
      .filter((key) => source[key] !== undefined && source[key] !== '')
      .map((key) => [key, source[key]]),
  );
  const env = plainToInstance(Environment, present, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.flatMap((error) => Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`));
    throw new EnvironmentError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  if (!isTimeZone(env.DEFAULT_TIME_ZONE)) {
    throw new EnvironmentError(`Invalid configuration:\n  DEFAULT_TIME_ZONE: ${env.DEFAULT_TIME_ZONE} is not an IANA time zone`);
  }
  return env;
}
