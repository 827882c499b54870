/**
 * Metric instruments of the RPA wire contract.
 *
 * @remarks Instrument names are the Prometheus names as scraped (counters keep
 * their `_total`, durations their `_seconds`). OpenTelemetry JS's Prometheus
 * exporter adds no unit suffix, and Collector-based pipelines do not add a
 * suffix the name already has, so one name holds on every path.
 * Attribute keys are the span attribute keys; Prometheus sees them with dots
 * replaced by underscores (`rpa.workflow.id` → `rpa_workflow_id`).
 * Never an execution or step id as an attribute: ids live in spans.
 */
import { ATTR } from './attributes';

export type InstrumentKind = 'histogram' | 'counter' | 'updown_counter' | 'gauge';

/** One metric instrument: its name, kind, unit and the attribute keys it carries. */
export interface MetricDefinition {
  readonly name: string;
  readonly kind: InstrumentKind;
  readonly unit: string;
  readonly description: string;
  readonly attributes: readonly string[];
  /** Explicit histogram bucket boundaries, for histograms. */
  readonly buckets?: readonly number[];
}

/** Duration buckets in seconds: RPA steps run from milliseconds to minutes. */
export const DURATION_BUCKETS_SECONDS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800,
] as const;

/** Confidence buckets over 0..1, finer near 1 where visual matches usually land. */
export const CONFIDENCE_BUCKETS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 1] as const;

export const METRICS = {
  executionDuration: {
    name: 'rpa_execution_duration_seconds',
    kind: 'histogram',
    unit: 's',
    description: 'Duration of finished workflow executions',
    attributes: [ATTR.workflowId, ATTR.executionStatus],
    buckets: DURATION_BUCKETS_SECONDS,
  },
  executions: {
    name: 'rpa_executions_total',
    kind: 'counter',
    unit: '{execution}',
    description: 'Finished workflow executions',
    attributes: [ATTR.workflowId, ATTR.executionStatus],
  },
  executionsActive: {
    name: 'rpa_executions_active',
    kind: 'updown_counter',
    unit: '{execution}',
    description: 'Executions started and not yet finished',
    attributes: [ATTR.workflowId],
  },
  stepDuration: {
    name: 'rpa_step_duration_seconds',
    kind: 'histogram',
    unit: 's',
    description: 'Duration of finished steps',
    attributes: [ATTR.workflowId, ATTR.stepActionType, ATTR.stepStatus],
    buckets: DURATION_BUCKETS_SECONDS,
  },
  stepRetries: {
    name: 'rpa_step_retries_total',
    kind: 'counter',
    unit: '{retry}',
    description: 'Step retries',
    attributes: [ATTR.workflowId, ATTR.stepActionType],
  },
  stepConfidence: {
    name: 'rpa_step_confidence',
    kind: 'histogram',
    unit: '1',
    description: 'Visual-match confidence of steps, 0..1',
    attributes: [ATTR.workflowId, ATTR.stepActionType],
    buckets: CONFIDENCE_BUCKETS,
  },
  recoveries: {
    name: 'rpa_recoveries_total',
    kind: 'counter',
    unit: '{recovery}',
    description: 'Self-healing recovery attempts',
    attributes: [ATTR.workflowId, ATTR.recoveryStrategy, ATTR.recoveryOutcome],
  },
  telemetryDropped: {
    name: 'rpa_telemetry_dropped_total',
    kind: 'counter',
    unit: '{item}',
    description: 'Telemetry items dropped by the instrumentation, by reason',
    attributes: ['reason'],
  },
} as const satisfies Record<string, MetricDefinition>;

/**
 * `rpa_step_action_type` of the steps recorded past the metrics series budget:
 * their workflow's figures stay whole, their action type is in the spans.
 */
export const STEP_ACTION_ROLLUP = '_other';

/**
 * Why telemetry was dropped (`reason` on `rpa_telemetry_dropped_total`).
 * Misuse is counted here too, so that a broken integration shows on a dashboard.
 */
export const DROP_REASON = {
  /** A span export queue was full: the exporter cannot keep up or is unreachable. */
  queueFull: 'queue_full',
  /** An export failed after the exporter's own retries. */
  exportFailed: 'export_failed',
  /** A metric passed its series limit; the sample went to the overflow series. */
  cardinalityOverflow: 'cardinality_overflow',
  /** The executor called the API wrongly (no workflow id, step after end…). */
  misuse: 'misuse',
  /** A resource sample could not be taken. */
  resourceSampleFailed: 'resource_sample_failed',
  /** A bug in the instrumentation itself, caught before it reached the executor. */
  internalError: 'internal_error',
} as const;
export type DropReason = (typeof DROP_REASON)[keyof typeof DROP_REASON];

/**
 * Resource gauges under OpenTelemetry semantic-convention names (system,
 * process and hardware namespaces). GPU gauges carry `hw.id` and exist only on
 * machines with a GPU that reports them.
 */
export const RESOURCE_METRICS = {
  systemCpuUtilization: { name: 'system.cpu.utilization', unit: '1' },
  systemMemoryUsage: { name: 'system.memory.usage', unit: 'By' },
  systemDiskIo: { name: 'system.disk.io', unit: 'By' },
  processCpuUtilization: { name: 'process.cpu.utilization', unit: '1' },
  processMemoryUsage: { name: 'process.memory.usage', unit: 'By' },
  gpuUtilization: { name: 'hw.gpu.utilization', unit: '1' },
  gpuMemoryUsage: { name: 'hw.gpu.memory.usage', unit: 'By' },
} as const;

/** Attribute keys on the resource gauges. */
export const RESOURCE_METRIC_ATTR = {
  memoryState: 'system.memory.state',
  diskDirection: 'disk.io.direction',
  hwId: 'hw.id',
  hwName: 'hw.name',
} as const;

/** Converts an attribute key to the Prometheus label it is scraped as. */
export function toPrometheusLabel(attributeKey: string): string {
  return attributeKey.replace(/[^a-zA-Z0-9_]/g, '_');
}
