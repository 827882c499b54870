import { context, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { ATTR, RECOVERY_OUTCOME, SPAN_NAMES, STEP_STATUS, type StepStatus } from '../conventions';
import { CICD_TASK_ATTR, cicdTaskRunResult, CICD_TASK_RUN_RESULT_KEY } from './cicd';
import { describeError } from './error-attributes';
import { guarded, reportInternalError, reportMisuse, type Telemetry } from './telemetry';
import type { RecoveryOptions, StepOptions } from './types';

/** What a step tells its execution when it finishes. */
export interface StepParent {
  readonly workflowId: string;
  readonly executionId: string;
  /** The context steps start in: the execution span's. */
  readonly context: Context;
  onStepFinished(status: StepStatus): void;
}

/**
 * One step of an execution. Every method is safe to call in any order: misuse
 * is reported and counted, never thrown into the executor.
 */
export class RpaStep {
  /** The step's id (`rpa.step.id`). */
  readonly stepId: string;
  readonly actionType: string;
  private readonly span: Span;
  private readonly startedAt = performance.now();
  private confidence: number | undefined;
  private retries = 0;
  private finished = false;

  /** @internal Steps are started with `execution.startStep`. */
  constructor(
    private readonly telemetry: Telemetry,
    private readonly parent: StepParent,
    options: StepOptions,
    stepId: string,
  ) {
    this.stepId = stepId;
    this.actionType = options.actionType;
    this.span = telemetry.tracer.startSpan(
      SPAN_NAMES.step,
      {
        attributes: {
          [ATTR.workflowId]: parent.workflowId,
          [ATTR.executionId]: parent.executionId,
          [ATTR.stepId]: stepId,
          [ATTR.stepNodeId]: options.nodeId,
          [ATTR.stepActionType]: options.actionType,
          [ATTR.stepTargetElement]: options.targetElement ?? '',
          [CICD_TASK_ATTR.pipelineName]: parent.workflowId,
          [CICD_TASK_ATTR.pipelineRunId]: parent.executionId,
          [CICD_TASK_ATTR.taskName]: options.nodeId,
          [CICD_TASK_ATTR.taskRunId]: stepId,
        },
      },
      parent.context,
    );
  }

  /** Whether `end`, `fail` or `skip` was called. */
  get ended(): boolean {
    return this.finished;
  }

  /** The visual-match confidence of the step's target, in [0, 1]. */
  setConfidence(confidence: number): this {
    if (typeof confidence === 'number' && confidence >= 0 && confidence <= 1) this.confidence = confidence;
    else
      reportMisuse(
        this.telemetry,
        `setConfidence(${String(confidence)}): a confidence is a number in [0, 1]`,
      );
    return this;
  }

  /** Counts one retry of the step. */
  recordRetry(): this {
    this.retries += 1;
    return this;
  }

  /** Records one self-healing attempt as an `rpa.recovery` span under this step. */
  recordRecovery(recovery: RecoveryOptions): this {
    guarded(
      this.telemetry,
      'recordRecovery',
      () => {
        if (!recovery || typeof recovery.strategy !== 'string' || !recovery.strategy) {
          reportMisuse(this.telemetry, 'recordRecovery without a strategy');
          return;
        }
        if (recovery.outcome !== RECOVERY_OUTCOME.recovered && recovery.outcome !== RECOVERY_OUTCOME.failed) {
          reportMisuse(this.telemetry, `recordRecovery outcome must be "recovered" or "failed"`);
          return;
        }
        recordRecoverySpan(this.telemetry, this.span, this.parent, this.stepId, recovery);
      },
      undefined,
    );
    return this;
  }

  /** The step completed. */
  end(): void {
    this.finish(STEP_STATUS.completed, undefined);
  }

  /** The step failed with `error` (anything thrown). */
  fail(error: unknown): void {
    this.finish(STEP_STATUS.failed, error);
  }

  /** The step was skipped. */
  skip(): void {
    this.finish(STEP_STATUS.skipped, undefined);
  }

  /** The step's span, for the executor's own child spans and links. */
  get spanContext() {
    return this.span.spanContext();
  }

  /**
   * The context the step's work runs in (`trackStep`): its execution's, with
   * the step's own span active, so that `trace.getActiveSpan()` is the step.
   */
  get context(): Context {
    return trace.setSpan(this.parent.context, this.span);
  }

  private finish(status: StepStatus, error: unknown): void {
    if (this.finished) {
      reportMisuse(
        this.telemetry,
        `step ${status === 'completed' ? 'end' : status}() called on a step that already ended`,
      );
      return;
    }
    this.finished = true;
    // Inline rather than through guarded(): this is the executor's hot path.
    try {
      this.record(status, error);
    } catch (caught) {
      reportInternalError(this.telemetry, 'step.end', caught);
    }
  }

  private record(status: StepStatus, error: unknown): void {
    const durationSeconds = (performance.now() - this.startedAt) / 1000;
    const span = this.span;
    span.setAttribute(ATTR.stepStatus, status);
    span.setAttribute(ATTR.stepRetryCount, this.retries);
    span.setAttribute(CICD_TASK_RUN_RESULT_KEY, cicdTaskRunResult(status));
    if (this.confidence !== undefined) span.setAttribute(ATTR.stepConfidence, this.confidence);
    if (status === STEP_STATUS.failed) markFailed(span, error);
    span.end();
    const { workflowId } = this.parent;
    this.telemetry.instruments.stepFinished(
      workflowId,
      this.actionType,
      status,
      durationSeconds,
      this.confidence,
      this.retries,
    );
    this.parent.onStepFinished(status);
  }
}

/** Sets ERROR status, `error.type` and an `exception` event, as OpenTelemetry's error conventions ask. */
export function markFailed(span: Span, error: unknown): void {
  const described = describeError(error);
  span.setAttribute(ATTR.errorType, described.type);
  span.recordException({ name: described.type, message: described.message, stack: described.stack });
  span.setStatus({ code: SpanStatusCode.ERROR, message: described.message });
}

/** Records a recovery span under a step span and counts it. */
export function recordRecoverySpan(
  telemetry: Telemetry,
  stepSpan: Span,
  parent: { workflowId: string; executionId: string },
  stepId: string,
  recovery: RecoveryOptions,
): void {
  const startTime = recovery.startedAt ?? Date.now();
  const span = telemetry.tracer.startSpan(
    SPAN_NAMES.recovery,
    {
      startTime,
      attributes: {
        [ATTR.workflowId]: parent.workflowId,
        [ATTR.executionId]: parent.executionId,
        [ATTR.stepId]: stepId,
        [ATTR.recoveryStrategy]: recovery.strategy,
        [ATTR.recoveryOutcome]: recovery.outcome,
      },
    },
    trace.setSpan(context.active(), stepSpan),
  );
  if (recovery.outcome === 'failed')
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'recovery failed' });
  span.end(recovery.endedAt ?? startTime);
  telemetry.instruments.recoveryRecorded(parent.workflowId, recovery.strategy, recovery.outcome);
}
