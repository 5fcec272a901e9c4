import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { FastifyRequest } from 'fastify';
import { from, type Observable, switchMap } from 'rxjs';
import { datesAmong, dateInputsOf } from '../common/date-time.js';
import { Environment } from '../config/environment.js';
import { atLocalTime } from '../reminders/working-time.js';
import { TokensRepository } from './tokens.repository.js';

interface DateInputs {
  body: readonly string[];
  query: readonly string[];
}

/**
 * A date is accepted wherever a date-time is: the start of that day in the signed-in user's time zone
 * (the service's default zone for a caller without one). Runs before validation and rewrites the
 * marked inputs (@AcceptsDate()) of the body and the query into that instant; the caller's zone is
 * read only when a request sends such a date.
 */
@Injectable()
export class LocalDatesInterceptor implements NestInterceptor {
  private readonly inputs = new WeakMap<object, DateInputs>();

  constructor(
    private readonly tokens: TokensRepository,
    private readonly environment: Environment,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const inputs = this.inputsOf(context);
    const sources = [
      { values: request.body, names: inputs.body },
      { values: request.query, names: inputs.query },
    ].flatMap(({ values, names }) => {
      if (names.length === 0 || typeof values !== 'object' || values === null || Array.isArray(values)) return [];
      const record = values as Record<string, unknown>;
      const dates = datesAmong(record, names);
      return dates.length > 0 ? [{ record, dates }] : [];
    });
    if (sources.length === 0) return next.handle();
    return from(this.timeZoneOf(request)).pipe(
      switchMap((timeZone) => {
        for (const { record, dates } of sources) {
          for (const name of dates) record[name] = atLocalTime(record[name] as string, 0, timeZone).toISOString();
        }
        return next.handle();
      }),
    );
  }

  private async timeZoneOf(request: FastifyRequest): Promise<string> {
    const userId = request.auth?.actor.userId;
    return (userId && (await this.tokens.findTimeZone(userId))) || this.environment.DEFAULT_TIME_ZONE;
  }

  private inputsOf(context: ExecutionContext): DateInputs {
    const handler = context.getHandler();
    let inputs = this.inputs.get(handler);
    if (!inputs) {
      inputs = dateInputsOfHandler(context.getClass(), handler.name);
      this.inputs.set(handler, inputs);
    }
    return inputs;
  }
}

/** The marked inputs of the DTOs a handler takes as its body and as its query. */
function dateInputsOfHandler(controller: object, method: string): DateInputs {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number; data?: unknown }>;
  const types = (Reflect.getMetadata('design:paramtypes', (controller as { prototype: object }).prototype, method) ?? []) as unknown[];
  const of = (kind: RouteParamtypes): string[] =>
    Object.entries(args)
      .filter(([key, argument]) => Number(key.split(':')[0]) === Number(kind) && argument.data === undefined)
      .flatMap(([, argument]) => dateInputsOf(types[argument.index]));
  return { body: of(RouteParamtypes.BODY), query: of(RouteParamtypes.QUERY) };
}
