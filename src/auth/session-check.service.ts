import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.service.js';
import { Environment } from '../config/environment.js';
import type { UserRole } from '../users/user.entity.js';
import { TokensRepository } from './tokens.repository.js';

/** Bounds the memory of the cache; past it the cache starts over. */
const MAX_ENTRIES = 10_000;

/**
 * Whether an access token's session still holds, asked on every request: the token names its
 * session, and a sign-out, a new password, an archive or a role change reaches the database at
 * once. One indexed lookup, remembered for SESSION_CHECK_CACHE_MS so that a busy client does
 * not turn every request into two queries. Every revocation made in this process forgets what
 * was remembered, so here it takes effect at the next request.
 */
@Injectable()
export class SessionCheck {
  private readonly remembered = new Map<string, { role: UserRole | null; until: number }>();

  constructor(
    private readonly tokens: TokensRepository,
    private readonly clock: Clock,
    private readonly environment: Environment,
  ) {}

  /** The user's role now if the session is live and the user active; null when it is not. */
  async currentRole(sessionId: string, userId: string): Promise<UserRole | null> {
    const key = `${sessionId}/${userId}`;
    const ttl = this.environment.SESSION_CHECK_CACHE_MS;
    // Monotonic time for the cache itself: a pinned or moved domain clock must not keep entries alive.
    const now = performance.now();
    const hit = this.remembered.get(key);
    if (hit && hit.until > now) return hit.role;
    const role = await this.tokens.findLiveSessionRole(sessionId, userId, this.clock.now());
    if (ttl > 0) {
      if (this.remembered.size >= MAX_ENTRIES) this.remembered.clear();
      this.remembered.set(key, { role, until: now + ttl });
    }
    return role;
  }

  /** Call after a revocation or a role change has committed. */
  forget(): void {
    this.remembered.clear();
  }
}
