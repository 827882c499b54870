import { SESSION_COOKIE } from '../ui/session-cookie';
import { bearer, startTestApp, TOKENS, type TestApp } from '../test-support/test-app';
import { crossOriginReason } from './origin-check';
import { API_POLICY, policyFor, UI_POLICY } from './security-headers';

describe('security headers', () => {
  test.each([
    ['/analytics/metrics', API_POLICY],
    ['/v1/traces', API_POLICY],
    ['/ui', UI_POLICY],
    ['/ui/login?x=1', UI_POLICY],
    ['/uix', API_POLICY],
  ])('%s gets its policy', (url, policy) => {
    expect(policyFor(url)).toBe(policy);
  });
});

describe('crossOriginReason', () => {
  const request = (method: string, headers: Record<string, string>) => ({
    method,
    headers: { host: 'analyzer:4319', ...headers },
  });
  test.each([
    ['GET', { origin: 'https://evil.example' }, false],
    ['POST', {}, false],
    ['POST', { origin: 'http://analyzer:4319' }, false],
    ['POST', { origin: 'https://analyzer:4319' }, false],
    ['POST', { origin: 'https://evil.example' }, true],
    ['PUT', { origin: 'null' }, true],
    ['DELETE', { 'sec-fetch-site': 'cross-site' }, true],
    ['POST', { 'sec-fetch-site': 'same-site', origin: 'http://analyzer:4319' }, true],
    ['POST', { 'sec-fetch-site': 'same-origin', origin: 'http://analyzer:4319' }, false],
  ])('%s %j refused: %s', (method, headers, refused) => {
    expect(crossOriginReason(request(method, headers)) !== undefined).toBe(refused);
  });
});

describe('the app under attack', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ authFailures: { max: 5, windowMs: 60_000 } });
  });
  afterAll(() => t.close());

  it('sends nosniff and a CSP on every response, errors and OTLP included', async () => {
    for (const [url, method] of [
      ['/health', 'GET'],
      ['/analytics/metrics', 'GET'],
      ['/nowhere', 'GET'],
      ['/v1/traces', 'POST'],
      ['/ui/login', 'GET'],
    ] as const) {
      const response = await t.app.inject({ url, method });
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toBe(
        url.startsWith('/ui') ? UI_POLICY : API_POLICY,
      );
    }
  });

  it('refuses a cross-origin state-changing request even with a valid session cookie', async () => {
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/ui/session',
      headers: { host: 'analyzer:4319', origin: 'http://analyzer:4319' },
      payload: { token: TOKENS.admin },
    });
    expect(signIn.statusCode).toBe(200);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0] as string;
    expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
    const forged = await t.app.inject({
      method: 'POST',
      url: '/admin/retention/apply',
      headers: { cookie, host: 'analyzer:4319', origin: 'https://evil.example' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().message).toMatch(/origin https:\/\/evil\.example/);
  });

  it('throttles wrong tokens per client: past the limit even the right token waits (429 + Retry-After)', async () => {
    const from = { remoteAddress: '192.0.2.7' };
    const wrong = () =>
      t.app.inject({
        url: '/analytics/metrics',
        headers: { authorization: 'Bearer wrong-token-x' },
        ...from,
      });
    for (let i = 0; i < 5; i++) expect((await wrong()).statusCode).toBe(401);
    const sixth = await wrong();
    expect(sixth.statusCode).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    const right = await t.app.inject({ url: '/analytics/metrics', headers: bearer('viewer'), ...from });
    expect(right.statusCode).toBe(429);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/ui/session',
      payload: { token: TOKENS.viewer },
      ...from,
    });
    expect(signIn.statusCode).toBe(429);
    const elsewhere = await t.app.inject({
      url: '/analytics/metrics',
      headers: bearer('viewer'),
      remoteAddress: '192.0.2.8',
    });
    expect(elsewhere.statusCode).toBe(200);
  });
});
