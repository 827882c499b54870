/**
 * Throttles guessing: each client (by address) may fail authentication `max`
 * times per `windowMs`; past that, every attempt, right or wrong, is answered
 * 429 + Retry-After until the window ends, so a token cannot be brute-forced at
 * hundreds of tries a second. Counting is @fastify/rate-limit's (an LRU of clients).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface FailedAuthOptions {
  /** Failures allowed per client per window. */
  readonly max: number;
  readonly windowMs: number;
}

export const DEFAULT_FAILED_AUTH: FailedAuthOptions = { max: 20, windowMs: 60_000 };

export class TooManyAuthFailuresError extends Error {
  readonly statusCode = 429;
  constructor(readonly retryAfterSeconds: number) {
    super(`too many failed sign-ins or unknown tokens from this address; retry in ${retryAfterSeconds} s`);
    this.name = 'TooManyAuthFailuresError';
  }
}

export interface FailedAuthLimiter {
  /** Throws TooManyAuthFailuresError while this client is over its failures. */
  check(request: FastifyRequest): Promise<void>;
  /** Counts one failure of this client; throws TooManyAuthFailuresError when it is one too many. */
  fail(request: FastifyRequest): Promise<void>;
}

/** Needs @fastify/rate-limit registered on `app` (`global: false`). */
export function createFailedAuthLimiter(app: FastifyInstance, options: FailedAuthOptions): FailedAuthLimiter {
  const limit = app.createRateLimit({
    max: options.max,
    timeWindow: options.windowMs,
    keyGenerator: (request) => request.ip,
  });
  const refuse = (ttlInSeconds: number) => new TooManyAuthFailuresError(Math.max(1, ttlInSeconds));
  return {
    async check(request) {
      const state = await limit(request, { increment: false });
      if (!state.isAllowed && state.remaining === 0) throw refuse(state.ttlInSeconds);
    },
    async fail(request) {
      const state = await limit(request);
      if (!state.isAllowed && state.isExceeded) throw refuse(state.ttlInSeconds);
    },
  };
}
