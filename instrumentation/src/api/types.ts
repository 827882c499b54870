import type { ExecutionStatus, RecoveryOutcome, StepStatus } from '../conventions';

/** A point in time: a `Date` or epoch milliseconds. */
export type TimeInput = Date | number;

/** Values of user context, set on the execution span as `rpa.context.<key>`. */
export type ContextValue = string | number | boolean | null | undefined | object;

/** Starts an execution. */
export interface ExecutionOptions {
  /** The workflow this execution runs (required). */
  workflowId: string;
  /** Generated (a UUID) when not given. */
  executionId?: string;
  /** Steps the workflow plans; when not given, the number of steps started. */
  stepsTotal?: number;
  /** User context (machine, tenant, input file…): low-cardinality values belong here. */
  context?: Record<string, ContextValue>;
  /**
   * When the run was requested (queued or triggered), as a Date or epoch
   * milliseconds; sent as `rpa.execution.requested_at` so the analyzer can
   * separate queue time from run time. Ignored when not a finite time.
   */
  requestedAt?: Date | number;
}

/** Starts a step of an execution. */
export interface StepOptions {
  /** The workflow node this step runs. */
  nodeId: string;
  /** What the step does: click, type, wait, extract… */
  actionType: string;
  /** The UI target the step acts on. */
  targetElement?: string;
  /** Generated from the execution id and the step's index when not given. */
  stepId?: string;
}

/** One self-healing attempt on a step. */
export interface RecoveryOptions {
  /** How the executor tried to heal the step (re-match, scroll, fallback selector…). */
  strategy: string;
  outcome: RecoveryOutcome;
  /** Defaults to now. */
  startedAt?: TimeInput;
  /** Defaults to `startedAt`. */
  endedAt?: TimeInput;
}

/** A finished execution timed by the executor itself (the seed's ExecutionMetrics). */
export interface ExecutionRecord {
  executionId?: string;
  workflowId: string;
  startedAt: TimeInput;
  completedAt: TimeInput;
  status: ExecutionStatus;
  stepsTotal?: number;
  stepsCompleted?: number;
  stepsFailed?: number;
  /** The failure's message (failed executions). */
  errorMessage?: string;
  /** The failure's class or code, as `error.type`. */
  errorType?: string;
  context?: Record<string, ContextValue>;
  /** When the run was requested (see ExecutionOptions.requestedAt): queue time = startedAt − requestedAt. */
  requestedAt?: TimeInput;
  /** Its steps, recorded as children of the execution. */
  steps?: Array<Omit<StepRecord, 'executionId' | 'workflowId'>>;
}

/** A finished step timed by the executor itself (the seed's StepMetrics). */
export interface StepRecord {
  stepId?: string;
  executionId: string;
  workflowId: string;
  nodeId: string;
  actionType: string;
  targetElement?: string;
  startedAt: TimeInput;
  completedAt: TimeInput;
  status: StepStatus;
  confidenceScore?: number;
  retryCount?: number;
  /** The failure's message (failed steps). */
  errorDetails?: string;
  errorType?: string;
  recoveries?: RecoveryOptions[];
}
