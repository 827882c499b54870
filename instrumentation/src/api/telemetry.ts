import type { Context, Tracer } from '@opentelemetry/api';
import { DROP_REASON } from '../conventions';
import type { ResourceTracker } from '../resources/resource-tracker';
import type { DropCounter } from '../sdk/drop-counter';
import type { RpaInstruments } from './instruments';

/** Live executions kept for id lookups; past this, new ones are not registered (and counted). */
export const MAX_OPEN_EXECUTIONS = 10_000;

/** What executions and steps record with: one per started instrumentation. */
export interface Telemetry {
  readonly tracer: Tracer;
  readonly instruments: RpaInstruments;
  readonly drops: DropCounter;
  readonly resources: ResourceTracker | undefined;
  /** Records nothing: what misused executions and steps get, so that calls on them stay safe. */
  readonly inert: Telemetry;
  /** Live executions by id, for the executor adapter and `recordStep`. */
  readonly openExecutions: Map<string, OpenExecution>;
}

/** What a live execution exposes to lookups by id. */
export interface OpenExecution {
  readonly workflowId: string;
  readonly executionId: string;
  /** The context its steps nest under. */
  readonly context: Context;
}

/** Reports misuse by the executor once, counts it always, and never throws. */
export function reportMisuse(telemetry: Telemetry, message: string): void {
  telemetry.drops.report(DROP_REASON.misuse, message);
}

/** Counts an exception of ours (a bug), reported once per place. */
export function reportInternalError(telemetry: Telemetry, what: string, error: unknown): void {
  telemetry.drops.report(DROP_REASON.internalError, `internal error in ${what}`, 1, String(error));
}

/** Runs `action`, turning any exception of ours into a counted internal error. */
export function guarded<T>(telemetry: Telemetry, what: string, action: () => T, fallback: T): T {
  try {
    return action();
  } catch (error) {
    reportInternalError(telemetry, what, error);
    return fallback;
  }
}
