import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';

/** Public routes, security headers, CORS and the limits on sign-in attempts. */
describe('HTTP security', () => {
  let api: TestApp;
  const dashboard = 'https://crm.fit.example';

  beforeAll(async () => {
    // As behind a reverse proxy on the same host: X-Forwarded-For from it names the client.
    api = await startTestApp({ CORS_ORIGINS: `${dashboard}, http://localhost:5173`, TRUST_PROXY: 'loopback' });
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  describe('public routes', () => {
    it.each(['/health/live', '/health/ready', '/api/docs', '/api/docs-json', '/api/docs/swagger-ui-init.js'])('serves %s without a token', async (path) => {
      expect((await api.as(null).get(path)).status).toBe(200);
    });

    it('documents bearer authentication in the OpenAPI document', async () => {
      const document = (await api.as(null).get('/api/docs-json')).body;
      expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(document.security).toEqual([{ bearer: [] }]);
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/tokens/{id}']));
    });

    it('protects every other route: a list without a token is a 401', async () => {
      for (const path of ['organisations', 'contacts', 'missions', 'meetings', 'agreements', 'actions', 'reminders', 'users', 'auth/tokens']) {
        const response = await api.as(null).get(path);
        expect([path, response.status]).toEqual([path, 401]);
      }
    });
  });

  describe('security headers', () => {
    it('sends helmet headers on API responses and errors', async () => {
      for (const response of [await api.get('organisations'), await api.as(null).get('organisations')]) {
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
        expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
        expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      }
    });

    it("keeps the Swagger UI working: its scripts are its own origin's, its inline styles allowed, nothing upgraded to https", async () => {
      const ui = await api.as(null).get('/api/docs');
      const csp = ui.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self' https: 'unsafe-inline'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      // No inline script that the policy would block.
      expect(ui.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    });
  });

  describe('CORS', () => {
    const preflight = (origin: string) =>
      api.as(null).request('OPTIONS', 'organisations', undefined, {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      });

    it('allows an origin named in CORS_ORIGINS, with the Authorization header', async () => {
      const response = await preflight(dashboard);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(dashboard);
      expect(response.headers.get('access-control-allow-headers')).toContain('Authorization');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      const read = await api.request('GET', 'organisations', undefined, { origin: 'http://localhost:5173' });
      expect(read.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    });

    it('does not allow any other origin', async () => {
      const response = await preflight('https://evil.example');
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      const read = await api.request('GET', 'organisations', undefined, { origin: 'https://evil.example' });
      expect(read.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('allows no origin at all without CORS_ORIGINS', async () => {
      const plain = await startTestApp();
      try {
        const response = await plain.request('GET', 'organisations', undefined, { origin: dashboard });
        expect(response.status).toBe(200);
        expect(response.headers.get('access-control-allow-origin')).toBeNull();
      } finally {
        await plain.close();
      }
    });
  });

  describe('sign-in attempts', () => {
    const attempt = (email: string, from: string) =>
      api.as(null).request('POST', 'auth/login', { email, password: 'wrong password, guessed' }, { 'x-forwarded-for': from });

    it('allows 5 attempts a minute for one account, from any address; the 6th is a 429 with Retry-After, even with the right password', async () => {
      await api.post('users', { email: 'els.vermeulen@fit.example', name: 'Els Vermeulen', password: 'the right password 2023' });
      for (let i = 1; i <= 5; i += 1) expect((await attempt('els.vermeulen@fit.example', `203.0.113.${i}`)).status).toBe(401);
      const sixth = await api
        .as(null)
        .request('POST', 'auth/login', { email: 'ELS.Vermeulen@fit.example', password: 'the right password 2023' }, { 'x-forwarded-for': '203.0.113.99' });
      expect(sixth.status).toBe(429);
      const wait = Number(sixth.headers.get('retry-after'));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
      expect(sixth.body).toEqual({
        statusCode: 429,
        code: 'rate_limited',
        message: `Too many sign-in attempts; try again in ${wait} s`,
        details: [],
        requestId: expect.any(String),
      });
      // Other accounts are not affected.
      expect(
        (await api.as(null).request('POST', 'auth/login', { email: api.admin.email, password: api.admin.password }, { 'x-forwarded-for': '203.0.113.50' }))
          .status,
      ).toBe(200);
    });

    it('allows 10 attempts a minute from one address, whatever the accounts; the 11th is a 429 with Retry-After', async () => {
      for (let i = 1; i <= 10; i += 1) expect((await attempt(`officer${i}@fit.example`, '198.51.100.7')).status).toBe(401);
      const eleventh = await attempt('officer11@fit.example', '198.51.100.7');
      expect(eleventh.status).toBe(429);
      expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(eleventh.body).toMatchObject({ statusCode: 429, code: 'rate_limited' });
      // Another address is not affected.
      expect((await attempt('officer11@fit.example', '198.51.100.8')).status).toBe(401);
    });

    it('ignores X-Forwarded-For by default: a client cannot pick the address it is counted under', async () => {
      // The test admin's sign-in at start was the first attempt from this address.
      const direct = await startTestApp({ LOGIN_LIMIT_PER_ADDRESS: '3', LOGIN_LIMIT_PER_ACCOUNT: '1000' });
      try {
        const spoofed = (from: string) =>
          direct.as(null).request('POST', 'auth/login', { email: 'officer@fit.example', password: 'wrong password, guessed' }, { 'x-forwarded-for': from });
        expect((await spoofed('203.0.113.1')).status).toBe(401);
        expect((await spoofed('203.0.113.2')).status).toBe(401);
        const third = await spoofed('203.0.113.3');
        expect(third.status).toBe(429);
        expect(third.body).toEqual({
          statusCode: 429,
          code: 'rate_limited',
          message: `Too many sign-in attempts; try again in ${third.headers.get('retry-after')} s`,
          details: [],
          requestId: expect.any(String),
        });
      } finally {
        await direct.close();
      }
    });

    it('does not limit other routes', async () => {
      for (let i = 0; i < 15; i += 1) expect((await api.get('organisations')).status).toBe(200);
    });
  });
});
