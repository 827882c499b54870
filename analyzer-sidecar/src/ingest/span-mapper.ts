/**
 * Turns decoded spans into records, per the wire contract's span table.
 * A span that is not an RPA span, or lacks a required attribute, or carries a
 * value of the wrong type, is rejected and counted by reason (OTLP partial success).
 */
import {
  ATTR,
  CONTEXT_ATTR_PREFIX,
  EXECUTION_STATUS,
  RECOVERY_OUTCOME,
  RESOURCE_ATTR,
  RESOURCE_IDENTITY_ATTR,
  SPAN_NAMES,
  STEP_STATUS,
  type ExecutionStatus,
  type RecoveryOutcome,
  type StepStatus,
} from '@rpa-analytics/conventions';
import {
  emptyBatch,
  type ExecutionRecord,
  type RecordBatch,
  type RecoveryRecord,
  type StepRecord,
} from '../model/records';
import type { AttributeValue, Attributes, DecodedResourceSpans, DecodedSpan } from './otlp-types';

export const REJECT_REASON = {
  notRpa: 'not_rpa_span',
  missingAttribute: 'missing_attribute',
  invalidAttribute: 'invalid_attribute',
} as const;
export type RejectReason = (typeof REJECT_REASON)[keyof typeof REJECT_REASON];

export interface MappedSpans {
  batch: RecordBatch;
  rejected: Partial<Record<RejectReason, number>>;
  rejectedCount: number;
  /** The first rejection, for the partial success `error_message`. */
  firstError: string | undefined;
}

/** Why one span was rejected. */
class Rejection {
  constructor(
    readonly reason: RejectReason,
    readonly message: string,
  ) {}
}

const STATUS_ERROR = 2;

export function mapSpans(resourceSpans: readonly DecodedResourceSpans[]): MappedSpans {
  const result: MappedSpans = { batch: emptyBatch(), rejected: {}, rejectedCount: 0, firstError: undefined };
  for (const { resource, spans } of resourceSpans) {
    for (const span of spans) {
      const outcome = mapSpan(span, resource, result.batch);
      if (outcome instanceof Rejection) {
        result.rejected[outcome.reason] = (result.rejected[outcome.reason] ?? 0) + 1;
        result.rejectedCount++;
        result.firstError ??= outcome.message;
      }
    }
  }
  return result;
}

function mapSpan(span: DecodedSpan, resource: Attributes, batch: RecordBatch): Rejection | undefined {
  try {
    switch (span.name) {
      case SPAN_NAMES.execution:
        batch.executions.push(toExecution(span, resource));
        return undefined;
      case SPAN_NAMES.step:
        batch.steps.push(toStep(span));
        return undefined;
      case SPAN_NAMES.recovery:
        batch.recoveries.push(toRecovery(span));
        return undefined;
      case SPAN_NAMES.executionStarted:
        batch.executions.push(toExecutionStart(span, resource));
        return undefined;
      default:
        return new Rejection(REJECT_REASON.notRpa, `span "${truncate(span.name)}" is not an RPA span`);
    }
  } catch (error) {
    if (error instanceof Rejection) return error;
    throw error;
  }
}

function toExecution(span: DecodedSpan, resource: Attributes): ExecutionRecord {
  const a = span.attributes;
  return {
    execution_id: required(a, ATTR.executionId, span),
    workflow_id: required(a, ATTR.workflowId, span),
    started_at: span.startMs,
    completed_at: span.endMs,
    duration_ms: span.durationMs,
    status: enumValue(a, ATTR.executionStatus, EXECUTION_STATUS, span) ?? executionStatusOf(span),
    steps_total: count(a, ATTR.executionStepsTotal, span) ?? 0,
    steps_completed: count(a, ATTR.executionStepsCompleted, span) ?? 0,
    steps_failed: count(a, ATTR.executionStepsFailed, span) ?? 0,
    error_message: errorMessageOf(span),
    error_type: errorTypeOf(span),
    context: contextOf(a),
    service_name: optionalString(resource, RESOURCE_IDENTITY_ATTR.serviceName, span),
    host_name: optionalString(resource, RESOURCE_IDENTITY_ATTR.hostName, span),
    trace_id: span.traceId || null,
    span_id: span.spanId || null,
    cpu_percent_avg: optionalNumber(a, RESOURCE_ATTR.cpuPercentAvg, span),
    cpu_percent_max: optionalNumber(a, RESOURCE_ATTR.cpuPercentMax, span),
    memory_mb_max: optionalNumber(a, RESOURCE_ATTR.memoryMbMax, span),
    gpu_utilization_max: optionalNumber(a, RESOURCE_ATTR.gpuUtilizationMax, span),
    gpu_memory_mb_max: optionalNumber(a, RESOURCE_ATTR.gpuMemoryMbMax, span),
    disk_io_mb: optionalNumber(a, RESOURCE_ATTR.diskIoMb, span),
    requested_at: requestedAtOf(a, span),
  };
}

/** The start marker: a `running` execution (the store keeps it apart until the execution span arrives). */
function toExecutionStart(span: DecodedSpan, resource: Attributes): ExecutionRecord {
  const a = span.attributes;
  return {
    ...toExecution(span, resource),
    completed_at: null,
    duration_ms: null,
    status: 'running',
    steps_total: count(a, ATTR.executionStepsTotal, span) ?? 0,
    steps_completed: 0,
    steps_failed: 0,
    error_message: null,
    error_type: null,
  };
}

function toStep(span: DecodedSpan): StepRecord {
  const a = span.attributes;
  const confidence = optionalNumber(a, ATTR.stepConfidence, span);
  if (confidence !== null && !(confidence >= 0 && confidence <= 1)) {
    throw new Rejection(REJECT_REASON.invalidAttribute, `${ATTR.stepConfidence} must be in [0, 1]`);
  }
  return {
    step_id: required(a, ATTR.stepId, span),
    execution_id: required(a, ATTR.executionId, span),
    workflow_id: required(a, ATTR.workflowId, span),
    node_id: optionalString(a, ATTR.stepNodeId, span) ?? '',
    action_type: required(a, ATTR.stepActionType, span),
    target_element: optionalString(a, ATTR.stepTargetElement, span) ?? '',
    started_at: span.startMs,
    completed_at: span.endMs,
    duration_ms: span.durationMs,
    status: enumValue(a, ATTR.stepStatus, STEP_STATUS, span) ?? stepStatusOf(span),
    confidence_score: confidence,
    retry_count: count(a, ATTR.stepRetryCount, span) ?? 0,
    error_details: errorMessageOf(span),
    error_type: errorTypeOf(span),
    trace_id: span.traceId || null,
    span_id: span.spanId || null,
  };
}

function toRecovery(span: DecodedSpan): RecoveryRecord {
  const a = span.attributes;
  const outcome = enumValue(a, ATTR.recoveryOutcome, RECOVERY_OUTCOME, span);
  if (outcome === undefined)
    throw new Rejection(REJECT_REASON.missingAttribute, `missing ${ATTR.recoveryOutcome}`);
  if (!span.spanId) throw new Rejection(REJECT_REASON.missingAttribute, 'a recovery span needs a span id');
  return {
    recovery_id: span.spanId,
    step_id: required(a, ATTR.stepId, span),
    execution_id: required(a, ATTR.executionId, span),
    workflow_id: required(a, ATTR.workflowId, span),
    strategy: required(a, ATTR.recoveryStrategy, span),
    outcome: outcome as RecoveryOutcome,
    started_at: span.startMs,
    completed_at: span.endMs,
  };
}

function executionStatusOf(span: DecodedSpan): ExecutionStatus {
  return span.statusCode === STATUS_ERROR ? EXECUTION_STATUS.failed : EXECUTION_STATUS.completed;
}

function stepStatusOf(span: DecodedSpan): StepStatus {
  return span.statusCode === STATUS_ERROR ? STEP_STATUS.failed : STEP_STATUS.completed;
}

function errorMessageOf(span: DecodedSpan): string | null {
  if (span.statusCode !== STATUS_ERROR) return null;
  const fromEvent = span.exception?.['exception.message'];
  return span.statusMessage || (typeof fromEvent === 'string' ? fromEvent : null) || null;
}

function errorTypeOf(span: DecodedSpan): string | null {
  const type = span.attributes[ATTR.errorType] ?? span.exception?.['exception.type'];
  return type === undefined || type === null ? null : String(type);
}

function contextOf(attributes: Attributes): Record<string, string | number | boolean> {
  const context: Record<string, string | number | boolean> = {};
  for (const key of Object.keys(attributes)) {
    if (!key.startsWith(CONTEXT_ATTR_PREFIX) || key.length === CONTEXT_ATTR_PREFIX.length) continue;
    const value = attributes[key] as AttributeValue;
    if (value === null) continue;
    Object.defineProperty(context, key.slice(CONTEXT_ATTR_PREFIX.length), {
      value: typeof value === 'object' ? JSON.stringify(value) : value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return context;
}

function required(attributes: Attributes, key: string, span: DecodedSpan): string {
  const value = optionalString(attributes, key, span);
  if (value === null || value === '') {
    throw new Rejection(REJECT_REASON.missingAttribute, `${span.name} span without ${key}`);
  }
  return value;
}

function optionalString(attributes: Attributes, key: string, span: DecodedSpan): string | null {
  const value = attributes[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string')
    throw new Rejection(REJECT_REASON.invalidAttribute, `${span.name}: ${key} must be a string`);
  return value;
}

function optionalNumber(attributes: Attributes, key: string, span: DecodedSpan): number | null {
  const value = attributes[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Rejection(REJECT_REASON.invalidAttribute, `${span.name}: ${key} must be a finite number`);
  }
  return value;
}

function count(attributes: Attributes, key: string, span: DecodedSpan): number | undefined {
  const value = optionalNumber(attributes, key, span);
  if (value === null) return undefined;
  if (!Number.isInteger(value) || value < 0 || value > 2 ** 31 - 1) {
    throw new Rejection(
      REJECT_REASON.invalidAttribute,
      `${span.name}: ${key} must be a non-negative integer`,
    );
  }
  return value;
}

function enumValue<T extends Record<string, string>>(
  attributes: Attributes,
  key: string,
  allowed: T,
  span: DecodedSpan,
): T[keyof T] | undefined {
  const value = optionalString(attributes, key, span);
  if (value === null) return undefined;
  if (!(Object.values(allowed) as string[]).includes(value)) {
    throw new Rejection(
      REJECT_REASON.invalidAttribute,
      `${span.name}: ${key} "${truncate(value)}" is not one of ${Object.values(allowed).join(', ')}`,
    );
  }
  return value as T[keyof T];
}

function truncate(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}

/**
 * `rpa.execution.requested_at`: epoch ms (a number) or an RFC 3339 string, so
 * executors in any language can send what their scheduler hands them.
 */
function requestedAtOf(attributes: Attributes, span: DecodedSpan): number | null {
  const value = attributes[ATTR.executionRequestedAt];
  if (value === undefined || value === null) return null;
  const ms = typeof value === 'string' ? Date.parse(value) : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    throw new Rejection(
      REJECT_REASON.invalidAttribute,
      `${span.name}: ${ATTR.executionRequestedAt} must be epoch milliseconds or an RFC 3339 time`,
    );
  }
  return Math.round(ms);
}
