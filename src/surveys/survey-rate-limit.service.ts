import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimitedError } from '../auth/auth-errors.js';
import { AttemptCounter } from '../auth/login-rate-limit.service.js';
import { Clock } from '../common/clock.service.js';

/** Requests a minute from one client address to the public survey routes: plenty for a person, little for guessing links. */
export const SURVEY_LIMIT_PER_ADDRESS = 30;

/** Limits the public survey routes per client address: a 429 in the common error body, with Retry-After. */
@Injectable()
export class SurveyRateLimitGuard implements CanActivate {
  private readonly byAddress = new AttemptCounter(SURVEY_LIMIT_PER_ADDRESS);

  constructor(private readonly clock: Clock) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const wait = this.byAddress.hit(request.ip, this.clock.now().getTime());
    if (wait === 0) return true;
    void context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(wait));
    throw new RateLimitedError(`Too many survey requests; try again in ${wait} s`);
  }
}
