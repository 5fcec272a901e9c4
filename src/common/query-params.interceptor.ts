import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { unknownNameMessage, ValidationFailedError } from './errors.js';

/** A handler whose query is a DTO: the validation pipe refuses what the DTO does not name. */
type Allowed = Set<string> | 'dto';

/**
 * One rule for every route: a query parameter the operation does not take is a 400, not silently
 * ignored. Lists validate their query as a DTO (unknown ones refused there); this covers every
 * other route, such as GET /missions/{id}?foo=bar and /summary?asOf=…, from the route's own
 * @Query() declarations.
 */
@Injectable()
export class KnownQueryParamsInterceptor implements NestInterceptor {
  private readonly allowed = new WeakMap<object, Allowed>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const handler = context.getHandler();
    let allowed = this.allowed.get(handler);
    if (allowed === undefined) {
      allowed = allowedQueryParameters(context.getClass(), handler.name);
      this.allowed.set(handler, allowed);
    }
    if (allowed !== 'dto') {
      const query = (context.switchToHttp().getRequest<FastifyRequest>().query ?? {}) as Record<string, unknown>;
      const unknown = Object.keys(query).filter((name) => !allowed.has(name));
      if (unknown.length > 0) {
        const takes = allowed.size > 0 ? `this operation takes only ${[...allowed].join(', ')}` : 'this operation takes no query parameters';
        throw new ValidationFailedError(unknown.map((name) => ({ field: name, message: unknownNameMessage('query parameter', name, takes) })));
      }
    }
    return next.handle();
  }
}

function allowedQueryParameters(controller: object, method: string): Allowed {
  // Nest keeps a handler's parameters on its controller class, by method name.
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { data?: unknown }>;
  const names = new Set<string>();
  for (const [key, argument] of Object.entries(args)) {
    if (Number(key.split(':')[0]) !== Number(RouteParamtypes.QUERY)) continue;
    if (typeof argument.data !== 'string') return 'dto';
    names.add(argument.data);
  }
  return names;
}
