/**
 * Span names of the RPA wire contract.
 *
 * @remarks An execution span is the parent of its step spans; a recovery span
 * is the child of the step it heals.
 */
export const SPAN_NAMES = {
  /** One run of a workflow. */
  execution: 'rpa.execution',
  /** One step (click, type, wait, extract…) of an execution. */
  step: 'rpa.step',
  /** One self-healing attempt on a step. */
  recovery: 'rpa.recovery',
  /** Short marker, child of the execution span, sent when an execution starts (its start time is the execution's). */
  executionStarted: 'rpa.execution.started',
} as const;

/** Any span name of the contract. */
export type RpaSpanName = (typeof SPAN_NAMES)[keyof typeof SPAN_NAMES];

/** The instrumentation scope name the spans and metrics are emitted under. */
export const INSTRUMENTATION_SCOPE = '@rpa-analytics/instrumentation';
