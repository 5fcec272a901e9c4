import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { OpenAPI3 } from 'openapi-typescript';
import { API_CLIENT_FILE, generateApiClient, readApiDocument } from '../../scripts/api-client.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** Where two texts first part, as a line number and both lines, for a failure message one can act on. */
function firstDifference(expected: string, actual: string): string {
  const [want, have] = [expected.split('\n'), actual.split('\n')];
  const line = want.findIndex((text, index) => text !== have[index]);
  const at = line === -1 ? want.length : line;
  return `line ${at + 1}: the service's document gives ${JSON.stringify(want[at] ?? '<end of file>')}, the file has ${JSON.stringify(have[at] ?? '<end of file>')}`;
}

describe('the dashboard API client (web/src/api/schema.d.ts)', () => {
  let api: TestApp;
  let document: OpenAPI3;

  beforeAll(async () => {
    api = await startTestApp();
    // The same reading as npm run api:generate, over real HTTP and without a token.
    document = await readApiDocument(api.baseUrl);
  });

  afterAll(async () => {
    await api.close();
  });

  it('is what openapi-typescript generates from the service OpenAPI document', async () => {
    const [generated, checkedIn] = await Promise.all([generateApiClient(document), readFile(API_CLIENT_FILE, 'utf8')]);
    if (generated !== checkedIn) {
      throw new Error(
        `web/src/api/schema.d.ts does not match the service's OpenAPI document: run \`npm run api:generate\` and commit the result (${firstDifference(generated, checkedIn)})`,
      );
    }
    expect(checkedIn).toContain('"/api/v1/actions/due-window": {');
  });

  it('would notice a change of the API', async () => {
    const changed = structuredClone(document);
    changed.paths = { ...changed.paths, '/api/v1/not-in-the-client': { get: { responses: { 204: { description: 'Nothing' } } } } };
    const generated = await generateApiClient(changed);
    expect(generated).toContain('"/api/v1/not-in-the-client": {');
    expect(generated).not.toBe(await readFile(API_CLIENT_FILE, 'utf8'));
  });

  it('is the same whichever order the document lists path parameters in', async () => {
    // As Jest's transpile-only compilation documents /{resource}/{id}/history, and then some.
    const shuffled = structuredClone(document);
    const history = shuffled.paths?.['/api/v1/{resource}/{id}/history'] as { get: { parameters: { in: string }[] } };
    const parameters = history.get.parameters;
    expect(parameters.filter((parameter) => parameter.in === 'path')).toHaveLength(2);
    history.get.parameters = [
      ...parameters.filter((parameter) => parameter.in !== 'path'),
      ...parameters.filter((parameter) => parameter.in === 'path').reverse(),
    ];
    expect(await generateApiClient(shuffled)).toBe(await generateApiClient(document));
  });
});
