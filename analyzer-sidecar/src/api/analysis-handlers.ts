/** Handlers of the analysis routes: request values in, service calls, API shapes out. */
import type { DegradationStatistic, SuccessRateWindow } from '../model/analysis';
import type { AnalysisServices } from '../services/analysis-services';
import { MAX_WINDOWS } from '../services/success-windows';
import { COMPARABLE_METRICS } from '../services/workflow-metrics';
import { isoTime } from './present';
import { BadRequestError } from './errors';
import { paginate } from './pagination';
import { presentDegradation } from './present-analysis';
import { toFilter, type FilterQuery } from './query-params';

export interface WorkflowQuery extends Omit<FilterQuery, 'workflow_id'> {
  workflow_id: string;
}
export interface PageQuery extends FilterQuery {
  limit: number;
  cursor?: string;
}
export interface SuccessRateQuery extends PageQuery {
  window_ms?: number;
}
export interface BottleneckQuery extends WorkflowQuery {
  threshold_percentile: number;
  limit: number;
}
export interface DegradationQuery extends WorkflowQuery {
  threshold_percent: number;
  statistic: DegradationStatistic;
}
export interface FailureQuery extends FilterQuery {
  examples: number;
}
export interface CompareQuery extends FilterQuery {
  workflow_ids: string;
  metrics?: string;
}

function parseMetrics(raw: string | undefined): string[] {
  if (raw === undefined) return [...COMPARABLE_METRICS];
  const known = new Set<string>(COMPARABLE_METRICS);
  const metrics = raw.split(',').map((m) => m.trim());
  const unknown = metrics.find((m) => !known.has(m));
  if (unknown !== undefined) throw new BadRequestError('metrics', `unknown metric ${unknown}`);
  return metrics;
}

function parseWorkflowIds(raw: string): string[] {
  const ids = raw.split(',').map((id) => id.trim());
  if (new Set(ids).size !== ids.length)
    throw new BadRequestError('workflow_ids', 'workflow_ids repeats an id');
  return ids;
}

export function analysisHandlers({ analytics, context }: AnalysisServices) {
  const workflowFilter = (query: WorkflowQuery) => toFilter({ ...query, workflow_id: undefined });
  return {
    performance: (query: WorkflowQuery) => analytics.performance(query.workflow_id, workflowFilter(query)),

    async bottlenecks(query: BottleneckQuery) {
      const items = await analytics.bottlenecks(query.workflow_id, {
        ...workflowFilter(query),
        thresholdPercentile: query.threshold_percentile,
      });
      return { workflow_id: query.workflow_id, ...paginate(items, query.limit, undefined) };
    },

    async degradation(query: DegradationQuery) {
      const options = { thresholdPercent: query.threshold_percent, statistic: query.statistic };
      const { from, to } = workflowFilter(query);
      return presentDegradation(await analytics.degradation(query.workflow_id, options, { from, to }));
    },

    /** Over from/to, or the configured success-rate window ending now; with `window_ms`, per window too. */
    async successRates(query: SuccessRateQuery) {
      const filter = toFilter(query);
      const end = filter.to ?? context.now() + 1;
      const period = { from: filter.from ?? end - context.config.successRateWindowMs, to: end };
      const page = paginate(
        await analytics.successRates({ ...filter, ...period }),
        query.limit,
        query.cursor,
      );
      if (query.window_ms === undefined) return page;
      if ((period.to - period.from) / query.window_ms > MAX_WINDOWS)
        throw new BadRequestError(
          'window_ms',
          `window_ms makes more than ${MAX_WINDOWS} windows of the range`,
        );
      const ids = page.items.map((i) => i.workflow_id);
      const windows = await analytics.successRateWindows(ids, period, query.window_ms);
      const present = (w: SuccessRateWindow) => ({
        ...w,
        window_start: isoTime(w.window_start),
        window_end: isoTime(w.window_end),
      });
      return {
        ...page,
        items: page.items.map((i) => ({ ...i, windows: (windows.get(i.workflow_id) ?? []).map(present) })),
      };
    },

    async failures(query: FailureQuery) {
      const breakdown = await analytics.failures(toFilter(query), query.examples);
      return { ...breakdown, total: breakdown.categories.reduce((n, c) => n + c.count, 0) };
    },

    reliability: async (query: PageQuery) =>
      paginate(await analytics.reliability(toFilter(query)), query.limit, query.cursor),

    compare: (query: CompareQuery) =>
      analytics.compare(
        parseWorkflowIds(query.workflow_ids),
        parseMetrics(query.metrics),
        toFilter({ ...query, workflow_id: undefined }),
      ),
  };
}
