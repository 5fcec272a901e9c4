import { isIP } from 'node:net';
import { plainToInstance, Transform } from 'class-transformer';
import { isTimeZone } from '../common/validators.js';
import {
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  validateSync,
  type ValidationArguments,
} from 'class-validator';

export const PROCESS_ROLES = ['api', 'worker', 'all'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

/**
 * A whole number from an environment string, within bounds: one message, naming the variable,
 * for every way it can be wrong (not a number, a fraction, too small, too large).
 */
function WholeNumber(min: number, max: number, unit?: string): PropertyDecorator {
  const message = ({ property }: ValidationArguments): string => `${property} must be a whole number${unit ? ` of ${unit}` : ''} from ${min} to ${max}`;
  const decorators = [
    Transform(({ value }: { value: unknown }) => (value === undefined ? value : Number(value))),
    IsInt({ message }),
    Min(min, { message }),
    Max(max, { message }),
  ];
  return (target, propertyKey) => decorators.forEach((decorator) => decorator(target, propertyKey));
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (value === undefined || typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (['true', '1', 'yes', 'on'].includes(text)) return true;
  if (['false', '0', 'no', 'off'].includes(text)) return false;
  return value;
};

/** Whom to believe about the client's address: nobody, any sender, or these proxies. */
export type TrustProxy = boolean | string[];

/** Names proxy-addr (Fastify's trustProxy) knows for address ranges. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

const toTrustProxy = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const text = value.trim().toLowerCase();
  if (['false', 'no', 'off', '0'].includes(text)) return false;
  if (['true', 'yes', 'on'].includes(text)) return true;
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
};

const TRUST_PROXY_RULE =
  'TRUST_PROXY must be false, true, or a comma-separated list of proxy addresses (IP addresses, CIDR ranges such as 10.0.0.0/8, or loopback, linklocal, uniquelocal)';

/**
 * Every setting the service reads from the environment. Validated once at start:
 * a bad value stops the process with a message that names the variable.
 */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsEnum(PROCESS_ROLES, { message: `ROLE must be one of: ${PROCESS_ROLES.join(', ')}` })
  ROLE: ProcessRole = 'all';

  @WholeNumber(0, 65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** When unset, an embedded PostgreSQL is started with its data under DATA_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR = './data';

  @WholeNumber(1, 65535)
  EMBEDDED_POSTGRES_PORT = 54329;

  @WholeNumber(1, 100)
  DATABASE_POOL_SIZE = 10;

  /** Load the reference mission (Vietnam 2023) when the embedded database is first created. */
  @Transform(toBoolean)
  @IsBoolean({ message: 'DEMO_DATA must be true or false' })
  DEMO_DATA = true;

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of: ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** Largest request body accepted, in bytes; larger ones get a 413. */
  @WholeNumber(1024, 104857600, 'bytes')
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
  @WholeNumber(100, 3600000, 'milliseconds')
  REMINDER_RETRY_BASE_MS = 60000;

  /** How often workers look for reminders that are due and unsent (a lost queue only delays them). */
  @WholeNumber(100, 3600000, 'milliseconds')
  REMINDER_SWEEP_MS = 15000;

  /**
   * How long a worker's claim on a reminder protects it while it is being sent; a claim older than
   * this belongs to a worker that died and is taken over. Longer than any send can take.
   */
  @WholeNumber(1000, 3600000, 'milliseconds')
  REMINDER_CLAIM_LEASE_MS = 120000;

  /** Reminders sent at once by one worker process. */
  @WholeNumber(1, 200)
  WORKER_CONCURRENCY = 20;

  /** Base URL of the API and dashboard, used in links. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL?: string;

  /**
   * Signs access tokens (HS256). Required in production; elsewhere, when unset, one is generated
   * once and kept in DATA_DIR/jwt-secret so that tokens survive a restart.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET?: string;

  /** Lifetime of an access token, in seconds. */
  @WholeNumber(60, 86400, 'seconds')
  JWT_ACCESS_TTL = 900;

  /**
   * How long, in milliseconds, one API process trusts its last look at a session (live, and the
   * user's role) before looking again: a sign-out, password change, role change or archive made
   * through another process takes effect within this time; through the same process at once. 0: every request looks.
   */
  @WholeNumber(0, 60000, 'milliseconds')
  SESSION_CHECK_CACHE_MS = 2000;

  /** Lifetime of a refresh token, in seconds; each refresh hands out a new one. */
  @WholeNumber(3600, 31536000, 'seconds')
  REFRESH_TTL = 2592000;

  /** With ADMIN_PASSWORD: the admin created at start when no user has this address yet. */
  @IsOptional()
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an e-mail address' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters long' })
  @MaxLength(200, { message: 'ADMIN_PASSWORD must be at most 200 characters long' })
  ADMIN_PASSWORD?: string;

  /** Browser origins allowed to call the API (comma-separated, e.g. https://crm.fit.example); none by default. */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((origin) => origin.trim())
          .filter((origin) => origin !== '')
      : value,
  )
  @IsArray()
  @Matches(/^https?:\/\/[^/\s]+$/, {
    each: true,
    message: 'CORS_ORIGINS must be a comma-separated list of origins such as https://crm.fit.example (scheme and host, no path)',
  })
  CORS_ORIGINS: string[] = [];

  /**
   * Whether X-Forwarded-For names the client. Off by default: otherwise any client picks the
   * address it is counted under, and the sign-in limit per address means nothing. Behind a
   * reverse proxy, name the proxy's address. (A count of hops is not offered: Fastify cannot
   * check the nearest peer with one, and ignores the header.)
   */
  @Transform(toTrustProxy)
  @ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'boolean' || (Array.isArray(value) && value.length > 0 && value.every((entry) => typeof entry === 'string' && isProxyAddress(entry))),
      defaultMessage: () => TRUST_PROXY_RULE,
    },
  })
  TRUST_PROXY: TrustProxy = false;

  /** Sign-in attempts per minute from one client address. */
  @WholeNumber(1, 10000)
  LOGIN_LIMIT_PER_ADDRESS = 10;

  /** Sign-in attempts per minute for one e-mail address, from anywhere. */
  @WholeNumber(1, 10000)
  LOGIN_LIMIT_PER_ACCOUNT = 5;
}

export class EnvironmentError extends Error {}

/** Reads and validates the environment; throws an EnvironmentError naming each bad variable. */
export function loadEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  const present = Object.fromEntries(
    Object.keys(new Environment())
      .concat(['DATABASE_URL', 'PUBLIC_URL', 'SMTP_URL', 'REDIS_URL', 'JWT_SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD'])
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
  // A secret generated on one machine would differ on the next: a production API must bring its own.
  // Workers serve no HTTP and sign nothing.
  if (env.NODE_ENV === 'production' && env.ROLE !== 'worker' && env.JWT_SECRET === undefined) {
    throw new EnvironmentError('Invalid configuration:\n  JWT_SECRET: JWT_SECRET is required in production (at least 32 characters)');
  }
  if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
    throw new EnvironmentError('Invalid configuration:\n  ADMIN_EMAIL: set ADMIN_EMAIL and ADMIN_PASSWORD together, or neither');
  }
  return env;
}
