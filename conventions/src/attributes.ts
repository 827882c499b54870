/**
 * Span attribute keys of the RPA wire contract.
 *
 * @remarks Keys follow OpenTelemetry's naming rules (lower case, dot-separated
 * namespaces). `error.type` is OpenTelemetry's general attribute, reused as is.
 */
export const ATTR = {
  workflowId: 'rpa.workflow.id',
  executionId: 'rpa.execution.id',
  executionStepsTotal: 'rpa.execution.steps_total',
  executionStepsCompleted: 'rpa.execution.steps_completed',
  executionStepsFailed: 'rpa.execution.steps_failed',
  executionStatus: 'rpa.execution.status',
  /**
   * When the run was requested (queued, triggered), before the executor
   * started it: epoch milliseconds (int or double) or an RFC 3339 string.
   * Optional; with it the analyzer separates queue/wait time (start minus
   * request) from run time.
   */
  executionRequestedAt: 'rpa.execution.requested_at',
  stepId: 'rpa.step.id',
  stepNodeId: 'rpa.step.node_id',
  stepActionType: 'rpa.step.action_type',
  stepTargetElement: 'rpa.step.target_element',
  stepStatus: 'rpa.step.status',
  stepConfidence: 'rpa.step.confidence',
  stepRetryCount: 'rpa.step.retry_count',
  recoveryStrategy: 'rpa.recovery.strategy',
  recoveryOutcome: 'rpa.recovery.outcome',
  errorType: 'error.type',
} as const;

/** Prefix of user context attributes on the execution span: `rpa.context.<key>`. */
export const CONTEXT_ATTR_PREFIX = 'rpa.context.';

/** Per-execution resource summary attributes, set on the execution span when it ends. */
export const RESOURCE_ATTR = {
  cpuPercentAvg: 'rpa.resource.cpu_percent.avg',
  cpuPercentMax: 'rpa.resource.cpu_percent.max',
  memoryMbMax: 'rpa.resource.memory_mb.max',
  gpuUtilizationMax: 'rpa.resource.gpu_utilization.max',
  gpuMemoryMbMax: 'rpa.resource.gpu_memory_mb.max',
  diskIoMb: 'rpa.resource.disk_io_mb',
} as const;

/** OpenTelemetry resource attributes an executor is identified by. */
export const RESOURCE_IDENTITY_ATTR = {
  serviceName: 'service.name',
  serviceInstanceId: 'service.instance.id',
  hostName: 'host.name',
} as const;

/** Statuses of a finished execution (`rpa.execution.status`). */
export const EXECUTION_STATUS = {
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
} as const;
export type ExecutionStatus = (typeof EXECUTION_STATUS)[keyof typeof EXECUTION_STATUS];

/** Statuses of a finished step (`rpa.step.status`). */
export const STEP_STATUS = {
  completed: 'completed',
  failed: 'failed',
  skipped: 'skipped',
} as const;
export type StepStatus = (typeof STEP_STATUS)[keyof typeof STEP_STATUS];

/** Outcomes of a self-healing attempt (`rpa.recovery.outcome`). */
export const RECOVERY_OUTCOME = {
  recovered: 'recovered',
  failed: 'failed',
} as const;
export type RecoveryOutcome = (typeof RECOVERY_OUTCOME)[keyof typeof RECOVERY_OUTCOME];

/** Built-in failure categories the analyzer assigns (users may configure more). */
export const FAILURE_CATEGORY = {
  timeout: 'timeout',
  elementNotFound: 'element_not_found',
  lowConfidence: 'low_confidence',
  applicationError: 'application_error',
  network: 'network',
  validation: 'validation',
  unknown: 'unknown',
} as const;
export type FailureCategory = (typeof FAILURE_CATEGORY)[keyof typeof FAILURE_CATEGORY];
