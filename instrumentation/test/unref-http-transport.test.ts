import { parseRetryAfter } from '../src/sdk/unref-http-transport';

describe('parseRetryAfter', () => {
  it.each([
    ['3', 3000],
    ['0', 0],
    [undefined, undefined],
    ['', undefined],
    ['soon', undefined],
  ])('reads %p as %p ms', (value, expected) => {
    expect(parseRetryAfter(value)).toBe(expected);
  });

  it('reads an HTTP date as the time left until it', () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    expect(parseRetryAfter(inTenSeconds)).toBeGreaterThan(8_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:00 GMT')).toBe(0);
  });
});
