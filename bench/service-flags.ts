import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Node flags the service runs with, read from `npm start` (package.json's start script,
 * `node <flags> dist/src/main.js`), so that a bench measures the service as it is started;
 * SERVICE_NODE_FLAGS (space-separated) replaces them, to compare.
 */
export function serviceNodeFlags(root: string): string[] {
  if (process.env.SERVICE_NODE_FLAGS !== undefined) return process.env.SERVICE_NODE_FLAGS.split(' ').filter(Boolean);
  return startScriptFlags(readFileSync(join(root, 'package.json'), 'utf8'));
}

/** The flags between `node` and the script in a package.json's start script. */
export function startScriptFlags(manifest: string): string[] {
  const start = (JSON.parse(manifest) as { scripts: { start: string } }).scripts.start;
  const match = /^node((?: --?[\w-]+(?:=\S+)?)*) dist\/src\/main\.js$/.exec(start);
  if (!match) throw new Error(`npm start is not "node [flags] dist/src/main.js": ${start}`);
  return match[1].split(' ').filter(Boolean);
}
