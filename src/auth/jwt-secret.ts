import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Environment } from '../config/environment.js';

const FILE_NAME = 'jwt-secret';

/**
 * JWT_SECRET when set (always so in production). Otherwise a secret generated on first start
 * and kept in DATA_DIR (readable by the owner only), so that signed-in users stay signed in
 * across a restart of `npm start`.
 */
export async function resolveJwtSecret(environment: Pick<Environment, 'JWT_SECRET' | 'DATA_DIR'>): Promise<string> {
  if (environment.JWT_SECRET !== undefined) return environment.JWT_SECRET;
  await mkdir(environment.DATA_DIR, { recursive: true });
  const file = join(environment.DATA_DIR, FILE_NAME);
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(draft, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600 });
    // Linking publishes the whole file at once and fails when one exists: of two processes
    // starting together, one secret wins and both read it.
    await link(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(draft, { force: true });
  }
  const secret = (await readFile(file, 'utf8')).trim();
  if (secret.length < 32) throw new Error(`${file} holds no usable secret (fewer than 32 characters): delete it to have a new one made`);
  return secret;
}
