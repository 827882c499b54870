export interface ComparisonPanelOptions {
  /** Comma-separated ids or a template variable such as `$workflow`; the first is the reference. */
  workflowIds: string;
  /** Empty means every metric the analyzer compares. */
  metrics: string[];
}

export const COMPARABLE_METRICS = [
  'avg_duration_ms',
  'median_duration_ms',
  'p95_duration_ms',
  'p99_duration_ms',
  'success_rate',
  'execution_count',
];

export const defaultComparisonPanelOptions: ComparisonPanelOptions = {
  workflowIds: '$workflow',
  metrics: ['avg_duration_ms', 'p95_duration_ms', 'success_rate'],
};
