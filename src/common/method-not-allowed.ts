import type { FastifyInstance } from 'fastify';

interface Route {
  pattern: RegExp;
  methods: Set<string>;
}

const escape = (text: string): string => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** `/api/v1/actions/:id` as a pattern of concrete paths; wildcard routes (the dashboard's pages, its assets) are none. */
function patternOf(url: string): RegExp | undefined {
  if (url.includes('*')) return undefined;
  const source = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : escape(segment)))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/**
 * The methods each path of the service answers, learnt as routes are registered, so that a method a
 * path does not have is told 405 with `Allow` rather than 404 as if the path did not exist.
 */
export class RouteMethods {
  private readonly routes = new Map<string, Route>();

  /** Call before any route is registered. */
  listen(fastify: FastifyInstance): void {
    fastify.addHook('onRoute', (route) => {
      const pattern = patternOf(route.url ?? route.path);
      if (!pattern) return;
      const known = this.routes.get(pattern.source) ?? { pattern, methods: new Set<string>() };
      for (const method of [route.method].flat()) known.methods.add(method.toUpperCase());
      this.routes.set(pattern.source, known);
    });
  }

  /** The methods a concrete path has, sorted; none for a path that is not the service's. */
  allowed(path: string): string[] {
    const methods = new Set<string>();
    for (const route of this.routes.values()) {
      if (route.pattern.test(path)) for (const method of route.methods) methods.add(method);
    }
    return [...methods].sort();
  }
}
