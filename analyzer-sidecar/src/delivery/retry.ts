/**
 * Bounded retries with exponential backoff and jitter. Each attempt's outcome
 * goes to `onAttempt` (the delivery log) before the next one is waited for.
 * "Equal jitter": half the exponential delay fixed, half random, so retries of
 * many schedules failing together spread out yet never fire at once.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 2_000, maxDelayMs: 60_000 };

export type AttemptResult<T> = { ok: true; value: T } | { ok: false; error: string };

export interface AttemptReport<T> {
  readonly attempt: number;
  readonly result: AttemptResult<T>;
  /** Wait before the next attempt; null after the last one. */
  readonly retryInMs: number | null;
}

/** The wait after failed attempt `attempt` (1-based); `random` in [0, 1). */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

export interface RetryDeps {
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly random: () => number;
  readonly signal: AbortSignal;
}

/** Runs `attempt` until it succeeds, the attempts run out, or `signal` aborts (no attempt after). */
export async function withRetries<T>(
  policy: RetryPolicy,
  deps: RetryDeps,
  attempt: (n: number) => Promise<AttemptResult<T>>,
  onAttempt: (report: AttemptReport<T>) => Promise<void>,
): Promise<AttemptResult<T>> {
  let last: AttemptResult<T> = { ok: false, error: 'not attempted' };
  for (let n = 1; n <= policy.maxAttempts; n++) {
    if (deps.signal.aborted) return { ok: false, error: 'stopped before the attempt (analyzer closing)' };
    last = await attempt(n).catch((error: unknown) => ({ ok: false as const, error: messageOf(error) }));
    const retryInMs = last.ok || n === policy.maxAttempts ? null : backoffDelay(policy, n, deps.random());
    await onAttempt({ attempt: n, result: last, retryInMs });
    if (last.ok || retryInMs === null) return last;
    await deps.sleep(retryInMs, deps.signal);
  }
  return last;
}

/** The message, with its cause's (fetch says only "fetch failed"; the cause says ECONNREFUSED). */
export function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

/** A timer sleep that ends early (without throwing) when the signal aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
