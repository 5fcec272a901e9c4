import { createHash, randomBytes } from 'node:crypto';

export const API_TOKEN_PREFIX = 'mcrm_';
/** Characters of the secret part shown in lists, after `mcrm_`. */
const SHOWN_CHARACTERS = 8;

/** Tokens are stored as this digest only: looking one up needs the token itself. */
export const sha256 = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** An opaque refresh token: 32 random bytes, base64url. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: sha256(token) };
}

/** A personal API token `mcrm_<32 random bytes, base64url>`, with what may be stored of it. */
export function newApiToken(): { token: string; prefix: string; hash: string } {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, prefix: token.slice(0, API_TOKEN_PREFIX.length + SHOWN_CHARACTERS), hash: sha256(token) };
}

export const isApiToken = (token: string): boolean => token.startsWith(API_TOKEN_PREFIX);
