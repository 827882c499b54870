import {
  context,
  trace,
  type Attributes,
  type Context,
  type HrTime,
  type Span,
  type TimeInput,
  type Tracer,
} from '@opentelemetry/api';
import {
  ATTR,
  CONTEXT_ATTR_PREFIX,
  EXECUTION_STATUS,
  SPAN_NAMES,
  STEP_STATUS,
  type ExecutionStatus,
  type StepStatus,
} from '../conventions';
import { resourceSummaryAttributes, type ResourceWindow } from '../resources/resource-summary';
import { cicdPipelineAttributes, cicdPipelineResult } from './cicd';
import { markFailed, RpaStep, type StepParent } from './step';
import { guarded, MAX_OPEN_EXECUTIONS, reportMisuse, type Telemetry } from './telemetry';
import type { ContextValue, ExecutionOptions, StepOptions } from './types';

/**
 * One run of a workflow. Every method is safe to call in any order: misuse is
 * reported and counted, never thrown into the executor.
 */
export class RpaExecution implements StepParent {
  readonly workflowId: string;
  readonly executionId: string;
  private readonly span: Span;
  /** The context its steps and the executor's own spans nest under. */
  readonly context: Context;
  private readonly startedAt = performance.now();
  private readonly stepsPlanned: number | undefined;
  private readonly resourceWindow: ResourceWindow | undefined;
  private stepsStarted = 0;
  private stepsCompleted = 0;
  private stepsFailed = 0;
  private finished = false;

  /** @internal Executions are started with `rpa.startExecution`. */
  constructor(
    private readonly telemetry: Telemetry,
    options: ExecutionOptions,
    executionId: string,
  ) {
    this.workflowId = options.workflowId;
    this.executionId = executionId;
    this.stepsPlanned = options.stepsTotal;
    this.span = telemetry.tracer.startSpan(SPAN_NAMES.execution, {
      attributes: {
        [ATTR.workflowId]: options.workflowId,
        [ATTR.executionId]: executionId,
        ...contextAttributes(options.context),
        ...requestedAtAttribute(options.requestedAt),
        ...cicdPipelineAttributes(options.workflowId, executionId),
      },
    });
    this.context = trace.setSpan(context.active(), this.span);
    emitStartedMarker(telemetry.tracer, this.span, this.context, {
      [ATTR.workflowId]: options.workflowId,
      [ATTR.executionId]: executionId,
      ...(typeof options.stepsTotal === 'number' && { [ATTR.executionStepsTotal]: options.stepsTotal }),
    });
    this.resourceWindow = telemetry.resources?.openWindow();
    telemetry.instruments.executionStarted(this.workflowId);
    if (telemetry.openExecutions.size < MAX_OPEN_EXECUTIONS) telemetry.openExecutions.set(executionId, this);
  }

  /** Whether `end`, `fail` or `cancel` was called. */
  get ended(): boolean {
    return this.finished;
  }

  /** Starts a step; after the execution ended, the step records nothing and the misuse is counted. */
  startStep(options: StepOptions): RpaStep {
    return guarded(
      this.telemetry,
      'startStep',
      () => {
        const valid = this.checkStepOptions(options);
        const telemetry = valid && !this.finished ? this.telemetry : this.telemetry.inert;
        if (valid && this.finished)
          reportMisuse(this.telemetry, 'startStep() called after its execution ended');
        this.stepsStarted += 1;
        const stepId = options?.stepId || `${this.executionId}/${this.stepsStarted}`;
        return new RpaStep(telemetry, this, valid ? options : invalidStep, stepId);
      },
      new RpaStep(this.telemetry.inert, this, invalidStep, 'invalid'),
    );
  }

  /**
   * Runs `work` as a step: ends it when `work` resolves, fails it when `work`
   * throws, and rethrows the executor's own error unchanged.
   */
  async trackStep<T>(options: StepOptions, work: (step: RpaStep) => T | Promise<T>): Promise<T> {
    const step = this.startStep(options);
    let result: T;
    try {
      result = await context.with(step.context, () => work(step));
    } catch (error) {
      if (!step.ended) step.fail(error);
      throw error;
    }
    if (!step.ended) step.end();
    return result;
  }

  /** The execution completed. */
  end(): void {
    this.finish(EXECUTION_STATUS.completed, undefined);
  }

  /** The execution failed with `error` (anything thrown). */
  fail(error: unknown): void {
    this.finish(EXECUTION_STATUS.failed, error);
  }

  /** The execution was cancelled. */
  cancel(): void {
    this.finish(EXECUTION_STATUS.cancelled, undefined);
  }

  /** @internal */
  onStepFinished(status: StepStatus): void {
    if (status === STEP_STATUS.completed) this.stepsCompleted += 1;
    else if (status === STEP_STATUS.failed) this.stepsFailed += 1;
  }

  private checkStepOptions(options: StepOptions): boolean {
    if (!options || typeof options.nodeId !== 'string' || typeof options.actionType !== 'string') {
      reportMisuse(this.telemetry, 'startStep() needs a nodeId and an actionType (strings)');
      return false;
    }
    return true;
  }

  private finish(status: ExecutionStatus, error: unknown): void {
    guarded(
      this.telemetry,
      'execution.end',
      () => {
        if (this.finished) {
          reportMisuse(this.telemetry, 'an execution was ended twice');
          return;
        }
        this.finished = true;
        const durationSeconds = (performance.now() - this.startedAt) / 1000;
        const resources = this.resourceWindow && this.telemetry.resources?.closeWindow(this.resourceWindow);
        this.span.setAttributes({
          [ATTR.executionStatus]: status,
          [ATTR.executionStepsTotal]: this.stepsPlanned ?? this.stepsStarted,
          [ATTR.executionStepsCompleted]: this.stepsCompleted,
          [ATTR.executionStepsFailed]: this.stepsFailed,
          ...resourceSummaryAttributes(resources?.summary()),
          ...cicdPipelineResult(status),
        });
        if (status === EXECUTION_STATUS.failed) markFailed(this.span, error);
        this.span.end();
        this.telemetry.openExecutions.delete(this.executionId);
        this.telemetry.instruments.executionFinished(this.workflowId, status, durationSeconds);
      },
      undefined,
    );
  }
}

/**
 * `rpa.execution.started`: a child of the execution span, with its start time,
 * ended at once, so that the analyzer learns of an execution when it starts.
 */
function emitStartedMarker(tracer: Tracer, execution: Span, parent: Context, attributes: Attributes): void {
  const startTime = startTimeOf(execution);
  tracer.startSpan(SPAN_NAMES.executionStarted, { startTime, attributes }, parent).end(startTime);
}

/** The SDK span's own start time (a span of the API alone has none readable: now, then). */
function startTimeOf(span: Span): TimeInput {
  const startTime = (span as Partial<{ startTime: HrTime }>).startTime;
  return Array.isArray(startTime) && startTime.length === 2 ? startTime : Date.now();
}

const invalidStep: StepOptions = { nodeId: 'invalid', actionType: 'invalid' };

/** User context as `rpa.context.<key>` attributes; non-primitive values become JSON. */
export function contextAttributes(userContext: Record<string, ContextValue> | undefined): Attributes {
  const attributes: Attributes = {};
  if (!userContext || typeof userContext !== 'object') return attributes;
  for (const [key, value] of Object.entries(userContext)) {
    if (value === undefined || value === null) continue;
    attributes[CONTEXT_ATTR_PREFIX + key] =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? value
        : toJson(value);
  }
  return attributes;
}

function toJson(value: object): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** `rpa.execution.requested_at` in epoch ms, or nothing for a missing or invalid time. */
export function requestedAtAttribute(requestedAt: Date | number | undefined): Record<string, number> {
  const ms = requestedAt instanceof Date ? requestedAt.getTime() : requestedAt;
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? { [ATTR.executionRequestedAt]: ms } : {};
}
