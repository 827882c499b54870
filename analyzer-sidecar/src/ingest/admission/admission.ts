/**
 * Admission of OTLP requests by latency: while commits wait or the event loop
 * lags longer than `maxQueueDelayMs`, a new request is answered 429 with a
 * Retry-After at once, instead of queueing until the exporter's own timeout.
 */
export interface AdmissionSignals {
  /** How long a request waits for its commit: the oldest waiting, or the expected wait of a new one. */
  writerDelayMs(): number;
  /** Recent event-loop delay. */
  loopLagMs(): number;
}

export type AdmissionDecision =
  | { readonly admit: true }
  | { readonly admit: false; readonly retryAfterSeconds: number; readonly reason: string };

const ADMIT: AdmissionDecision = { admit: true };

export function decideAdmission(maxQueueDelayMs: number, signals: AdmissionSignals): AdmissionDecision {
  const writer = signals.writerDelayMs();
  const loop = signals.loopLagMs();
  const delay = Math.max(writer, loop);
  if (delay <= maxQueueDelayMs) return ADMIT;
  const what =
    writer >= loop ? `commits wait ${Math.round(writer)} ms` : `the event loop lags ${Math.round(loop)} ms`;
  return {
    admit: false,
    retryAfterSeconds: Math.min(30, Math.max(1, Math.ceil(delay / 1000))),
    reason: `the analyzer is overloaded (${what}, more than ${maxQueueDelayMs} ms); retry later`,
  };
}
