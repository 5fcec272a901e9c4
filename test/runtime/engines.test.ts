import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ROOT } from '../support/service.js';

// The Node versions package.json promises must be ones every installed package accepts.
// (semver ships with npm's own dependencies; it has no types of its own here.)
const semver = createRequire(import.meta.url)('semver') as {
  subset(range: string, superset: string): boolean;
  satisfies(version: string, range: string): boolean;
};

interface Manifest {
  engines?: { node?: string };
}

const read = (path: string): Manifest & { packages?: Record<string, unknown> } => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

describe('engines', () => {
  const promised = read('package.json').engines?.node ?? '';

  it('promise only Node versions every installed dependency supports', () => {
    const refusing = Object.keys(read('package-lock.json').packages ?? {})
      .filter((path) => path.startsWith('node_modules/'))
      .flatMap((path) => {
        let manifest: Manifest;
        try {
          manifest = read(join(path, 'package.json'));
        } catch {
          return []; // an optional dependency for another platform
        }
        const needed = manifest.engines?.node;
        return needed && !semver.subset(promised, needed) ? [`${path}: ${needed}`] : [];
      });
    expect(refusing).toEqual([]);
  });

  it('cover both LTS lines, 22 and 24, and nothing past its end of life', () => {
    expect(semver.satisfies('22.13.0', promised)).toBe(true);
    expect(semver.satisfies('24.11.0', promised)).toBe(true);
    expect(semver.satisfies('20.19.0', promised)).toBe(false);
  });
});
