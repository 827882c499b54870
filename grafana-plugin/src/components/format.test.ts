import { formatMs, formatPercent, formatTime } from './format';

describe('format', () => {
  test.each([
    [null, '–'],
    [12.4, '12 ms'],
    [1500, '1.50 s'],
    [90_000, '1.5 min'],
  ])('formatMs(%p) = %s', (v, s) => expect(formatMs(v)).toBe(s));
  test.each([
    [undefined, '–'],
    [97.25, '97.3 %'],
  ])('formatPercent(%p) = %s', (v, s) => expect(formatPercent(v)).toBe(s));
  it('formats RFC 3339 times in UTC', () => {
    expect(formatTime('2026-11-23T10:00:00.123Z')).toBe('2026-11-23 10:00:00Z');
    expect(formatTime(null)).toBe('–');
  });
});
