import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { RequestContext } from './request-context.js';

/**
 * Runs the rest of a signed-in request (inner interceptors, pipes, the handler and all it awaits)
 * with its actor in the RequestContext. A guard cannot do this itself: what it sets after an
 * await does not reach the handler.
 */
@Injectable()
export class ActorInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const actor = context.switchToHttp().getRequest<FastifyRequest>().auth?.actor;
    // Nest binds the handler's async scope when handle() is called: calling it inside run() is enough.
    return actor ? RequestContext.run(actor, () => next.handle()) : next.handle();
  }
}
