import { AsyncLocalStorage } from 'node:async_hooks';
import type { UserRole } from '../users/user.entity.js';

/** Who is acting: the signed-in user of the request being served. */
export interface Actor {
  userId: string;
  role: UserRole;
}

/**
 * The actor of the current request, for code that has no request at hand (services, the audit
 * log, entity subscribers). Set after authentication around the handler, so everything the
 * handler calls, awaits included, sees it; undefined outside a signed-in request
 * (public routes, workers, the seed and the CLI).
 */
export const RequestContext = new AsyncLocalStorage<Actor | undefined>();

export function currentActor(): Actor | undefined {
  return RequestContext.getStore();
}
