import fc from 'fast-check';
import { backoffDelay, withRetries, type AttemptResult, type RetryPolicy } from './retry';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 500 };

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, with half of it jittered', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (n, r) => {
          const ceiling = Math.min(500, 100 * 2 ** (n - 1));
          const delay = backoffDelay(policy, n, r);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });
});

describe('withRetries', () => {
  const deps = (slept: number[]) => ({
    sleep: async (ms: number) => void slept.push(ms),
    random: () => 0.5,
    signal: new AbortController().signal,
  });

  it('stops at the first success and reports every attempt', async () => {
    const slept: number[] = [];
    const reports: unknown[] = [];
    const outcomes: AttemptResult<string>[] = [
      { ok: false, error: 'refused' },
      { ok: false, error: 'HTTP 503' },
      { ok: true, value: 'sent' },
    ];
    const result = await withRetries(
      policy,
      deps(slept),
      async (n) => outcomes[n - 1]!,
      async (r) => void reports.push(r),
    );
    expect(result).toEqual({ ok: true, value: 'sent' });
    expect(reports).toEqual([
      { attempt: 1, result: outcomes[0], retryInMs: 75 },
      { attempt: 2, result: outcomes[1], retryInMs: 150 },
      { attempt: 3, result: outcomes[2], retryInMs: null },
    ]);
    expect(slept).toEqual([75, 150]);
  });

  it('gives up after maxAttempts, a thrown error counting as a failed attempt', async () => {
    const slept: number[] = [];
    let attempts = 0;
    const result = await withRetries(
      policy,
      deps(slept),
      async () => {
        attempts++;
        throw new Error('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') });
      },
      async () => undefined,
    );
    expect(attempts).toBe(4);
    expect(slept).toHaveLength(3);
    expect(result).toEqual({ ok: false, error: 'fetch failed: connect ECONNREFUSED 127.0.0.1:9' });
  });

  it('makes no attempt once stopped', async () => {
    const stop = new AbortController();
    stop.abort();
    let attempts = 0;
    const result = await withRetries(
      policy,
      { sleep: async () => undefined, random: () => 0, signal: stop.signal },
      async () => ({ ok: true, value: ++attempts }),
      async () => undefined,
    );
    expect(attempts).toBe(0);
    expect(result.ok).toBe(false);
  });
});
