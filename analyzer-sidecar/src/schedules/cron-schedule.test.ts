import fc from 'fast-check';
import { checkCron, checkTimeZone, nextRunAfter } from './cron-schedule';

const ZONES = Intl.supportedValuesOf('timeZone');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Local calendar date and wall-clock time of an instant in a zone. */
function local(at: number, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** The zone's UTC offset at an instant, in minutes (wall clock minus UTC). */
function offsetMinutes(at: number, timeZone: string): number {
  const { date, time } = local(at, timeZone);
  const wall = Date.parse(`${date}T${time}:00Z`);
  return Math.round((wall - Math.floor(at / 60_000) * 60_000) / 60_000);
}

function runs(cron: string, zone: string, from: number, count: number): number[] {
  const out: number[] = [];
  let at = from;
  for (let i = 0; i < count; i++) {
    const next = nextRunAfter(cron, zone, at);
    if (next === null) break;
    out.push(next);
    at = next;
  }
  return out;
}

// 2020–2035: no zone skips or repeats a whole calendar day then (Samoa's was 2011).
const start = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) });
const zone = fc.constantFrom(...ZONES);

describe('nextRunAfter', () => {
  it('runs a daily job once on every local calendar day, DST or not, in every zone', () => {
    fc.assert(
      fc.property(
        zone,
        start,
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (tz, from, h, m) => {
          const at = runs(`${m} ${h} * * *`, tz, from, 400);
          expect(at).toHaveLength(400);
          const dates = at.map((t) => local(t, tz).date);
          expect(new Set(dates).size).toBe(dates.length); // never twice a day (fall-back)
          for (let i = 1; i < at.length; i++) {
            // the next local day: never one skipped (spring-forward)
            expect(Date.parse(dates[i]!) - Date.parse(dates[i - 1]!)).toBe(DAY);
            expect(at[i]!).toBeGreaterThan(at[i - 1]!);
          }
          const wanted = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
          for (const t of at) {
            // At its wall-clock time, or where that time did not exist that day, right at the end of the gap.
            if (local(t, tz).time !== wanted) expect(offsetMinutes(t - 1, tz)).not.toBe(offsetMinutes(t, tz));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps a 15-minute job 15 real minutes apart through every transition', () => {
    fc.assert(
      fc.property(zone, start, (tz, from) => {
        const at = runs('*/15 * * * *', tz, from, 200);
        for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBe(15 * 60_000);
      }),
      { numRuns: 100 },
    );
  });

  it('crosses the transitions of DST zones once a day', () => {
    const transitions = ZONES.filter(
      (tz) => offsetMinutes(Date.UTC(2026, 0, 15), tz) !== offsetMinutes(Date.UTC(2026, 6, 15), tz),
    );
    expect(transitions.length).toBeGreaterThan(50);
    fc.assert(
      fc.property(fc.constantFrom(...transitions), fc.integer({ min: 0, max: 59 }), (tz, m) => {
        // A daily job in the small hours over a year: both transitions of the zone fall inside.
        const at = runs(`${m} 2 * * *`, tz, Date.UTC(2025, 11, 30), 370);
        const dates = at.map((t) => local(t, tz).date);
        expect(new Set(dates).size).toBe(370);
        expect(dates.filter((d) => d.startsWith('2026-'))).toHaveLength(365);
      }),
      { numRuns: 60 },
    );
  });

  it.each([
    [
      'spring forward, New York',
      'America/New_York',
      '2026-03-08T00:00:00Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-09T06:30:00.000Z',
    ],
    [
      'fall back, New York (01:30 twice)',
      'America/New_York',
      '2026-11-01T00:00:00Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ],
    [
      'spring forward, Berlin',
      'Europe/Berlin',
      '2026-03-29T00:00:00Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ],
    [
      'fall back, Berlin (02:30 twice)',
      'Europe/Berlin',
      '2026-10-25T00:00:00Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ],
  ])('%s', (_name, tz, from, first, second) => {
    const time = tz === 'America/New_York' && from.startsWith('2026-11') ? '30 1 * * *' : '30 2 * * *';
    const [a, b] = runs(time, tz, Date.parse(from), 2);
    expect(new Date(a!).toISOString()).toBe(first);
    expect(new Date(b!).toISOString()).toBe(second);
  });

  it('is strictly after its argument', () => {
    const at = Date.parse('2026-05-01T08:00:00Z');
    expect(nextRunAfter('0 8 * * *', 'UTC', at)).toBe(at + DAY);
    expect(nextRunAfter('0 8 * * *', 'UTC', at - 1)).toBe(at);
  });
});

describe('checkCron / checkTimeZone', () => {
  it.each([
    ['0 8 * * 1-5', true],
    ['@daily', true],
    ['61 * * * *', false],
    ['* * * *', false],
    ['0 0 * * * *', false],
    ['0 0 30 2 *', false],
    ['hello', false],
  ])('cron %s → %s', (cron, ok) => {
    expect(checkCron(cron, 'UTC').ok).toBe(ok);
  });

  it.each([
    ['Europe/Berlin', true],
    ['UTC', true],
    ['America/Argentina/Buenos_Aires', true],
    ['Mars/Olympus', false],
    ['+02:00', false],
    ['', false],
  ])('time zone %s → %s', (tz, ok) => {
    expect(checkTimeZone(tz).ok).toBe(ok);
  });
});
