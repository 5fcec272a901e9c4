import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { fieldErrorKey } from '../../web/src/api/messages.js';
import en from '../../web/src/i18n/en.json' with { type: 'json' };
import nl from '../../web/src/i18n/nl.json' with { type: 'json' };

const keys = (tree: object, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([key, value]) => (typeof value === 'object' ? keys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`]));
const has = (tree: object, key: string): boolean =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree) !== undefined;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the dashboard’s message catalogues', () => {
  it('hold the same keys in Dutch and English, so neither language falls back to the other', () => {
    expect(keys(nl).sort()).toEqual(keys(en).sort());
  });

  it('hold every literal key the pages ask for', () => {
    const asked = sources('web/src').flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z]+(?:\.[a-zA-Z_]+)+)'/g)].map((match) => match[1]),
    );
    expect(asked.length).toBeGreaterThan(100);
    // Plural keys live as key_one and key_other.
    const missing = [...new Set(asked)].filter((key) => !has(nl, key) && !has(nl, `${key}_other`));
    expect(missing).toEqual([]);
  });
});

describe('the API’s field messages in Dutch', () => {
  it.each([
    ['dueLabel must be a due date such as 2024-03-15, March 2024', 'due.notUnderstood'],
    ['title should not be empty', 'form.required'],
    ['email must be an e-mail address', 'fieldError.email'],
    ['dueTo must not be before dueFrom', 'fieldError.order'],
    ['country must be an ISO 3166-1 alpha-2 country code such as BE or VN', 'fieldError.country'],
    ['partyIds must name at least two different organisations', 'fieldError.twoParties'],
    ['startDate must be a date written YYYY-MM-DD', 'fieldError.date'],
    ['something no rule knows', 'fieldError.rejected'],
  ])('reads "%s" as %s', (message, key) => {
    expect(fieldErrorKey(message, 'nl')).toBe(key);
    expect(has(nl, key)).toBe(true);
  });

  it('shows the API’s own words in English', () => {
    expect(fieldErrorKey('title should not be empty', 'en')).toBeNull();
  });
});
