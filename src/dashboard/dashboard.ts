import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build` puts the dashboard (web/vite.config.ts), from the package root every npm script runs in. */
export const DASHBOARD_DIR = resolve('dist/web');

/** Paths that belong to the service: an unknown one there is a JSON 404, never the dashboard. */
const SERVICE_PATH = /^\/(api|health)(\/|$)/;
/** Files at the top of the build (favicon.svg, …): one path segment with an extension. */
const TOP_FILE = /^\/[\w.-]+\.[a-z0-9]+$/i;
/** Outside /assets the names do not change between releases: the header set here stands, not the assets' one. */
const REVALIDATE = { cacheControl: false } as const;

/**
 * Serves the officers' dashboard from the same origin as the API. Vite names every asset under
 * /assets by its content hash, so those are cached for good; index.html is revalidated on each
 * visit so a new release is picked up at once. Both go out compressed where the build compressed
 * them and the client accepts it. Any other GET outside /api and /health is a page of the
 * dashboard (deep links such as /actions/{id} from e-mails): its router shows it.
 */
export async function serveDashboard(app: NestFastifyApplication, root: string = DASHBOARD_DIR): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // The build writes a .br and a .gz beside each asset (src/dashboard/precompress.ts): sent to a client that accepts
  // them, with Vary: Accept-Encoding on every answer, the file itself to one that does not. The same holds for
  // the files that sendFile sends below (index.html, favicon.svg) where the build compressed them.
  await app.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    index: false,
    preCompressed: true,
  });
  const page = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const path = request.url.split('?')[0];
    if (SERVICE_PATH.test(path)) return reply.callNotFound();
    if (TOP_FILE.test(path) && path !== '/index.html') {
      if (!existsSync(join(root, path))) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').sendFile(path.slice(1), root, REVALIDATE);
    }
    if (!existsSync(join(root, 'index.html'))) {
      return reply
        .code(503)
        .type('application/json; charset=utf-8')
        .send({ statusCode: 503, code: 'not_ready', message: 'The dashboard is not built: run npm run build', details: [], requestId: request.id });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', root, REVALIDATE);
  };
  fastify.get('/', page);
  fastify.get('/*', page);
}
