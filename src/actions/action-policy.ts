import type { Action } from './action.entity.js';
import { ForbiddenError } from '../auth/auth-errors.js';
import { currentActor } from '../auth/request-context.js';

/**
 * Officers change their own actions: those they own, or those of a mission they are the
 * responsible officer of. Admins change any. Code running outside a signed-in request
 * (seeding, workers) is not a person and is not limited here. `missionOwnerId` answers who is
 * the responsible officer of a mission (the missions domain knows); it is asked only when the
 * answer decides.
 */
export async function assertMayChangeAction(
  action: Pick<Action, 'id' | 'ownerId' | 'missionId'>,
  missionOwnerId: (missionId: string) => Promise<string | null>,
): Promise<void> {
  const actor = currentActor();
  if (!actor || actor.role === 'admin' || actor.userId === action.ownerId) return;
  if ((await missionOwnerId(action.missionId)) === actor.userId) return;
  throw new ForbiddenError(`action ${action.id} is not yours: only its owner, the responsible officer of its mission or an admin may change it`);
}
