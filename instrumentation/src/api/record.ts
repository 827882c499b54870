import { context, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import { ATTR, EXECUTION_STATUS, SPAN_NAMES, STEP_STATUS } from '../conventions';
import { contextAttributes, requestedAtAttribute } from './execution';
import { recordRecoverySpan } from './step';
import { guarded, reportMisuse, type Telemetry } from './telemetry';
import type { ExecutionRecord, StepRecord, TimeInput } from './types';
import {
  cicdPipelineAttributes,
  cicdPipelineResult,
  cicdTaskAttributes,
  cicdTaskRunResult,
  CICD_TASK_RUN_RESULT_KEY,
} from './cicd';

const EXECUTION_STATUSES: readonly string[] = Object.values(EXECUTION_STATUS);
const STEP_STATUSES: readonly string[] = Object.values(STEP_STATUS);

/** Recorded executions whose steps may still arrive, newest last; bounded. */
const RECENT_EXECUTIONS_LIMIT = 1000;

/**
 * Records executions and steps that the executor timed itself, with explicit
 * times. Steps recorded for an execution that is live, or was recorded
 * recently, become its children in the trace.
 */
export class Recorder {
  private readonly recent = new Map<string, Span>();

  constructor(private readonly telemetry: Telemetry) {}

  recordExecution(record: ExecutionRecord): string | undefined {
    return guarded(this.telemetry, 'recordExecution', () => this.recordExecutionUnguarded(record), undefined);
  }

  recordStep(record: StepRecord): void {
    guarded(
      this.telemetry,
      'recordStep',
      () => this.recordStepUnguarded(record, this.parentOf(record.executionId)),
      undefined,
    );
  }

  private recordExecutionUnguarded(record: ExecutionRecord): string | undefined {
    const times = record && checkTimes(record.startedAt, record.completedAt);
    if (!record || typeof record.workflowId !== 'string' || !record.workflowId || !times) {
      reportMisuse(this.telemetry, 'recordExecution() needs a workflowId and valid startedAt <= completedAt');
      return undefined;
    }
    if (!EXECUTION_STATUSES.includes(record.status)) {
      reportMisuse(
        this.telemetry,
        `recordExecution() status must be one of ${EXECUTION_STATUSES.join(', ')}`,
      );
      return undefined;
    }
    const executionId = record.executionId || randomUUID();
    const steps = record.steps ?? [];
    const span = this.telemetry.tracer.startSpan(SPAN_NAMES.execution, {
      startTime: times[0],
      attributes: {
        [ATTR.workflowId]: record.workflowId,
        [ATTR.executionId]: executionId,
        [ATTR.executionStatus]: record.status,
        [ATTR.executionStepsTotal]: record.stepsTotal ?? steps.length,
        [ATTR.executionStepsCompleted]:
          record.stepsCompleted ?? steps.filter((s) => s.status === STEP_STATUS.completed).length,
        [ATTR.executionStepsFailed]:
          record.stepsFailed ?? steps.filter((s) => s.status === STEP_STATUS.failed).length,
        ...contextAttributes(record.context),
        ...requestedAtAttribute(record.requestedAt),
        ...cicdPipelineAttributes(record.workflowId, executionId),
        ...cicdPipelineResult(record.status),
      },
    });
    if (record.status === EXECUTION_STATUS.failed) {
      markRecordedFailure(span, record.errorType, record.errorMessage, times[1]);
    }
    for (const step of steps) {
      this.recordStepUnguarded({ ...step, executionId, workflowId: record.workflowId }, span);
    }
    span.end(times[1]);
    this.remember(executionId, span);
    this.telemetry.instruments.executionRecorded(
      record.workflowId,
      record.status,
      (times[1] - times[0]) / 1000,
    );
    return executionId;
  }

  private recordStepUnguarded(record: StepRecord, parent: Span | undefined): void {
    const times = record && checkTimes(record.startedAt, record.completedAt);
    if (
      !record ||
      !record.workflowId ||
      !record.executionId ||
      !record.nodeId ||
      !record.actionType ||
      !times
    ) {
      reportMisuse(
        this.telemetry,
        'recordStep() needs workflowId, executionId, nodeId, actionType and valid startedAt <= completedAt',
      );
      return;
    }
    if (!STEP_STATUSES.includes(record.status)) {
      reportMisuse(this.telemetry, `recordStep() status must be one of ${STEP_STATUSES.join(', ')}`);
      return;
    }
    const confidence = validConfidence(this.telemetry, record.confidenceScore);
    const retries = Math.max(0, Math.trunc(record.retryCount ?? 0));
    const stepId = record.stepId || randomUUID();
    const parentContext = parent ? trace.setSpan(context.active(), parent) : context.active();
    const span = this.telemetry.tracer.startSpan(
      SPAN_NAMES.step,
      {
        startTime: times[0],
        attributes: {
          [ATTR.workflowId]: record.workflowId,
          [ATTR.executionId]: record.executionId,
          [ATTR.stepId]: stepId,
          [ATTR.stepNodeId]: record.nodeId,
          [ATTR.stepActionType]: record.actionType,
          [ATTR.stepTargetElement]: record.targetElement ?? '',
          [ATTR.stepStatus]: record.status,
          [ATTR.stepRetryCount]: retries,
          ...(confidence !== undefined && { [ATTR.stepConfidence]: confidence }),
          ...cicdTaskAttributes(record.workflowId, record.executionId, record.nodeId, stepId),
          [CICD_TASK_RUN_RESULT_KEY]: cicdTaskRunResult(record.status),
        },
      },
      parentContext,
    );
    for (const recovery of record.recoveries ?? []) {
      recordRecoverySpan(this.telemetry, span, record, stepId, recovery);
    }
    if (record.status === STEP_STATUS.failed)
      markRecordedFailure(span, record.errorType, record.errorDetails, times[1]);
    span.end(times[1]);
    this.telemetry.instruments.stepFinished(
      record.workflowId,
      record.actionType,
      record.status,
      (times[1] - times[0]) / 1000,
      confidence,
      retries,
    );
  }

  private parentOf(executionId: string | undefined): Span | undefined {
    if (!executionId) return undefined;
    const recorded = this.recent.get(executionId);
    if (recorded) return recorded;
    const live = this.telemetry.openExecutions.get(executionId);
    return live ? trace.getSpan(live.context) : undefined;
  }

  private remember(executionId: string, span: Span): void {
    this.recent.set(executionId, span);
    if (this.recent.size > RECENT_EXECUTIONS_LIMIT) {
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
  }
}

function toMillis(time: TimeInput): number {
  return time instanceof Date ? time.getTime() : time;
}

function checkTimes(start: TimeInput, end: TimeInput): [number, number] | undefined {
  const startMs = toMillis(start);
  const endMs = toMillis(end);
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs < startMs) return undefined;
  return [startMs, endMs];
}

function validConfidence(telemetry: Telemetry, confidence: number | undefined): number | undefined {
  if (confidence === undefined || confidence === null) return undefined;
  if (typeof confidence === 'number' && confidence >= 0 && confidence <= 1) return confidence;
  reportMisuse(telemetry, 'recordStep() confidenceScore must be a number in [0, 1]');
  return undefined;
}

function markRecordedFailure(
  span: Span,
  type: string | undefined,
  message: string | undefined,
  at: number,
): void {
  const errorType = type || 'Error';
  span.setAttribute(ATTR.errorType, errorType);
  span.recordException({ name: errorType, message: message ?? '' }, at);
  span.setStatus({ code: SpanStatusCode.ERROR, message: message ?? '' });
}
