import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager, Not, IsNull } from 'typeorm';
import { ConflictError } from '../common/errors.js';
import type { Environment } from '../config/environment.js';
import { dataSourceOptions } from '../database/data-source.js';
import { hashPassword } from '../users/password.js';
import { User, type UserRole } from '../users/user.entity.js';
import { addUser } from '../users/new-user.js';
import { findUserByEmail } from '../users/users.repository.js';

export const DEFAULT_ADMIN_EMAIL = 'admin@mission-crm.local';

export type FirstAdmin =
  /** From ADMIN_EMAIL and ADMIN_PASSWORD. */
  | { source: 'configured'; email: string }
  /** ADMIN_EMAIL named a user who had no password (who could not sign in): now they have ADMIN_PASSWORD and the admin role. */
  | { source: 'completed'; email: string }
  /** ADMIN_EMAIL names a user who signs in already, but not as an admin: left as is, for the operator to see. */
  | { source: 'not_admin'; email: string; role: UserRole }
  /** Made up for a newcomer's embedded database: the password must be shown, once. */
  | { source: 'generated'; email: string; password: string };

/**
 * Makes sure someone can sign in to a new installation, at start after the migrations:
 * - ADMIN_EMAIL and ADMIN_PASSWORD set and no user with that address: that admin is created;
 *   a user with that address but no password (added without one, or from the demo data) gets
 *   the password and the admin role, since nobody could sign in as them yet; a user who has a
 *   password is left as is (it is not reset at every start, nor is a role an admin changed);
 * - otherwise, on the embedded database outside production, when no admin can sign in:
 *   admin@mission-crm.local with a random password, which the caller shows once.
 * Production never gets credentials it was not given.
 */
export async function ensureFirstAdmin(url: string, environment: Environment, embedded: boolean): Promise<FirstAdmin | undefined> {
  const dataSource = new DataSource({ ...dataSourceOptions({ url }), extra: { max: 1 } });
  await dataSource.initialize();
  try {
    const { manager } = dataSource;
    if (environment.ADMIN_EMAIL !== undefined && environment.ADMIN_PASSWORD !== undefined) {
      const email = environment.ADMIN_EMAIL.trim().toLowerCase();
      const password = environment.ADMIN_PASSWORD;
      const existing = await findUserByEmail(manager, email, { withPassword: true });
      if (!existing) {
        return (await createUnlessTaken(() => addUser(manager, { email, name: 'Administrator', role: 'admin', password })))
          ? { source: 'configured', email }
          : undefined;
      }
      if (existing.passwordHash === null) return (await completeAdmin(manager, existing.id, password)) ? { source: 'completed', email } : undefined;
      return existing.role === 'admin' ? undefined : { source: 'not_admin', email, role: existing.role };
    }
    if (!embedded || environment.NODE_ENV === 'production') return undefined;
    // The demo data has an admin without a password: that one cannot sign in, so it does not count.
    if (await manager.existsBy(User, { role: 'admin', passwordHash: Not(IsNull()) })) return undefined;
    const password = randomBytes(18).toString('base64url');
    const created = await createUnlessTaken(() => addUser(manager, { email: DEFAULT_ADMIN_EMAIL, name: 'Administrator', role: 'admin', password }));
    return created ? { source: 'generated', email: DEFAULT_ADMIN_EMAIL, password } : undefined;
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Gives a user without a password the configured one and the admin role, through the entity
 * manager so that the audit trail records it. False when a process starting at the same
 * moment did it first.
 */
async function completeAdmin(manager: EntityManager, id: string, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return manager.transaction(async (transaction) => {
    const user = await transaction.createQueryBuilder(User, 'u').addSelect('u.passwordHash').where('u.id = :id', { id }).setLock('pessimistic_write').getOne();
    if (!user || user.passwordHash !== null) return false;
    Object.assign(user, { passwordHash, role: 'admin' });
    await transaction.save(User, user);
    return true;
  });
}

/** False when the address is taken, also by a process that started at the same moment. */
async function createUnlessTaken(create: () => Promise<User>): Promise<boolean> {
  try {
    await create();
    return true;
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
}
