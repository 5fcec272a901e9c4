import { randomBytes } from 'node:crypto';
import { DataSource, Not, IsNull } from 'typeorm';
import { ConflictError } from '../common/errors.js';
import type { Environment } from '../config/environment.js';
import { dataSourceOptions } from '../database/data-source.js';
import { User } from '../users/user.entity.js';
import { addUser } from './user-accounts.js';

export const DEFAULT_ADMIN_EMAIL = 'admin@mission-crm.local';

export type FirstAdmin =
  /** From ADMIN_EMAIL and ADMIN_PASSWORD. */
  | { source: 'configured'; email: string }
  /** Made up for a newcomer's embedded database: the password must be shown, once. */
  | { source: 'generated'; email: string; password: string };

/**
 * Makes sure someone can sign in to a new installation, at start after the migrations:
 * - ADMIN_EMAIL and ADMIN_PASSWORD set and no user with that address: that admin is created
 *   (an existing user is left as is: the password is not reset at every start);
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
      return (await createUnlessTaken(() => addUser(manager, { email, name: 'Administrator', role: 'admin', password: environment.ADMIN_PASSWORD! })))
        ? { source: 'configured', email }
        : undefined;
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
