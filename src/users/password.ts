import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

/** Cost of new hashes. Each hash carries its own, so the cost can be raised later and old hashes still verify. */
const COST = { N: 16384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 64;
/** Stored parameters that would need more memory than this (128·N·r bytes) are refused rather than run. */
const MAX_MEMORY = 64 * 1024 * 1024;

interface StoredHash extends ScryptOptions {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function derive(password: string, salt: Buffer, keyLength: number, { N, r, p }: ScryptOptions): Promise<Buffer> {
  // The same password typed on another keyboard may arrive composed or decomposed.
  const normalised = password.normalize('NFC');
  // OpenSSL needs a little more than 128·N·r bytes; the margin keeps MAX_MEMORY the real limit.
  const options = { N, r, p, maxmem: MAX_MEMORY + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(normalised, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** A memory-hard hash written `scrypt$N$r$p$salt$hash` (salt and hash in base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether the password matches a stored hash, in constant time; a malformed hash matches nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.hash.length, parsed);
  return timingSafeEqual(key, parsed.hash);
}

function parse(stored: string): StoredHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4], 'base64');
  const hash = Buffer.from(parts[5], 'base64');
  if (!saneCost(N, r, p) || salt.length === 0 || hash.length < 16) return undefined;
  return { N, r, p, salt, hash };
}

function saneCost(N: number, r: number, p: number): boolean {
  const positive = [N, r, p].every((value) => Number.isSafeInteger(value) && value > 0);
  const powerOfTwo = N > 1 && (N & (N - 1)) === 0;
  return positive && powerOfTwo && p <= 16 && 128 * N * r <= MAX_MEMORY;
}
