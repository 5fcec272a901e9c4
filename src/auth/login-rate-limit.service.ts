import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../common/clock.service.js';
import { Environment } from '../config/environment.js';
import { RateLimitedError } from './auth-errors.js';

const WINDOW_MS = 60_000;

interface Window {
  hits: number;
  endsAt: number;
}

/**
 * Counts attempts per key in fixed one-minute windows, in this process. With several API
 * processes each counts on its own: the limit multiplies, yet guessing stays bounded.
 * (@nestjs/throttler would do the same, but it is CommonJS requiring the ESM-only @nestjs/common 12,
 * which the test runner cannot load.)
 */
export class AttemptCounter {
  private readonly windows = new Map<string, Window>();
  private nextSweep = 0;

  constructor(private readonly limit: number) {}

  /** Counts an attempt; the seconds to wait when it is one too many, otherwise 0. */
  hit(key: string, now: number): number {
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { hits: 0, endsAt: now + WINDOW_MS };
      this.windows.set(key, window);
    }
    window.hits += 1;
    return window.hits > this.limit ? Math.max(1, Math.ceil((window.endsAt - now) / 1000)) : 0;
  }

  /** Forgets ended windows, at most once a window, so that the map does not grow with every address ever seen. */
  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + WINDOW_MS;
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}

/** The account a sign-in attempt is for, as the login DTO reads it. */
export function attemptedAccount(body: unknown): string {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

/**
 * Limits sign-in attempts per client address and per account (from any address): a 429 in the
 * common error body, with Retry-After. Every attempt counts, successful or not. A signed-in
 * user's change of password is an attempt too (it checks the current password): counted for
 * their account and, with sign-ins, for their address.
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  private readonly byAddress: AttemptCounter;
  private readonly byAccount: AttemptCounter;

  constructor(
    private readonly clock: Clock,
    environment: Environment,
  ) {
    this.byAddress = new AttemptCounter(environment.LOGIN_LIMIT_PER_ADDRESS);
    this.byAccount = new AttemptCounter(environment.LOGIN_LIMIT_PER_ACCOUNT);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const now = this.clock.now().getTime();
    const signedIn = request.auth?.actor.userId;
    // A signed-in user changing their settings guesses nothing: only a change with the current password counts.
    if (signedIn && (request.body as { currentPassword?: unknown } | undefined)?.currentPassword === undefined) return true;
    const account = signedIn ? `user:${signedIn}` : attemptedAccount(request.body);
    const wait = Math.max(this.byAddress.hit(request.ip, now), account ? this.byAccount.hit(account, now) : 0);
    if (wait === 0) return true;
    void context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(wait));
    throw new RateLimitedError(`Too many ${signedIn ? 'password' : 'sign-in'} attempts; try again in ${wait} s`);
  }
}
