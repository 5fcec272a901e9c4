import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Environment } from './config/environment.js';

/**
 * Security headers on every response and, for the browser origins named in CORS_ORIGINS only,
 * cross-origin access. Tokens travel in the Authorization header, never in cookies, so
 * cross-origin requests need no credentials mode.
 */
export async function secureHttp(app: NestFastifyApplication, environment: Environment): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      // Helmet's defaults suit the Swagger UI (its scripts are files of our own origin, its styles
      // inline). Upgrading to https is left to the proxy that terminates TLS: a plain-http
      // deployment on an internal address must still load its own assets.
      directives: { upgradeInsecureRequests: null },
    },
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
