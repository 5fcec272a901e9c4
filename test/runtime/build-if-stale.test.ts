import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROOT } from '../support/service.js';

// `npm start` and the CLI commands build only when the build's inputs changed. Tried on a
// small project of its own whose build counts how often it runs, so that no real compile is needed.

let project: string;

const builds = async (): Promise<number> => (await readFile(join(project, 'builds.txt'), 'utf8').catch(() => '')).length;
const buildIfStale = (...args: string[]) => spawnSync(process.execPath, ['scripts/build-if-stale.js', ...args], { cwd: project, encoding: 'utf8' });

describe('build only when stale', () => {
  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), 'mission-crm-build-'));
    await mkdir(join(project, 'scripts'));
    await cp(join(ROOT, 'scripts', 'build-if-stale.js'), join(project, 'scripts', 'build-if-stale.js'));
    const build = `node -e "const f=require('fs');f.appendFileSync('builds.txt','x');if(f.existsSync('src/broken'))process.exit(3);f.mkdirSync('dist/src',{recursive:true});f.writeFileSync('dist/src/main.js','')"`;
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({ name: 'p', type: 'module', scripts: { build, postbuild: 'node scripts/build-if-stale.js --stamp' } }),
    );
    await writeFile(join(project, 'package-lock.json'), '{}');
    await mkdir(join(project, 'src'));
    await writeFile(join(project, 'src', 'main.ts'), 'export {};\n');
  });

  afterAll(async () => {
    await rm(project, { recursive: true, force: true });
  });

  it('builds the first time, then not again on an unchanged tree', async () => {
    expect(buildIfStale('--check').status).toBe(1);
    expect(buildIfStale().status).toBe(0);
    expect(await builds()).toBe(1);
    expect(buildIfStale('--check').status).toBe(0);
    const again = buildIfStale();
    expect(again.status).toBe(0);
    expect(again.stderr).toBe('');
    expect(await builds()).toBe(1);
  });

  it('ignores a touched file whose content is the same', async () => {
    const later = new Date(Date.now() + 60_000);
    await utimes(join(project, 'src', 'main.ts'), later, later);
    expect(buildIfStale().status).toBe(0);
    expect(await builds()).toBe(1);
  });

  it('builds after a change to the sources, the dashboard or the lockfile, and when the output is gone', async () => {
    await writeFile(join(project, 'src', 'main.ts'), 'export const changed = true;\n');
    expect(buildIfStale().status).toBe(0);
    expect(await builds()).toBe(2);

    await mkdir(join(project, 'web', 'src'), { recursive: true });
    await writeFile(join(project, 'web', 'src', 'app.tsx'), 'export {};\n');
    expect(buildIfStale().status).toBe(0);
    expect(await builds()).toBe(3);
    // What a build writes or npm installs under web/ is not an input.
    await mkdir(join(project, 'web', 'dist'));
    await writeFile(join(project, 'web', 'dist', 'index.html'), '<html></html>');
    expect(buildIfStale().status).toBe(0);
    expect(await builds()).toBe(3);

    await writeFile(join(project, 'package-lock.json'), '{"lockfileVersion":3}');
    expect(buildIfStale().status).toBe(0);
    expect(await builds()).toBe(4);

    await rm(join(project, 'dist', 'src', 'main.js'));
    expect(buildIfStale().status).toBe(0);
    expect(await builds()).toBe(5);
  });

  it('a failed build says so, exits non-zero and is tried again next time', async () => {
    await writeFile(join(project, 'src', 'broken'), '');
    const failed = buildIfStale();
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('the build failed');
    expect(buildIfStale('--check').status).toBe(1);
    await rm(join(project, 'src', 'broken'));
    expect(buildIfStale().status).toBe(0);
    expect(buildIfStale('--check').status).toBe(0);
  });

  it('skips quietly after npm ci where there is nothing to build', () => {
    const bare = execFileSync('mktemp', ['-d']).toString().trim();
    execFileSync('mkdir', ['-p', join(bare, 'scripts')]);
    execFileSync('cp', [join(ROOT, 'scripts', 'build-if-stale.js'), join(bare, 'scripts')]);
    execFileSync('sh', ['-c', `echo '{"scripts":{"build":"exit 9"}}' > ${join(bare, 'package.json')}`]);
    const result = spawnSync(process.execPath, ['scripts/build-if-stale.js', '--if-possible'], { cwd: bare, encoding: 'utf8' });
    execFileSync('rm', ['-rf', bare]);
    expect(result.status).toBe(0);
  });
});
