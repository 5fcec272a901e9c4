import { DomainError } from '../common/errors.js';

/** No credentials, or ones that are invalid, expired or revoked: a 401. */
export class UnauthorizedError extends DomainError {
  constructor(message: string) {
    super('unauthorized', message);
  }
}

/** Signed in, but this user or token may not do this: a 403. */
export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

/** Too many attempts: a 429; the caller sets Retry-After. */
export class RateLimitedError extends DomainError {
  constructor(message: string) {
    super('rate_limited', message);
  }
}
