import { getBackendSrv, type FetchResponse } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import { ANALYZER_EDITOR_PATH, ANALYZER_VIEWER_PATH } from '../constants';
import { buildQueryString, filterParams, type AnalyzerFilters, type QueryValue } from './filters';
import type {
  AggregateMetric,
  AggregateRow,
  Aggregation,
  AnomalyList,
  Bottleneck,
  Comparison,
  ConfidenceDrift,
  CreatedShareLink,
  Degradation,
  ExecutionMetrics,
  ExportDataset,
  ExportFormat,
  ExpectedRun,
  FailureAfterRecovery,
  LiveExecution,
  FailureBreakdown,
  HealingDebt,
  HealingGroupBy,
  HealingReport,
  Insight,
  InsightImplementation,
  Page,
  PerformanceStats,
  QueueTime,
  ReliabilityScore,
  ReportFormat,
  ReportTemplate,
  ShareLink,
  ShareTarget,
  SuccessRate,
  TimeSaved,
  WorkflowSettings,
  WorkflowSettingsUpdate,
} from './types';
import type { CreatedSchedule, DeliveryLogEntry, ReportTemplateInfo, Schedule, ScheduleSpec } from './reportTypes';

/** Where the API lives: Grafana's plugin proxy by default, a same-origin prefix outside Grafana. */
export interface AnalyzerEndpoints {
  /** Read-only calls (viewer token). */
  viewerBase: string;
  /** Writes (editor token). */
  editorBase: string;
}

export const GRAFANA_ENDPOINTS: AnalyzerEndpoints = {
  viewerBase: ANALYZER_VIEWER_PATH,
  editorBase: ANALYZER_EDITOR_PATH,
};

export interface AnalyzerClient {
  executions(
    filters: AnalyzerFilters,
    options?: { includeSteps?: boolean; limit?: number }
  ): Promise<Page<ExecutionMetrics>>;
  performance(workflowId: string, filters: AnalyzerFilters): Promise<PerformanceStats>;
  bottlenecks(filters: AnalyzerFilters): Promise<Page<Bottleneck>>;
  degradation(workflowId: string, filters: AnalyzerFilters): Promise<Degradation>;
  successRates(filters: AnalyzerFilters, options?: { windowMs?: number }): Promise<Page<SuccessRate>>;
  failures(filters: AnalyzerFilters): Promise<FailureBreakdown>;
  reliability(filters: AnalyzerFilters): Promise<Page<ReliabilityScore>>;
  anomalies(filters: AnalyzerFilters): Promise<AnomalyList>;
  insights(filters: AnalyzerFilters, options?: { category?: string; limit?: number }): Promise<Page<Insight>>;
  markImplemented(insightId: string, body: InsightImplementation): Promise<unknown>;
  compare(workflowIds: string[], metrics: string[], filters: AnalyzerFilters): Promise<Comparison>;
  aggregate(
    query: { metric: AggregateMetric; aggregation: Aggregation; groupBy: string[] },
    filters: AnalyzerFilters
  ): Promise<Page<AggregateRow>>;
  /** Workflows with executions in the range (for pickers and $workflow). */
  workflowIds(filters: AnalyzerFilters): Promise<string[]>;
  /** Step action types in the range (for $action_type). */
  actionTypes(filters: AnalyzerFilters): Promise<string[]>;
  /** Executions in flight with their progress. */
  liveExecutions(workflowIds?: string[]): Promise<Page<LiveExecution>>;
  /** URL of the event stream (Server-Sent Events), for an EventSource. */
  streamUrl(workflowIds?: string[]): string;
  /** Download URL of a data set (a plain GET: Grafana's proxy or the /ui session cookie authenticates it). */
  exportUrl(dataset: ExportDataset, format: ExportFormat, filters: AnalyzerFilters): string;
  /** URL of a rendered report. */
  reportUrl(
    template: ReportTemplate,
    format: ReportFormat,
    query: { from: number; to: number; workflowId?: string }
  ): string;
  createShareLink(target: ShareTarget, expiresInDays?: number): Promise<CreatedShareLink>;
  /** The caller's share links (an admin's: everyone's). */
  shareLinks(): Promise<ShareLink[]>;
  revokeShareLink(linkId: string): Promise<void>;
  reportTemplates(): Promise<ReportTemplateInfo[]>;
  /** The caller's report schedules (an admin's: everyone's); editor routes. */
  schedules(): Promise<Schedule[]>;
  createSchedule(spec: ScheduleSpec): Promise<CreatedSchedule>;
  updateSchedule(id: string, patch: Partial<ScheduleSpec>): Promise<Schedule>;
  deleteSchedule(id: string): Promise<void>;
  runSchedule(id: string): Promise<{ run_id: string; schedule_id: string }>;
  deliveries(id: string, options?: { limit?: number }): Promise<Page<DeliveryLogEntry>>;
  healing(groupBy: HealingGroupBy, filters: AnalyzerFilters): Promise<HealingReport>;
  failuresAfterRecovery(filters: AnalyzerFilters): Promise<Page<FailureAfterRecovery>>;
  confidenceDrift(filters: AnalyzerFilters): Promise<ConfidenceDrift>;
  /** Not a range: targets healed on several of the last `days` days and healed still. */
  healingDebt(workflowIds: string[] | undefined, days: number): Promise<Page<HealingDebt>>;
  timeSaved(filters: AnalyzerFilters): Promise<TimeSaved>;
  /** Now, not a range: each workflow's next expected start. */
  expectedRuns(workflowIds?: string[]): Promise<Page<ExpectedRun>>;
  queueTimes(filters: AnalyzerFilters): Promise<Page<QueueTime>>;
  workflowSettings(): Promise<Page<WorkflowSettings>>;
  /** Replaces the workflow's whole settings record (editor). */
  putWorkflowSettings(workflowId: string, body: WorkflowSettingsUpdate): Promise<WorkflowSettings>;
}

/**
 * EventSource resolves a relative URL against the page's base URL, which Grafana
 * sets to its sub-URL (`<base href>`), so its relative proxy path works as is.
 * Reading runtime `config` here instead would warn outside Grafana (no boot data).
 */
function absolute(base: string): string {
  return base === '' || base.startsWith('/') || /^https?:/.test(base) ? base : new URL(base, document.baseURI).href;
}

function trimSlash(base: string): string {
  return base.replace(/\/+$/, '');
}

/** All analyzer calls go through here, over the runtime's BackendSrv (Grafana's, or the standalone one). */
export function createAnalyzerClient(endpoints: AnalyzerEndpoints = GRAFANA_ENDPOINTS): AnalyzerClient {
  const viewer = trimSlash(endpoints.viewerBase);
  const editor = trimSlash(endpoints.editorBase);

  async function get<T>(path: string, params: Record<string, QueryValue>): Promise<T> {
    const response: FetchResponse<T> = await lastValueFrom(
      getBackendSrv().fetch<T>({
        url: `${viewer}${path}${buildQueryString(params)}`,
        method: 'GET',
        showErrorAlert: false,
      })
    );
    return response.data;
  }

  async function post<T>(path: string, body: unknown): Promise<T> {
    const response: FetchResponse<T> = await lastValueFrom(
      getBackendSrv().fetch<T>({ url: `${editor}${path}`, method: 'POST', data: body, showErrorAlert: false })
    );
    return response.data;
  }

  // Share links and schedules are editor routes for reads too (an editor sees only their own).
  async function editorCall<T>(method: 'GET' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response: FetchResponse<T> = await lastValueFrom(
      getBackendSrv().fetch<T>({ url: `${editor}${path}`, method, data: body, showErrorAlert: false })
    );
    return response.data;
  }
  const schedulePath = (id: string) => `/reports/schedules/${encodeURIComponent(id)}`;

  // group_by is repeatable, like workflow_id.
  const aggregate: AnalyzerClient['aggregate'] = (query, filters) =>
    get('/analytics/aggregate', {
      ...filterParams(filters),
      metric: query.metric,
      aggregation: query.aggregation,
      group_by: query.groupBy,
    });

  return {
    executions: (filters, options = {}) =>
      get('/analytics/metrics', {
        ...filterParams(filters),
        include: options.includeSteps ? 'steps' : undefined,
        limit: options.limit,
      }),
    performance: (workflowId, filters) =>
      get('/analytics/performance', { ...filterParams(filters), workflow_id: workflowId }),
    bottlenecks: (filters) => get('/analytics/bottlenecks', filterParams(filters)),
    degradation: (workflowId, filters) =>
      get('/analytics/degradation', { ...filterParams(filters), workflow_id: workflowId }),
    successRates: (filters, options = {}) =>
      get('/analytics/success-rates', { ...filterParams(filters), window_ms: options.windowMs }),
    failures: (filters) => get('/analytics/failures', filterParams(filters)),
    reliability: (filters) => get('/analytics/reliability', filterParams(filters)),
    anomalies: (filters) => get('/analytics/anomalies', filterParams(filters)),
    insights: (filters, options = {}) =>
      get('/analytics/insights', { ...filterParams(filters), category: options.category, limit: options.limit }),
    markImplemented: (insightId, body) =>
      post(`/analytics/insights/${encodeURIComponent(insightId)}/implementation`, body),
    compare: (workflowIds, metrics, filters) =>
      get('/analytics/compare', {
        ...filterParams(filters),
        workflow_id: undefined,
        workflow_ids: workflowIds.join(','),
        metrics: metrics.length > 0 ? metrics.join(',') : undefined,
      }),
    aggregate,
    workflowIds: async (filters) =>
      distinctGroups(
        await aggregate({ metric: 'execution_duration_ms', aggregation: 'count', groupBy: ['workflow_id'] }, filters),
        'workflow_id'
      ),
    liveExecutions: (workflowIds) => get('/analytics/executions/live', { workflow_id: workflowIds, limit: 1000 }),
    streamUrl: (workflowIds) => `${absolute(viewer)}/analytics/stream${buildQueryString({ workflow_id: workflowIds })}`,
    actionTypes: async (filters) =>
      distinctGroups(
        await aggregate({ metric: 'step_duration_ms', aggregation: 'count', groupBy: ['action_type'] }, filters),
        'action_type'
      ),
    exportUrl: (dataset, format, filters) =>
      `${viewer}/analytics/export/${dataset}${buildQueryString({
        format,
        from: filters.from,
        to: filters.to,
        workflow_id: filters.workflowIds?.filter((id) => id !== ''),
        status: filters.status,
      })}`,
    reportUrl: (template, format, query) =>
      `${viewer}/reports/${template}${buildQueryString({
        format,
        from: query.from,
        to: query.to,
        workflow_id: query.workflowId,
      })}`,
    createShareLink: (target, expiresInDays) =>
      post('/share-links', { target, ...(expiresInDays === undefined ? {} : { expires_in_days: expiresInDays }) }),
    shareLinks: async () => (await editorCall<{ items: ShareLink[] }>('GET', '/share-links')).items,
    revokeShareLink: async (linkId) => {
      await editorCall('DELETE', `/share-links/${encodeURIComponent(linkId)}`);
    },
    reportTemplates: async () => (await get<{ items: ReportTemplateInfo[] }>('/reports/templates', {})).items,
    schedules: async () => (await editorCall<{ items: Schedule[] }>('GET', '/reports/schedules')).items,
    createSchedule: (spec) => post('/reports/schedules', spec),
    updateSchedule: (id, patch) => editorCall('PATCH', schedulePath(id), patch),
    deleteSchedule: async (id) => {
      await editorCall('DELETE', schedulePath(id));
    },
    runSchedule: (id) => post(`${schedulePath(id)}/run`, {}),
    deliveries: (id, options = {}) =>
      editorCall('GET', `${schedulePath(id)}/deliveries${buildQueryString({ limit: options.limit })}`),
    healing: (groupBy, filters) => get('/analytics/healing', { ...filterParams(filters), group_by: groupBy }),
    failuresAfterRecovery: (filters) => get('/analytics/healing/failures-after-recovery', filterParams(filters)),
    confidenceDrift: (filters) => get('/analytics/confidence-drift', filterParams(filters)),
    healingDebt: (workflowIds, days) => get('/analytics/healing-debt', { workflow_id: workflowIds, days }),
    timeSaved: (filters) => get('/analytics/time-saved', filterParams(filters)),
    expectedRuns: (workflowIds) => get('/analytics/expected-runs', { workflow_id: workflowIds }),
    queueTimes: (filters) => get('/analytics/queue-times', filterParams(filters)),
    workflowSettings: () => get('/analytics/workflow-settings', { limit: 1000 }),
    putWorkflowSettings: (workflowId, body) =>
      editorCall('PUT', `/analytics/workflow-settings/${encodeURIComponent(workflowId)}`, body),
  };
}

function distinctGroups(page: Page<AggregateRow>, column: string): string[] {
  const values = page.items
    .map((row) => row.group[column])
    .filter((v): v is string => typeof v === 'string' && v !== '');
  return [...new Set(values)].sort();
}
