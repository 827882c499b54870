/**
 * Span names of the RPA wire contract.
 *
 * @remarks An execution span is the parent of its step spans; a recovery span
 * is the child of the step it heals.
 */
export const SPAN_NAMES = {
  /** One run of a workflow. */
  execution: 'rpa.execution',
  /**
   * A marker ended as soon as it starts: a child of its execution span with the
   * execution's start time, so that live views learn of an execution when it
   * begins rather than when it ends.
   */
  executionStarted: 'rpa.execution.started',
  /** One step (click, type, wait, extract…) of an execution. */
  step: 'rpa.step',
  /** One self-healing attempt on a step. */
  recovery: 'rpa.recovery',
} as const;

/** Every span name of the contract starts with this; the analyzer accepts no other span. */
export const RPA_SPAN_PREFIX = 'rpa.';

/** Any span name of the contract. */
export type RpaSpanName = (typeof SPAN_NAMES)[keyof typeof SPAN_NAMES];

/** The instrumentation scope name the spans and metrics are emitted under. */
export const INSTRUMENTATION_SCOPE = '@rpa-analytics/instrumentation';
