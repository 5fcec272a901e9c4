// Builds (`npm run build`) only when the sources changed since the last successful build,
// so that `npm start` and the CLI commands start at once on an unchanged tree.
//
//   node scripts/build-if-stale.js               build when stale (before npm start and the CLIs)
//   node scripts/build-if-stale.js --if-possible  the same, but skip quietly where nothing can be built
//                                                 (no sources, or no compiler: npm ci --omit=dev)
//   node scripts/build-if-stale.js --check        exit 1 when stale, 0 when fresh; builds nothing
//   node scripts/build-if-stale.js --stamp        record the inputs as built (npm runs it after `npm run build`)
//
// Plain JavaScript on purpose: it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What a build reads: every file under these folders (those that exist), and these files. */
const INPUT_DIRS = ['src', 'migrations', 'scripts', 'bench', 'web'];
const INPUT_FILES = /^(package-lock\.json|tsconfig(\..+)?\.json|vite\.config\.[cm]?[jt]s)$/;
/** Folders that hold what a build writes or what npm installs, never what it reads. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', 'coverage']);
/** What the service needs from a build: missing, the build is stale whatever the stamp says. */
// The dashboard's build is an output only of a project that has one.
const OUTPUTS = ['dist/src/main.js', ...(existsSync(join(root, 'web', 'index.html')) ? ['dist/web/index.html'] : [])];

const STAMP = join(root, 'dist', '.build-inputs');
const LOCK = join(root, 'dist', '.build-lock');

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.') && !(entry.isDirectory() && SKIPPED_DIRS.has(entry.name)))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : []));
}

/** A hash of the build's inputs: their paths and contents, and the build command itself. */
function inputsHash() {
  const hash = createHash('sha256');
  const buildScript = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts?.build ?? '';
  hash.update(`build: ${buildScript}\0`);
  const topFiles = readdirSync(root)
    .filter((name) => INPUT_FILES.test(name))
    .sort()
    .map((name) => join(root, name));
  for (const file of [...topFiles, ...INPUT_DIRS.flatMap((dir) => files(join(root, dir)))]) {
    hash.update(`${relative(root, file)}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function isFresh(hash) {
  if (!OUTPUTS.every((output) => existsSync(join(root, output)))) return false;
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8')).inputs === hash;
  } catch {
    return false;
  }
}

function writeStamp(hash) {
  mkdirSync(dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, `${JSON.stringify({ inputs: hash, builtAt: new Date().toISOString() })}\n`);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** One build at a time: two terminals starting at once wait for one build, not race two into dist/. */
function lock() {
  mkdirSync(dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let holder = NaN;
    try {
      holder = Number.parseInt(readFileSync(join(LOCK, 'pid'), 'utf8'), 10);
    } catch {
      // being written or removed: look again
    }
    if (Number.isInteger(holder) && !isAlive(holder)) rmSync(LOCK, { recursive: true, force: true });
    else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
}

const unlock = () => rmSync(LOCK, { recursive: true, force: true });

function main(argv) {
  if (argv.includes('--stamp')) {
    // After a build started here, the inputs are those read before it began.
    writeStamp(process.env.MISSION_CRM_BUILD_INPUTS || inputsHash());
    return 0;
  }
  if (argv.includes('--check')) return isFresh(inputsHash()) ? 0 : 1;
  if (argv.includes('--if-possible')) {
    if (!existsSync(join(root, 'src'))) return 0;
    if (!existsSync(join(root, 'node_modules', 'typescript'))) {
      process.stderr.write('mission-crm: no TypeScript compiler (dev dependencies not installed): not building\n');
      return 0;
    }
  }
  if (isFresh(inputsHash())) return 0;
  lock();
  try {
    const hash = inputsHash();
    if (isFresh(hash)) return 0; // built by another process while this one waited
    process.stderr.write('mission-crm: sources changed since the last build: building…\n');
    const started = Date.now();
    const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
    const build = spawnSync(npm[0], [...npm[1], 'run', '--silent', 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, MISSION_CRM_BUILD_INPUTS: hash },
    });
    if (build.status !== 0) {
      process.stderr.write(`mission-crm: the build failed (${build.error?.message ?? `exit code ${build.status}`}): fix the errors above and start again\n`);
      return 1;
    }
    if (!isFresh(hash)) writeStamp(hash);
    process.stderr.write(`mission-crm: built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return 0;
  } finally {
    unlock();
  }
}

process.exitCode = main(process.argv.slice(2));
