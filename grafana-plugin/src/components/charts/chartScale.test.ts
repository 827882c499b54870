import { bandOf, CHART_BOX, domainOf, sparklinePath, trendWindowMs, waterfallBars, xOf, yOf } from './chartScale';

describe('chart geometry', () => {
  const d = domainOf([
    { t: 0, v: 10 },
    { t: 100, v: 40 },
  ]);

  test.each([
    [0, CHART_BOX.left],
    [100, CHART_BOX.width],
    [50, (CHART_BOX.left + CHART_BOX.width) / 2],
    [-5, CHART_BOX.left],
  ])('places time %p at x %p', (t, x) => {
    expect(xOf(t, d)).toBeCloseTo(x);
  });

  it('puts the largest value at the top and zero on the axis', () => {
    expect([yOf(40, d), yOf(0, d)]).toEqual([0, CHART_BOX.height - CHART_BOX.bottom]);
  });

  it('keeps a single-run band visible', () => {
    expect(bandOf(50, 50, d).width).toBe(2);
  });

  it('lays steps out from the execution start', () => {
    const bars = waterfallBars(
      [
        {
          step_id: 'a',
          node_id: 'open',
          started_at: '2026-01-01T00:00:00.000Z',
          duration_ms: 1000,
          status: 'completed',
        },
        { step_id: 'b', node_id: 'save', started_at: '2026-01-01T00:00:01.000Z', duration_ms: 3000, status: 'failed' },
      ],
      400
    );
    expect(bars.map((b) => [b.x, b.width, b.failed])).toEqual([
      [0, 100, false],
      [100, 300, true],
    ]);
  });

  it('draws a trend of percentages with gaps', () => {
    expect(sparklinePath([100, 50, null, 0], 30, 10)).toBe('M0.0,0.0L10.0,5.0M30.0,10.0');
  });

  it('draws values over a given domain, clamping those outside it', () => {
    expect(sparklinePath([0.9, 0.85, 0.8, 0.7], 30, 10, [0.8, 0.9])).toBe('M0.0,0.0L10.0,5.0L20.0,10.0L30.0,10.0');
  });

  test.each([
    [0, 86_400_000, 3_600_000],
    [0, 60_000, 60_000],
    ['2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', 3_600_000],
    ['now-24h', 'now', undefined],
  ] as const)('windows %p..%p by %p', (from, to, expected) => {
    expect(trendWindowMs(from, to)).toBe(expected);
  });
});
