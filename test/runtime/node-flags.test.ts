import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { startScriptFlags } from '../../bench/service-flags.js';
import { ROOT } from '../support/service.js';

// The service's heap ceiling (README, "Memory") is a Node flag, so it lives where the
// service is started: npm start and the container image must say the same.
describe('the Node flags the service starts with', () => {
  const flags = startScriptFlags(readFileSync(join(ROOT, 'package.json'), 'utf8'));

  it('are the same for npm start and for the container image', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1];
    expect(JSON.parse(cmd ?? '[]')).toEqual(['node', ...flags, 'dist/src/main.js']);
  });

  it('cap the heap at 1 GiB, where V8 collects garbage well before its default four times the live heap', () => {
    const limit = Number(execFileSync(process.execPath, [...flags, '-p', "require('node:v8').getHeapStatistics().heap_size_limit"], { encoding: 'utf8' }));
    // heap_size_limit is the old space plus the young generation's share.
    expect(limit).toBeGreaterThanOrEqual(1024 * 2 ** 20);
    expect(limit).toBeLessThan(1280 * 2 ** 20);
  });
});
