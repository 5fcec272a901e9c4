import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** What compresses: text. Images other than SVG, fonts in woff2 and the like are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.map', '.xml']);
/** Below this a compressed copy saves less than the headers it costs (index.html stays as it is). */
export const PRECOMPRESS_THRESHOLD = 1024;

export interface Precompressed {
  file: string;
  bytes: number;
  br: number;
  gzip: number;
}

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/**
 * Writes a `.br` and a `.gz` beside every text file of a build at the highest quality, once at
 * build time, so that the service (@fastify/static's `preCompressed`) sends them as they are
 * instead of compressing on each request or not at all. A copy that would not be smaller is
 * not written, and the file is then sent as it is.
 */
export async function precompress(dir: string): Promise<Precompressed[]> {
  const written: Precompressed[] = [];
  for await (const file of filesUnder(dir)) {
    if (!COMPRESSIBLE.has(extname(file).toLowerCase()) || (await stat(file)).size < PRECOMPRESS_THRESHOLD) continue;
    const bytes = await readFile(file);
    const [br, gz] = await Promise.all([
      brotli(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }),
      gzipped(bytes, { level: constants.Z_BEST_COMPRESSION }),
    ]);
    if (br.length < bytes.length) await writeFile(`${file}.br`, br);
    if (gz.length < bytes.length) await writeFile(`${file}.gz`, gz);
    written.push({ file, bytes: bytes.length, br: br.length, gzip: gz.length });
  }
  return written;
}
