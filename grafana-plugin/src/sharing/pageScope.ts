import type { AnalyzerClient } from '../api/client';
import type { ExportDataset, ExportFormat, ReportFormat, ReportTemplate, ShareTarget } from '../api/types';

/** What a page shows, so that its exports, report and share link cover the same rows. */
export interface PageScope {
  /** Data sets behind the page, the main one first. */
  datasets: ExportDataset[];
  report: ReportTemplate;
  /** Epoch milliseconds of the page's time range. */
  from: number;
  to: number;
  workflowIds?: string[];
  status?: string;
  /** The workflow the report narrows to, where the page says so (the Reports page); else the rule below. */
  reportWorkflowId?: string;
}

export interface ExportEntry {
  kind: 'data' | 'report';
  /** Stable key, also the entry's test id suffix: `executions.csv`, `report.pdf`. */
  key: string;
  label: string;
  url: string;
}

export const DATASET_LABELS: Record<ExportDataset, string> = {
  executions: 'Executions',
  steps: 'Steps',
  anomalies: 'Anomalies',
  insights: 'Insights',
};

export const EXPORT_FORMATS: Array<[ExportFormat, string]> = [
  ['csv', 'CSV'],
  ['jsonl', 'JSON Lines'],
  ['parquet', 'Parquet'],
];

export const REPORT_FORMATS: Array<[ReportFormat, string]> = [
  ['pdf', 'PDF report'],
  ['html', 'HTML report'],
];

/** The workflow report needs its one workflow; the other templates cover the whole range. */
function reportWorkflow(scope: PageScope): string | undefined {
  return scope.reportWorkflowId ?? (scope.report === 'workflow' ? scope.workflowIds?.[0] : undefined);
}

/** Every download the page offers: each data set in each format, then the page's report. */
export function exportEntries(
  scope: PageScope,
  client: Pick<AnalyzerClient, 'exportUrl' | 'reportUrl'>
): ExportEntry[] {
  const filters = { from: scope.from, to: scope.to, workflowIds: scope.workflowIds, status: scope.status };
  const data = scope.datasets.flatMap((dataset) =>
    EXPORT_FORMATS.map(([format, name]): ExportEntry => ({
      kind: 'data',
      key: `${dataset}.${format}`,
      label: `${DATASET_LABELS[dataset]} as ${name}`,
      url: client.exportUrl(dataset, format, filters),
    }))
  );
  const reports = REPORT_FORMATS.map(([format, label]): ExportEntry => ({
    kind: 'report',
    key: `report.${format}`,
    label,
    url: client.reportUrl(scope.report, format, { from: scope.from, to: scope.to, workflowId: reportWorkflow(scope) }),
  }));
  return [...data, ...reports];
}

/** The share link's target: the page's report over the page's range. */
export function shareTarget(scope: PageScope, format: ReportFormat): ShareTarget {
  const workflowId = reportWorkflow(scope);
  return {
    template: scope.report,
    format,
    from: scope.from,
    to: scope.to,
    ...(workflowId === undefined ? {} : { workflow_id: workflowId }),
  };
}

/** The analyzer answers `/shared/<token>`; the address people open is that path on the analyzer's base. */
export function publicShareUrl(path: string, analyzerUrl: string | undefined): string {
  if (analyzerUrl === undefined || analyzerUrl === '') {
    return path;
  }
  try {
    // Relative to the base's path, so an analyzer behind a reverse proxy's sub-path keeps it.
    return new URL(path.replace(/^\/+/, ''), analyzerUrl.endsWith('/') ? analyzerUrl : `${analyzerUrl}/`).href;
  } catch {
    return path;
  }
}
