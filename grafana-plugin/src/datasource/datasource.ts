import {
  DataSourceApi,
  type DataFrame,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type MetricFindValue,
  type ScopedVars,
  type TestDataSourceResponse,
} from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';

import { createAnalyzerClient, type AnalyzerClient } from '../api/client';
import { describeError } from '../api/describeError';
import type { AnalyzerFilters } from '../api/filters';
import {
  aggregateToFrame,
  anomaliesToFrame,
  bottlenecksToFrame,
  executionsToFrames,
  successRatesToFrame,
} from './frames';
import { DEFAULT_QUERY, type AnalyzerDataSourceOptions, type AnalyzerQuery, type VariableQueryKind } from './types';

const splitCsv = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== '$__all' && !s.startsWith('$'));

/** The analyzer as a Grafana data source, over this data source's proxy route (token injected server-side). */
export class AnalyzerDataSource extends DataSourceApi<AnalyzerQuery, AnalyzerDataSourceOptions> {
  readonly client: AnalyzerClient;
  annotations = {};

  constructor(instanceSettings: DataSourceInstanceSettings<AnalyzerDataSourceOptions>) {
    super(instanceSettings);
    const base = `${instanceSettings.url ?? ''}/analyzer`;
    this.client = createAnalyzerClient({ viewerBase: base, editorBase: base });
  }

  getDefaultQuery(): Partial<AnalyzerQuery> {
    return DEFAULT_QUERY;
  }

  filterQuery(query: AnalyzerQuery): boolean {
    return !query.hide;
  }

  private filtersFor(
    query: AnalyzerQuery,
    request: { range: { from: { valueOf(): number }; to: { valueOf(): number } } },
    scopedVars: ScopedVars
  ) {
    const templates = getTemplateSrv();
    const workflowIds = query.workflowId ? splitCsv(templates.replace(query.workflowId, scopedVars, 'csv')) : [];
    const filters: AnalyzerFilters = {
      from: request.range.from.valueOf(),
      to: request.range.to.valueOf(),
      workflowIds: workflowIds.length > 0 ? workflowIds : undefined,
      status: query.status ? templates.replace(query.status, scopedVars) : undefined,
      actionType: query.actionType ? splitCsv(templates.replace(query.actionType, scopedVars, 'csv'))[0] : undefined,
    };
    return filters;
  }

  async runQuery(query: AnalyzerQuery, filters: AnalyzerFilters): Promise<DataFrame[]> {
    switch (query.queryType ?? 'executions') {
      case 'executions':
        return executionsToFrames(query.refId, (await this.client.executions(filters, { limit: 1000 })).items);
      case 'success_rates':
        return [successRatesToFrame(query.refId, (await this.client.successRates(filters)).items)];
      case 'bottlenecks':
        return [bottlenecksToFrame(query.refId, (await this.client.bottlenecks(filters)).items)];
      case 'anomalies':
        return [anomaliesToFrame(query.refId, (await this.client.anomalies(filters)).items)];
      case 'aggregate': {
        const groupBy = query.groupBy ? splitCsv(query.groupBy) : [];
        const page = await this.client.aggregate(
          { metric: query.metric ?? 'execution_duration_ms', aggregation: query.aggregation ?? 'avg', groupBy },
          filters
        );
        return [aggregateToFrame(query.refId, page.items, groupBy)];
      }
    }
  }

  async query(request: DataQueryRequest<AnalyzerQuery>): Promise<DataQueryResponse> {
    const results = await Promise.all(
      request.targets
        .filter((q) => !q.hide)
        .map(async (q) => {
          try {
            return { frames: await this.runQuery(q, this.filtersFor(q, request, request.scopedVars)) };
          } catch (error) {
            const d = describeError(error);
            return { frames: [], error: { refId: q.refId, message: `${d.title}. ${d.hint}`, status: d.status } };
          }
        })
    );
    const errors = results.flatMap((r) => (r.error ? [r.error] : []));
    return { data: results.flatMap((r) => r.frames), errors: errors.length > 0 ? errors : undefined };
  }

  /** `workflows` or `action_types` (for $workflow and $action_type). */
  async metricFindQuery(
    query: string | { kind?: VariableQueryKind },
    options?: { range?: DataQueryRequest['range'] }
  ): Promise<MetricFindValue[]> {
    const kind = (typeof query === 'string' ? query.trim() : query.kind) || 'workflows';
    const filters: AnalyzerFilters = options?.range
      ? { from: options.range.from.valueOf(), to: options.range.to.valueOf() }
      : {};
    const values =
      kind === 'action_types' ? await this.client.actionTypes(filters) : await this.client.workflowIds(filters);
    return values.map((text) => ({ text, value: text }));
  }

  async testDatasource(): Promise<TestDataSourceResponse> {
    try {
      const workflows = await this.client.workflowIds({});
      return { status: 'success', message: `Connected to the analyzer: ${workflows.length} workflows.` };
    } catch (error) {
      const d = describeError(error);
      return { status: 'error', message: `${d.title}. ${d.hint}` };
    }
  }
}
