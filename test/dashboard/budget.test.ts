import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { DASHBOARD_DIR } from '../../src/dashboard/dashboard.js';

/** DESIGN.md and issue 9: the JavaScript (and CSS) of the first page stays under 250 KB compressed. */
const FIRST_PAGE_BUDGET = 250 * 1024;

/** The files index.html makes the browser fetch before the first page shows: its scripts, style sheets and module preloads. */
function firstPageAssets(html: string): string[] {
  const found = new Set<string>();
  for (const [tag] of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const attribute = (name: string): string | undefined => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
    const url = tag.toLowerCase().startsWith('<script') ? attribute('src') : attribute('href');
    const rel = (attribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (!url || !url.startsWith('/')) continue;
    if (tag.toLowerCase().startsWith('<link') && !rel.includes('stylesheet') && !rel.includes('modulepreload')) continue;
    found.add(url.split('?')[0]);
  }
  return [...found];
}

describe('the size of the first page', () => {
  it('finds the scripts, style sheets and module preloads of an index.html, and nothing else', () => {
    const html = `<head><link rel="icon" href="/favicon.svg" /><script type="module" crossorigin src="/assets/index-a.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/vendor-b.js"><link rel="stylesheet" crossorigin href="/assets/index-c.css"></head>`;
    expect(firstPageAssets(html)).toEqual(['/assets/index-a.js', '/assets/vendor-b.js', '/assets/index-c.css']);
  });

  it('keeps the JavaScript and CSS that index.html loads under 250 KB gzip-compressed', async () => {
    const html = await readFile(join(DASHBOARD_DIR, 'index.html'), 'utf8');
    const assets = firstPageAssets(html);
    expect(assets.some((asset) => asset.endsWith('.js'))).toBe(true);
    const sizes: Record<string, number> = {};
    for (const asset of assets) {
      const file = join(DASHBOARD_DIR, asset);
      sizes[asset] = gzipSync(await readFile(file), { level: 9 }).length;
      // The build's last step compressed it for the service to send (src/dashboard/precompress.ts).
      expect([existsSync(`${file}.br`), existsSync(`${file}.gz`)]).toEqual([true, true]);
    }
    const total = Object.values(sizes).reduce((sum, size) => sum + size, 0);
    const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
    const report = Object.entries(sizes)
      .map(([asset, size]) => `${asset} ${kb(size)}`)
      .join(', ');
    if (total > FIRST_PAGE_BUDGET) throw new Error(`The first page loads ${kb(total)} gzip-compressed, over its budget of ${kb(FIRST_PAGE_BUDGET)}: ${report}`);
    expect(total).toBeLessThanOrEqual(FIRST_PAGE_BUDGET);
  });
});
