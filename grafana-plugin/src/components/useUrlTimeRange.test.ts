import { toTimeRange } from './useUrlTimeRange';

describe('toTimeRange', () => {
  it('reads epoch milliseconds', () => {
    const r = toTimeRange('1700000000000', '1700003600000');
    expect(r.from.valueOf()).toBe(1700000000000);
    expect(r.to.valueOf()).toBe(1700003600000);
  });
  it('reads relative ranges and keeps them raw', () => {
    const r = toTimeRange('now-6h', 'now');
    expect(r.to.valueOf() - r.from.valueOf()).toBeCloseTo(6 * 3600 * 1000, -4);
    expect(r.raw).toEqual({ from: 'now-6h', to: 'now' });
  });
  it('falls back to the last 24 hours on garbage', () => {
    const r = toTimeRange('yesterday-ish', 'nope');
    expect(r.to.valueOf() - r.from.valueOf()).toBeCloseTo(24 * 3600 * 1000, -4);
  });
});
