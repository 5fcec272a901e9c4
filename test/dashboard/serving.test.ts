import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { precompress } from '../../src/dashboard/precompress.js';
import { type ApiResponse, startTestApp, type TestApp } from '../support/app.js';

/** A stand-in for dist/web as `vite build` lays it out: index.html, hashed assets, files from web/public. */
const INDEX_HTML =
  '<!doctype html><html lang="nl"><head><script type="module" src="/assets/app-abc123.js"></script></head><body><div id="root"></div></body></html>\n';
const APP_JS = 'document.getElementById("root").textContent = "mission-crm";\n';
/** An asset large enough to be compressed at build time, as the dashboard's bundles are. */
const BUNDLE_JS = Array.from({ length: 400 }, (_, i) => `export const label${i} = "follow-up ${i} of the Vietnam mission";\n`).join('');
const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="8"/></svg>\n';

const MISSION_ID = '0b9f6a52-3c1e-4d8a-9f3b-5d2e7c1a4b60';
const ACTION_ID = '5c1e9d27-8a4b-4f6e-b2d1-3e7f9a0c6d18';
const ORGANISATION_ID = 'a7d3c1e5-2b4f-4e8a-9c6d-1f0b3a5e7d92';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A GET whose body comes as the bytes sent, not decoded as fetch would decode it. */
function rawGet(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${baseUrl}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

const varyTokens = (response: RawResponse): string[] =>
  String(response.headers.vary ?? '')
    .toLowerCase()
    .split(/,\s*/);

/** The common error body, its request id the one the response names in its header. */
function expectErrorBody(response: ApiResponse, statusCode: number, code: string, message: string): void {
  expect(response.status).toBe(statusCode);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(response.body).toEqual({ statusCode, code, message, details: [], requestId: response.headers.get('x-request-id') });
}

describe('the dashboard served by the service', () => {
  let root: string;
  let api: TestApp;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'mission-crm-dashboard-'));
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), INDEX_HTML);
    await writeFile(join(root, 'assets', 'app-abc123.js'), APP_JS);
    await writeFile(join(root, 'assets', 'bundle-def456.js'), BUNDLE_JS);
    await writeFile(join(root, 'favicon.svg'), FAVICON);
    // The build's last step, as `npm run build` runs it.
    await precompress(root);
    api = await startTestApp({}, { dashboardDir: root });
  });

  afterAll(async () => {
    await api?.close();
    await rm(root, { recursive: true, force: true });
  });

  it.each(['/', `/missions/${MISSION_ID}`, `/actions/${ACTION_ID}`, `/organisations/${ORGANISATION_ID}`, `/actions/${ACTION_ID}?from=reminder`, '/index.html'])(
    'answers %s with index.html, revalidated on every visit, without a token',
    async (path) => {
      const response = await api.as(null).get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.body).toBe(INDEX_HTML);
    },
  );

  it('caches a hashed asset for a year as immutable', async () => {
    const response = await api.as(null).get('/assets/app-abc123.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    const cacheControl = (response.headers.get('cache-control') ?? '').split(/,\s*/);
    expect(cacheControl).toEqual(expect.arrayContaining(['public', 'max-age=31536000', 'immutable']));
    expect(response.body).toBe(APP_JS);
  });

  it('compresses at build time only what is worth it: the large asset, not index.html or the small files', async () => {
    expect((await readdir(join(root, 'assets'))).sort()).toEqual(['app-abc123.js', 'bundle-def456.js', 'bundle-def456.js.br', 'bundle-def456.js.gz']);
    expect((await readdir(root)).sort()).toEqual(['assets', 'favicon.svg', 'index.html']);
  });

  it.each([
    ['br', 'br', brotliDecompressSync],
    ['gzip', 'gzip', gunzipSync],
    ['gzip, br', 'br', brotliDecompressSync],
    ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
    ['br;q=0.5, gzip', 'gzip', gunzipSync],
  ])('sends an asset asked with Accept-Encoding: %s encoded as %s, the same bytes once decoded, still immutable', async (accepted, encoding, decode) => {
    const identity = await rawGet(api.baseUrl, '/assets/bundle-def456.js');
    const response = await rawGet(api.baseUrl, '/assets/bundle-def456.js', { 'accept-encoding': accepted });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe(encoding);
    expect(response.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(varyTokens(response)).toContain('accept-encoding');
    expect(String(response.headers['cache-control']).split(/,\s*/)).toEqual(expect.arrayContaining(['public', 'max-age=31536000', 'immutable']));
    expect(response.body.length).toBeLessThan(identity.body.length / 4);
    expect(decode(response.body).equals(identity.body)).toBe(true);
    expect(identity.body.toString('utf8')).toBe(BUNDLE_JS);
  });

  it('sends an asset as it is to a client that accepts no encoding, saying that the answer varies by it', async () => {
    for (const headers of [{}, { 'accept-encoding': 'identity' }] as Record<string, string>[]) {
      const response = await rawGet(api.baseUrl, '/assets/bundle-def456.js', headers);
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(varyTokens(response)).toContain('accept-encoding');
      expect(response.body.toString('utf8')).toBe(BUNDLE_JS);
    }
  });

  it.each(['/', `/actions/${ACTION_ID}`, '/index.html'])('answers %s with index.html to a client accepting br and gzip: as it is, no-cache', async (path) => {
    const response = await rawGet(api.baseUrl, path, { 'accept-encoding': 'gzip, br' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body.toString('utf8')).toBe(INDEX_HTML);
  });

  it('serves a file at the top of the build, revalidated since its name does not change between releases', async () => {
    const response = await api.as(null).get('/favicon.svg');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.body).toBe(FAVICON);
  });

  it('answers a missing asset or top file with the JSON 404, not with the page', async () => {
    expectErrorBody(await api.as(null).get('/assets/missing.js'), 404, 'not_found', 'Cannot GET /assets/missing.js');
    expectErrorBody(await api.as(null).get('/robots.txt'), 404, 'not_found', 'Cannot GET /robots.txt');
  });

  it.each(['/api/v1/nope', '/api/nope', '/api', '/health/nope', '/health'])(
    'keeps the unknown service path %s a JSON 404 in the common error body',
    async (path) => {
      expectErrorBody(await api.get(path), 404, 'not_found', `Cannot GET ${path}`);
    },
  );

  it('answers HEAD of a page like its GET, without a body', async () => {
    const response = await api.as(null).request('HEAD', `/missions/${MISSION_ID}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.body).toBe('');
  });

  it('answers only GET and HEAD with the dashboard: a POST to a page path is a JSON 404', async () => {
    expectErrorBody(await api.post('/missions/x', {}), 404, 'not_found', 'Cannot POST /missions/x');
  });

  it('still serves the API beside the dashboard', async () => {
    const response = await api.get('auth/me');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ email: api.admin.email });
  });
});

describe('the dashboard before it is built', () => {
  let root: string;
  let api: TestApp;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'mission-crm-dashboard-empty-'));
    api = await startTestApp({}, { dashboardDir: root });
  });

  afterAll(async () => {
    await api?.close();
    await rm(root, { recursive: true, force: true });
  });

  it.each(['/', `/actions/${ACTION_ID}`])('answers %s with 503 not_ready in the common error body', async (path) => {
    expectErrorBody(await api.as(null).get(path), 503, 'not_ready', 'The dashboard is not built: run npm run build');
  });

  it('keeps the API and health available', async () => {
    expect((await api.as(null).get('/health/live')).status).toBe(200);
    expectErrorBody(await api.get('/api/v1/nope'), 404, 'not_found', 'Cannot GET /api/v1/nope');
  });
});
