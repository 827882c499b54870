import { niceTicks, shortNumber, timeTicks } from './chart-scene';

describe('chart axes', () => {
  it.each([
    [0, 10, 5, 0, [0, 2, 4, 6, 8, 10]],
    [0, 1, 4, 0, [0, 0.25, 0.5, 0.75, 1]],
    [0, 1, 4, 1, [0, 1]],
    [-55, 0, 4, 0, [-60, -40, -20, 0]],
    [0, 0, 5, 0, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0, 709, 4, 0, [0, 200, 400, 600, 800]],
  ])('niceTicks(%d, %d, %d, %d) covers the range with round steps', (min, max, count, minStep, ticks) => {
    expect(niceTicks(min, max, count, minStep)).toEqual(ticks);
  });

  it('puts time ticks on UTC day boundaries for a week, hours for a day', () => {
    const day = Date.UTC(2026, 0, 1);
    expect(timeTicks(day, day + 7 * 86_400_000).map((t) => t.label)).toEqual([
      '2026-01-01',
      '2026-01-03',
      '2026-01-05',
      '2026-01-07',
    ]);
    expect(timeTicks(day, day + 86_400_000)[1]!.label).toBe('01-01 06:00');
  });

  it.each([
    [1234, '1234'],
    [12345, '12.3k'],
    [2_500_000, '2.5M'],
    [0.5, '0.5'],
  ])('shortNumber(%d) is %s', (value, text) => {
    expect(shortNumber(value)).toBe(text);
  });
});
