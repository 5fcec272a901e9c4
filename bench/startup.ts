import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

/**
 * `npm start` as a newcomer meets it (npm run bench:startup), without DATABASE_URL: the first
 * start on a fresh DATA_DIR (initdb, migrations, the demo mission) and RUNS restarts on it,
 * each timed from the command to the first 200 of /health/ready and split into the phases the
 * service logs; then the stale check on an unchanged tree and `npm run user:create`. With
 * BUILD=1 also the install-time build (`npm run build`), which rewrites dist/ as it was.
 */
const RUNS = Number(process.env.RUNS ?? 5);
const ROOT = join(import.meta.dirname, '..', '..');
const PORT = Number(process.env.PORT ?? 3900);
const PHASES = ['load', 'postgres', 'migrations', 'demo', 'admin', 'app', 'listen', 'total'] as const;

type Phases = Record<(typeof PHASES)[number], number>;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

const dataDir = mkdtempSync(join(tmpdir(), 'mission-crm-bench-startup-'));
chmodSync(dataDir, 0o755); // the PostgreSQL user enters it when the bench runs as root
const environment: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: String(PORT),
  DATA_DIR: dataDir,
  EMBEDDED_POSTGRES_PORT: String(PORT + 50_000 > 65_000 ? 54_900 : PORT + 50_000),
  ADMIN_EMAIL: 'bench-admin@mission-crm.test',
  ADMIN_PASSWORD: 'bench-startup-password',
  LOG_LEVEL: 'info',
};
delete environment.DATABASE_URL;

interface Start {
  ready: number;
  phases: Phases;
  stopped: number;
}

/** One `npm start` to ready and back down: the wall time and the phases of its "listening" line. */
async function start(): Promise<Start> {
  const begun = performance.now();
  const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env: environment, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let ready = 0;
  while (ready === 0) {
    if (child.exitCode !== null) throw new Error(`npm start ended with ${child.exitCode}:\n${output}`);
    if (performance.now() - begun > 120_000) throw new Error(`not ready within 120 s:\n${output}`);
    const status = await fetch(`http://127.0.0.1:${PORT}/health/ready`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) ready = performance.now() - begun;
    else await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const logged = /"startup":(\{[^}]*\})/.exec(output);
  if (!logged) throw new Error(`no startup figures in the log:\n${output}`);
  const signalled = performance.now();
  process.kill(-child.pid!, 'SIGINT');
  await exited;
  return { ready, phases: JSON.parse(logged[1]) as Phases, stopped: performance.now() - signalled };
}

/** Wall time of a command run to its end, in ms. */
function timed(command: string, args: string[], input?: string): number {
  const begun = performance.now();
  execFileSync(command, args, { cwd: ROOT, env: environment, input, stdio: 'pipe' });
  return performance.now() - begun;
}

try {
  process.stdout.write(
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ` +
      `load average ${loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')} at the start\n`,
  );
  if (process.env.BUILD === '1') process.stdout.write(`install-time build (npm run build): ${seconds(timed('npm', ['run', 'build', '--silent']))}\n`);
  const staleChecks = Array.from({ length: RUNS }, () => timed(process.execPath, ['scripts/build-if-stale.js']));
  process.stdout.write(`stale check on an unchanged tree: median ${seconds(median(staleChecks))}\n\n`);

  const row = (name: string, run: Start): string =>
    `| ${name} | ${seconds(run.ready)} | ${PHASES.map((phase) => seconds(run.phases[phase])).join(' | ')} | ${seconds(run.stopped)} |\n`;
  process.stdout.write(`| start | to /health/ready | ${PHASES.join(' | ')} | Ctrl-C to exit |\n|${' --- |'.repeat(PHASES.length + 3)}\n`);
  process.stdout.write(row('first (fresh DATA_DIR)', await start()));
  const restarts: Start[] = [];
  for (let run = 1; run <= RUNS; run += 1) {
    const restart = await start();
    restarts.push(restart);
    process.stdout.write(row(`restart ${run}`, restart));
  }
  const medianOf = (pick: (run: Start) => number): number => median(restarts.map(pick));
  const medianRow: Start = {
    ready: medianOf((run) => run.ready),
    stopped: medianOf((run) => run.stopped),
    phases: Object.fromEntries(PHASES.map((phase) => [phase, medianOf((run) => run.phases[phase])])) as Phases,
  };
  process.stdout.write(row(`restart, median of ${RUNS}`, medianRow));

  const userCreates = Array.from({ length: 3 }, (_, index) =>
    timed(
      'npm',
      [
        'run',
        'user:create',
        '--silent',
        '--',
        '--email',
        `bench-${index}@mission-crm.test`,
        '--name',
        `Bench ${index}`,
        '--role',
        'viewer',
        '--password-stdin',
      ],
      'bench-user-password',
    ),
  );
  process.stdout.write(`\nnpm run user:create (embedded PostgreSQL start, one user, stop): median ${seconds(median(userCreates))}\n`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
