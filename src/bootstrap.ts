import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import { acceptJsonBodiesOnly } from './common/body-parsing.js';
import { ErrorFilter } from './common/error.filter.js';
import { RouteMethods } from './common/method-not-allowed.js';
import { DASHBOARD_DIR, serveDashboard } from './dashboard/dashboard.js';
import { documentIfMatch, IfMatchInterceptor } from './common/if-match.interceptor.js';
import { acceptImportFiles } from './imports/import-body.js';
import { documentListExports } from './exports/list-export.decorator.js';
import { KnownQueryParamsInterceptor } from './common/query-params.interceptor.js';
import { createValidationPipe } from './common/validation.js';
import { documentAsManual } from './common/openapi-manual.js';
import { secureHttp } from './http-security.js';
import { documentAccessErrors } from './common/openapi-access.js';
import type { Environment } from './config/environment.js';
import { chooseQueueBackend, migrateQueueSchema } from './queue/queue-backend.js';

export const API_PREFIX = 'api/v1';

const REQUEST_ID = /^[\w.:-]{1,100}$/;

/** Takes the caller's X-Request-Id when it is sane, otherwise makes one. */
function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Requests Node rejects before Fastify sees them (headers too large, malformed
 * request lines) still get the one error body.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const message = tooLarge ? 'The request headers (or the URL) are too large' : 'The request is not valid HTTP';
  // Fastify never saw the request: the id is made here, sent as the header too, like every other answer's.
  const id = randomUUID();
  const body = JSON.stringify({ statusCode: status, code: 'validation_failed', message, details: [], requestId: id });
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-request-id: ${id}\r\nconnection: close\r\n\r\n${body}`,
  );
}

export interface AppOptions {
  logDestination?: DestinationStream;
  /** The dashboard build to serve; tests give a small fixture instead of a real build. */
  dashboardDir?: string;
}

/**
 * Builds the HTTP application: the same for `npm start` and for the tests,
 * so that what is tested is what runs.
 */
export async function createApp(
  environment: Environment,
  databaseUrl: string,
  { logDestination, dashboardDir = DASHBOARD_DIR }: AppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: environment.BODY_LIMIT,
    trustProxy: environment.TRUST_PROXY,
    genReqId: requestId,
    clientErrorHandler: answerClientError,
    // A request that reached the service before it began to close is answered in full (with
    // `Connection: close`), however busy the service was when it read it: Ctrl-C loses no work.
    // New connections are refused from the first moment of the close, so it still ends quickly.
    return503OnClosing: false,
  });
  // Closing drops the connections that carry no request yet. A busy service may not have read
  // the requests already waiting on some of them: one full poll of the sockets first (the second
  // immediate runs only after the event loop has polled again) reads every request that arrived
  // before the close began, so those are answered, with `Connection: close`, instead of dropped.
  adapter.getInstance().addHook('preClose', async () => {
    for (let turn = 0; turn < 2; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  });
  // The same id is in every log line of the request, in error bodies and in this header.
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  const routes = new RouteMethods();
  routes.listen(adapter.getInstance());
  acceptJsonBodiesOnly(adapter.getInstance());
  acceptImportFiles(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(environment, databaseUrl, await prepareQueue(environment, databaseUrl), logDestination),
    adapter,
    {
      bufferLogs: true,
      // Fastify's own JSON parser only: any other content type is a 415.
      bodyParser: false,
    },
  );
  app.useLogger(app.get(Logger));
  // The calendar feed lives beside the dashboard's pages, at PUBLIC_URL/calendar/{token}.ics.
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready', 'calendar/:file'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(new IfMatchInterceptor(), new KnownQueryParamsInterceptor());
  const filter = new ErrorFilter(routes);
  app.useGlobalFilters(filter);
  secureHttp(app, environment);
  await serveDashboard(app, dashboardDir);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('mission-crm')
      .setDescription('Follow-up CRM for trade missions: missions, delegations, meetings, agreements and the follow-up actions they produce.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An access token from POST /api/v1/auth/login, or a personal API token (mcrm_…)' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  documentAccessErrors(document);
  documentIfMatch(document);
  documentListExports(document);
  documentAsManual(app, document);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

/** The queue backend for this process, its schema ready when it lives in PostgreSQL. */
export async function prepareQueue(environment: Environment, databaseUrl: string) {
  const backend = chooseQueueBackend(databaseUrl, environment.REDIS_URL);
  await migrateQueueSchema(backend, databaseUrl);
  return backend;
}

/** A worker-only process: no HTTP server, just the queue workers and the sweep. */
export async function createWorker(environment: Environment, databaseUrl: string) {
  const app = await NestFactory.createApplicationContext(AppModule.register(environment, databaseUrl, await prepareQueue(environment, databaseUrl)), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  return app;
}
