import fc from 'fast-check';
import { evaluateExpectedRun } from './expected-runs';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 2); // a Monday, 00:00 UTC

describe('evaluateExpectedRun with a cron', () => {
  const hourly = { cron: '0 * * * *', timezone: 'UTC', tolerance_minutes: 10 };
  // Runs every hour on the hour (a few seconds late) up to 09:00; the 10:00 run is skipped.
  const starts = Array.from({ length: 10 }, (_, h) => T0 + h * HOUR + 5_000);

  it('is quiet while the skipped run is within its tolerance', () => {
    const at = evaluateExpectedRun('wf', starts, hourly, T0 + 10 * HOUR + 9 * MIN);
    expect(at).toMatchObject({ source: 'cron', missing: false });
  });

  it('alerts once the tolerance has passed, naming the expected start', () => {
    const at = evaluateExpectedRun('wf', starts, hourly, T0 + 10 * HOUR + 11 * MIN);
    expect(at).toMatchObject({ missing: true, expected_at: T0 + 10 * HOUR, overdue_ms: MIN });
  });

  it('resolves as soon as a run starts, even a late one', () => {
    const late = [...starts, T0 + 10 * HOUR + 25 * MIN];
    expect(evaluateExpectedRun('wf', late, hourly, T0 + 10 * HOUR + 26 * MIN)).toMatchObject({
      missing: false,
    });
  });

  it('follows the zone: a 09:00 Berlin run is due at 08:00 UTC in winter', () => {
    const daily = { cron: '0 9 * * *', timezone: 'Europe/Berlin', tolerance_minutes: 30 };
    const r = evaluateExpectedRun('wf', [T0 - DAY + 8 * HOUR], daily, T0 + 8 * HOUR + 31 * MIN);
    expect(r).toMatchObject({ missing: true, expected_at: T0 + 8 * HOUR });
  });

  it('for any skipped hour: quiet within the tolerance, missing after it, resolved by a start', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 59 * 60_000 }),
        (skipped, tolMin, startJitter) => {
          const setting = { cron: '0 * * * *', timezone: 'UTC', tolerance_minutes: tolMin };
          const before = Array.from({ length: skipped }, (_, h) => T0 + h * HOUR);
          const due = T0 + skipped * HOUR;
          const tol = tolMin * MIN;
          expect(evaluateExpectedRun('wf', before, setting, due + tol - 1)?.missing).toBe(false);
          // Before the next hour's run is due as well:
          if (tol < HOUR)
            expect(evaluateExpectedRun('wf', before, setting, due + tol + 1)).toMatchObject({
              missing: true,
              expected_at: due,
            });
          const start = due + tol + 1 + (startJitter % Math.max(1, HOUR - tol - 2));
          expect(evaluateExpectedRun('wf', [...before, start], setting, start)?.missing).toBe(false);
        },
      ),
    );
  });
});

describe('evaluateExpectedRun learned from history', () => {
  const every4h = Array.from({ length: 12 }, (_, i) => T0 + i * 4 * HOUR + (i % 3) * MIN);

  it('learns the median gap and half of it as tolerance', () => {
    const r = evaluateExpectedRun('wf', every4h, undefined, T0 + 11 * 4 * HOUR + HOUR);
    expect(r?.source).toBe('learned');
    expect(r?.interval_ms).toBeGreaterThanOrEqual(4 * HOUR - 2 * MIN);
    expect(r?.interval_ms).toBeLessThanOrEqual(4 * HOUR + 2 * MIN);
    expect(r?.missing).toBe(false);
  });

  it('flags a run missing after gap + tolerance and resolves with the next start', () => {
    const last = every4h[every4h.length - 1] as number;
    const r = evaluateExpectedRun('wf', every4h, undefined, last + 6 * HOUR + 10 * MIN);
    expect(r?.missing).toBe(true);
    expect(
      evaluateExpectedRun(
        'wf',
        [...every4h, last + 6 * HOUR + 9 * MIN],
        undefined,
        last + 6 * HOUR + 10 * MIN,
      )?.missing,
    ).toBe(false);
  });

  it('says nothing with too little history', () => {
    expect(evaluateExpectedRun('wf', every4h.slice(0, 4), undefined, T0 + 100 * DAY)).toBeNull();
  });
});
