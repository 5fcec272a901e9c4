import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { hashPassword, verifyPassword } from './password.js';

describe('hashPassword', () => {
  it('writes scrypt with N=16384, r=8, p=1, a 16-byte salt and a 64-byte key', async () => {
    const hash = await hashPassword('Vietnam-2023-missie');
    const [scheme, N, r, p, salt, key] = hash.split('$');
    expect([scheme, N, r, p]).toEqual(['scrypt', '16384', '8', '1']);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(key, 'base64')).toHaveLength(64);
    expect(hash).not.toContain('Vietnam-2023-missie');
  });

  it('salts every hash, so the same password hashes differently twice', async () => {
    expect(await hashPassword('Vietnam-2023-missie')).not.toBe(await hashPassword('Vietnam-2023-missie'));
  });
});

describe('verifyPassword', () => {
  it('accepts the password that was hashed', async () => {
    const hash = await hashPassword('Haiphong & Quang Ninh');
    expect(await verifyPassword('Haiphong & Quang Ninh', hash)).toBe(true);
  });

  it('rejects any other password, even one differing only in case', async () => {
    const hash = await hashPassword('Haiphong & Quang Ninh');
    expect(await verifyPassword('haiphong & quang ninh', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const hash = await hashPassword('Hồ Chí Minh-stad'.normalize('NFC'));
    expect(await verifyPassword('Hồ Chí Minh-stad'.normalize('NFD'), hash)).toBe(true);
  });

  it('verifies with the cost parameters stored in the hash, not the current ones', async () => {
    const salt = randomBytes(16);
    const key = scryptSync('Mekong River Commission', salt, 64, { N: 1024, r: 8, p: 1 });
    const older = `scrypt$1024$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
    expect(await verifyPassword('Mekong River Commission', older)).toBe(true);
    expect(await verifyPassword('Mekong River Commission', older.replace('$1024$', '$2048$'))).toBe(false);
  });

  it.each([
    ['another scheme', 'bcrypt$2b$10$abc'],
    ['too few parts', 'scrypt$16384$8$1$c2FsdA=='],
    ['a cost that is not a power of two', 'scrypt$1000$8$1$c2FsdHNhbHRzYWx0$' + 'a'.repeat(88)],
    ['a cost that would exhaust memory', 'scrypt$1048576$8$1$c2FsdHNhbHRzYWx0$' + 'a'.repeat(88)],
    ['an empty string', ''],
  ])('matches nothing against a malformed hash: %s', async (_case, stored) => {
    expect(await verifyPassword('Mekong River Commission', stored)).toBe(false);
  });
});
