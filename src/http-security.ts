import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Environment } from './config/environment.js';

/**
 * Security headers on every response and, for the browser origins named in CORS_ORIGINS only,
 * cross-origin access. Tokens travel in the Authorization header, never in cookies, so
 * cross-origin requests need no credentials mode.
 */
export function secureHttp(app: NestFastifyApplication, environment: Environment): void {
  const headers = securityHeaders({
    contentSecurityPolicy: {
      // Helmet's defaults suit the Swagger UI (its scripts are files of our own origin, its styles
      // inline). Upgrading to https is left to the proxy that terminates TLS: a plain-http
      // deployment on an internal address must still load its own assets.
      directives: { upgradeInsecureRequests: null },
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      void reply.headers(headers);
      done();
    });
  if (environment.CORS_ORIGINS.length > 0) {
    app.enableCors({
      origin: environment.CORS_ORIGINS,
      methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id', 'Retry-After', 'WWW-Authenticate'],
      maxAge: 600,
    });
  }
}

/**
 * The headers helmet sets, worked out once: they are the same on every response, and building
 * helmet's middleware for each request (as @fastify/helmet does) parses the policy every time.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}
