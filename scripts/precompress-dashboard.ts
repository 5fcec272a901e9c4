import { relative } from 'node:path';
import { DASHBOARD_DIR } from '../src/dashboard/dashboard.js';
import { precompress } from '../src/dashboard/precompress.js';

/** The step of `npm run build` after `vite build`: the dashboard's assets, compressed once with brotli and gzip. */
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
for (const { file, bytes, br, gzip } of await precompress(DASHBOARD_DIR)) {
  process.stdout.write(`${relative(process.cwd(), file)}: ${kb(bytes)} → br ${kb(br)}, gzip ${kb(gzip)}\n`);
}
