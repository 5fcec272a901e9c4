import type { FastifyInstance } from 'fastify';
import { ValidationFailedError } from './errors.js';

/** Deeper than any resource of the API: deeper bodies are refused before validation walks them. */
export const MAX_JSON_DEPTH = 32;

function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Bodies are JSON and nothing else (but the survey page's form): Fastify's text/plain parser
 * is removed (any other content type is then a 415), and JSON nested deeper than MAX_JSON_DEPTH is a 400
 * instead of a stack overflow further on.
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    void parse(request, body as string, (error, parsed) => {
      if (error) return done(error, undefined);
      if (depthOf(parsed) > MAX_JSON_DEPTH) {
        const message = `the request body is nested more than ${MAX_JSON_DEPTH} levels deep`;
        return done(new ValidationFailedError([{ field: 'body', message }], message), undefined);
      }
      done(null, parsed);
    });
  });
  // A plain HTML form posts as application/x-www-form-urlencoded: the survey page's form only.
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (request, body, done) => {
    if (!/^\/survey\/[^/?]+(\?|$)/.test(request.url)) {
      return done(Object.assign(new Error('Send the body as application/json'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }), undefined);
    }
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
}
