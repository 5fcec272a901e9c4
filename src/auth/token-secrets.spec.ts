import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { isApiToken, newApiToken, newRefreshToken } from './token-secrets.js';

describe('token secrets', () => {
  it('makes refresh tokens of 32 random bytes (base64url) with their SHA-256', () => {
    const { token, hash } = newRefreshToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(newRefreshToken().token).not.toBe(token);
  });

  it('makes API tokens "mcrm_" + 32 random bytes, with the first 8 characters of the secret as prefix', () => {
    const { token, prefix, hash } = newApiToken();
    expect(token).toMatch(/^mcrm_[A-Za-z0-9_-]{43}$/);
    expect(prefix).toBe(token.slice(0, 13));
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(isApiToken(token)).toBe(true);
    expect(isApiToken('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe(false);
  });
});
