import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';

describe('HTTP contract', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ BODY_LIMIT: '2048' });
  });

  afterAll(async () => {
    await api.close();
  });

  it('answers liveness and readiness, readiness checking the database and the queue', async () => {
    const live = await api.get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });
    const ready = await api.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, queue: { status: 'up', waiting: 0, delayed: 0, active: 0, failed: 0 } },
    });
  });

  it('serves the OpenAPI document and its UI', async () => {
    const json = await api.get('/api/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/api/v1/organisations', '/api/v1/organisations/{id}', '/health/ready']));
    const ui = await api.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.body).toContain('swagger-ui');
  });

  it('rejects malformed JSON with 400 in the common error body', async () => {
    const response = await api.request('POST', 'organisations', '{"name": "NXTPORT",', { 'content-type': 'application/json' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'malformed_json', message: 'The request body is not valid JSON', details: [] });
    expect(response.body.requestId).toEqual(response.headers.get('x-request-id'));
  });

  it('rejects a body that is not JSON with 415', async () => {
    const response = await api.request('POST', 'organisations', 'name=NXTPORT', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({ statusCode: 415, code: 'unsupported_media_type', message: 'Send the body as application/json' });
  });

  it('rejects a JSON body sent as text/plain with 415', async () => {
    const response = await api.request('POST', 'organisations', JSON.stringify({ name: 'NXTPORT', kind: 'company', country: 'BE' }), {
      'content-type': 'text/plain',
    });
    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({ statusCode: 415, code: 'unsupported_media_type', message: 'Send the body as application/json' });
  });

  it('rejects JSON nested too deeply with 400 instead of failing', async () => {
    const deep = `{"name":${'['.repeat(100)}1${']'.repeat(100)}}`;
    const response = await api.request('POST', 'organisations', deep, { 'content-type': 'application/json' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'validation_failed',
      details: [{ field: 'body', message: 'the request body is nested more than 32 levels deep' }],
    });
  });

  it('rejects an oversized body with 413', async () => {
    const response = await api.post('organisations', { name: 'x'.repeat(4096), kind: 'company', country: 'BE' });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ statusCode: 413, code: 'payload_too_large', message: 'The request body is too large' });
  });

  it('rejects a JSON body that is not an object with 400', async () => {
    const response = await api.request('POST', 'organisations', '[1,2]', { 'content-type': 'application/json' });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation_failed');
  });

  it('rejects text with a NUL character with 400, in a body and in a search', async () => {
    const body = await api.post('organisations', { name: 'NXT\u0000PORT', kind: 'company', country: 'BE' });
    expect(body.status).toBe(400);
    expect(body.body).toMatchObject({
      code: 'validation_failed',
      message: 'A text in the request contains a character that cannot be stored (such as \\u0000)',
    });
    const search = await api.get('organisations?q=%00');
    expect(search.status).toBe(400);
    expect(search.body.code).toBe('validation_failed');
  });

  it('answers over-long headers with 431 in the common error body', async () => {
    const response = await api.request('GET', 'organisations', undefined, { 'x-padding': 'x'.repeat(20_000) });
    expect(response.status).toBe(431);
    expect(response.body).toEqual({
      statusCode: 431,
      code: 'validation_failed',
      message: 'The request headers (or the URL) are too large',
      details: [],
      requestId: response.headers.get('x-request-id'),
    });
    expect(response.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with 404 in the common error body', async () => {
    const response = await api.get('nothing-here');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'not_found' });
  });

  it('echoes a sane X-Request-Id and makes one otherwise', async () => {
    const given = await api.request('GET', '/health/live', undefined, { 'x-request-id': 'trace-123' });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const made = await api.request('GET', '/health/live', undefined, { 'x-request-id': 'bad id with spaces' });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
