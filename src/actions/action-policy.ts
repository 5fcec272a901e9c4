import type { EntityManager } from 'typeorm';
import type { Action } from './action.entity.js';
import { Mission } from '../missions/mission.entity.js';
import { ForbiddenError } from '../auth/auth-errors.js';
import { currentActor } from '../auth/request-context.js';

/**
 * Officers change their own actions: those they own, or those of a mission they are the
 * responsible officer of. Admins change any. Code running outside a signed-in request
 * (seeding, workers) is not a person and is not limited here.
 */
export async function assertMayChangeAction(manager: EntityManager, action: Pick<Action, 'id' | 'ownerId' | 'missionId'>): Promise<void> {
  const actor = currentActor();
  if (!actor || actor.role === 'admin' || actor.userId === action.ownerId) return;
  const mission = await manager.findOne(Mission, { select: { id: true, ownerId: true }, where: { id: action.missionId }, withDeleted: true });
  if (mission?.ownerId === actor.userId) return;
  throw new ForbiddenError(`action ${action.id} is not yours: only its owner, the responsible officer of its mission or an admin may change it`);
}
