import type { FastifyRequest } from 'fastify';
import { clearedSessionCookie, isHttps, SESSION_COOKIE, sessionCookie, sessionIdOf } from './session-cookie';

const request = (headers: Record<string, string>, protocol = 'http') =>
  ({ headers, protocol }) as unknown as FastifyRequest;

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Strict, Path=/, and Secure only over https', () => {
    expect(sessionCookie('abc', 90_500, false)).toBe(
      `${SESSION_COOKIE}=abc; HttpOnly; SameSite=Strict; Path=/; Max-Age=90`,
    );
    expect(sessionCookie('abc', 1000, true)).toMatch(/; Secure$/);
    expect(clearedSessionCookie(true)).toBe(
      `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0; Secure`,
    );
    expect(isHttps(request({}, 'https'))).toBe(true);
    expect(isHttps(request({}, 'http'))).toBe(false);
  });

  test.each([
    [`${SESSION_COOKIE}=abc`, 'abc'],
    [`theme=dark; ${SESSION_COOKIE}=abc; other=1`, 'abc'],
    [`x${SESSION_COOKIE}=abc`, undefined],
    [`${SESSION_COOKIE}=`, undefined],
    ['', undefined],
  ])('reads the session id from %j', (cookie, id) => {
    expect(sessionIdOf(request({ cookie }))).toBe(id);
  });
});
