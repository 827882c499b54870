/**
 * What each export dataset holds: one column list per dataset, from which the
 * CSV header, the JSON Lines objects and the Parquet schema are all derived.
 * Times are epoch milliseconds inside the analyzer; the encoders turn them
 * into RFC 3339 UTC strings (CSV, JSON Lines) or Parquet timestamps.
 */
export const EXPORT_DATASETS = ['executions', 'steps', 'anomalies', 'insights'] as const;
export type ExportDataset = (typeof EXPORT_DATASETS)[number];

export const EXPORT_FORMATS = ['csv', 'jsonl', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `json`: a nested value (object or list), JSON text in CSV and Parquet, itself in JSON Lines. */
export type ExportColumnKind = 'text' | 'time' | 'double' | 'integer' | 'boolean' | 'json';

export interface ExportColumn {
  readonly name: string;
  readonly kind: ExportColumnKind;
}

/** One exported row: column name → value (times as epoch ms, json columns parsed). */
export type ExportRow = Readonly<Record<string, unknown>>;

const col = (name: string, kind: ExportColumnKind): ExportColumn => ({ name, kind });
const texts = (...names: string[]) => names.map((n) => col(n, 'text'));

export const EXPORT_COLUMNS: Readonly<Record<ExportDataset, readonly ExportColumn[]>> = {
  executions: [
    ...texts('execution_id', 'workflow_id'),
    col('started_at', 'time'),
    col('completed_at', 'time'),
    col('duration_ms', 'double'),
    col('status', 'text'),
    col('steps_total', 'integer'),
    col('steps_completed', 'integer'),
    col('steps_failed', 'integer'),
    ...texts('error_message', 'error_type'),
    col('context', 'json'),
    ...texts('service_name', 'host_name', 'trace_id', 'span_id'),
    ...['cpu_percent_avg', 'cpu_percent_max', 'memory_mb_max', 'gpu_utilization_max'].map((n) =>
      col(n, 'double'),
    ),
    col('gpu_memory_mb_max', 'double'),
    col('disk_io_mb', 'double'),
  ],
  steps: [
    ...texts('step_id', 'execution_id', 'workflow_id', 'node_id', 'action_type', 'target_element'),
    col('started_at', 'time'),
    col('completed_at', 'time'),
    col('duration_ms', 'double'),
    col('status', 'text'),
    col('confidence_score', 'double'),
    col('retry_count', 'integer'),
    ...texts('error_details', 'error_type', 'trace_id', 'span_id'),
  ],
  anomalies: [
    ...texts('anomaly_id', 'workflow_id', 'metric_name', 'kind', 'status'),
    col('detected_at', 'time'),
    col('resolved_at', 'time'),
    col('started_at', 'time'),
    col('ended_at', 'time'),
    col('severity', 'double'),
    col('deviation', 'double'),
    col('baseline_value', 'double'),
    col('actual_value', 'double'),
    ...texts('description', 'recommended_action'),
    col('execution_ids', 'json'),
  ],
  insights: [
    ...texts('insight_id', 'workflow_id', 'category', 'title', 'description', 'recommendation'),
    ...texts('expected_impact', 'ease_of_implementation'),
    col('priority_score', 'double'),
    col('created_at', 'time'),
    col('expected_metric', 'text'),
    col('expected_baseline_value', 'double'),
    col('expected_value', 'double'),
    col('expected_change_percent', 'double'),
    col('implemented', 'boolean'),
    col('implemented_at', 'time'),
    col('impact_actual_value', 'double'),
    col('impact_actual_change_percent', 'double'),
    col('impact_realized_ratio', 'double'),
    col('impact_verdict', 'text'),
    col('supporting_data', 'json'),
  ],
};

export const FORMAT_MEDIA: Readonly<Record<ExportFormat, { contentType: string; extension: string }>> = {
  csv: { contentType: 'text/csv; charset=utf-8; header=present', extension: 'csv' },
  jsonl: { contentType: 'application/jsonl; charset=utf-8', extension: 'jsonl' },
  parquet: { contentType: 'application/vnd.apache.parquet', extension: 'parquet' },
};

/** The `status` values each dataset can be filtered by (insights have none). */
export const EXPORT_STATUSES: Readonly<Record<ExportDataset, readonly string[]>> = {
  executions: ['running', 'completed', 'failed', 'cancelled'],
  steps: ['completed', 'failed', 'skipped'],
  anomalies: ['open', 'resolved'],
  insights: [],
};

/** The common filters of an export; `from`/`to` select by start time (anomalies: by overlap). */
export interface ExportFilter {
  readonly from?: number;
  readonly to?: number;
  readonly workflowIds?: readonly string[];
  readonly status?: string;
}
