import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { ValidationFailedError } from './errors.js';

/** `"3"` as HTTP writes an entity tag, or a bare 3. */
const VERSION_TAG = /^\s*"?([1-9]\d{0,9})"?\s*$/;
const IF_MATCH_RULE = 'If-Match must be the version you last read, as its ETag gives it, such as "3"';

/** The version an If-Match header names; undefined for none or `*` (any version will do). */
export function versionOfIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined || (typeof header === 'string' && header.trim() === '*')) return undefined;
  const match = typeof header === 'string' ? VERSION_TAG.exec(header) : null;
  if (!match) throw new ValidationFailedError([{ field: 'If-Match', message: IF_MATCH_RULE }], IF_MATCH_RULE);
  return Number(match[1]);
}

const isVersioned = (value: unknown): value is { id: string; version: number } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { id?: unknown }).id === 'string' &&
  Number.isInteger((value as { version?: unknown }).version);

/**
 * The version of a resource travels in HTTP's own headers too: every single resource is
 * answered with `ETag: "<version>"`, and a PATCH may send it back as If-Match instead of
 * the `version` field, with the same 409 when it is stale. Runs after the guard (a caller
 * without a token hears 401 first) and before validation, which then sees the version as
 * if it had been in the body.
 */
@Injectable()
export class IfMatchInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (request.method === 'PATCH') this.moveIntoBody(request);
    return next.handle().pipe(
      map((result: unknown) => {
        if (isVersioned(result)) void reply.header('etag', `"${result.version}"`);
        return result;
      }),
    );
  }

  private moveIntoBody(request: FastifyRequest): void {
    const version = versionOfIfMatch(request.headers['if-match']);
    const body = request.body as Record<string, unknown> | undefined;
    if (version === undefined || typeof body !== 'object' || body === null || Array.isArray(body)) return;
    if (body.version !== undefined && body.version !== version) {
      const message = `version ${JSON.stringify(body.version)} in the body and If-Match "${version}" disagree; send the version once`;
      throw new ValidationFailedError([{ field: 'version', message }], message);
    }
    body.version = version;
  }
}

/** Every PATCH of the document takes If-Match. */
export function documentIfMatch(document: OpenAPIObject): void {
  for (const path of Object.values(document.paths)) {
    if (!path.patch) continue;
    path.patch.parameters = [
      ...(path.patch.parameters ?? []),
      {
        name: 'If-Match',
        in: 'header',
        required: false,
        description: 'The version you last read, as its ETag gives it ("3"); the same as sending `version` in the body. Stale: 409 stale_version.',
        schema: { type: 'string', example: '"3"' },
      },
    ];
  }
}
