/** Schemas of the analysis routes; they validate requests and generate `/openapi.json`. */
import { COMPARABLE_METRICS } from '../../services/workflow-metrics';
import * as E from './analysis-examples';
import * as S from './analysis-model-schemas';
import { insightSchema } from './insight-schemas';
import {
  cursorParam,
  limitParam,
  listOf,
  rangeProperties,
  routeSchema,
  workflowIdParam,
  workflowIdsParam,
} from './route-schema';

const status = { type: 'string', enum: ['completed', 'failed', 'cancelled'] } as const;

export const performanceRouteSchema = routeSchema({
  summary: "A workflow's exact duration statistics and its slowest steps (PerformanceStats)",
  description:
    'Finished executions with status `completed` unless `status` says otherwise; all time unless from/to.',
  querystring: {
    properties: { workflow_id: workflowIdParam, ...rangeProperties, status },
    required: ['workflow_id'],
  },
  ok: S.performanceSchema,
  example: E.performanceExample,
});

export const bottlenecksRouteSchema = routeSchema({
  summary: "A workflow's steps by average duration, slowest first, with their share of step time",
  querystring: {
    properties: {
      workflow_id: workflowIdParam,
      ...rangeProperties,
      threshold_percentile: {
        type: 'number',
        minimum: 0,
        maximum: 1,
        default: 0,
        description:
          'Keep nodes whose average reaches this quantile of the per-node averages (0: every node)',
      },
      limit: limitParam,
    },
    required: ['workflow_id'],
  },
  ok: {
    type: 'object',
    properties: { workflow_id: { type: 'string' }, ...listOf(S.bottleneckSchema).properties },
  },
  example: { workflow_id: 'wf-invoice', items: [E.bottleneckExample], total: 1, next_cursor: null },
});

const summaryWithPeriod = {
  type: 'object',
  properties: { ...S.durationSummarySchema.properties, ...S.periodSchema.properties },
} as const;

export const degradationRouteSchema = routeSchema({
  summary: "A workflow's current period against its baseline period (configured durations)",
  description:
    'The current period is [from, to) when both are given, else the configured current period ending at `to` (default now); the baseline the configured baseline period before it. status and action_type are not applied.',
  querystring: {
    properties: {
      workflow_id: workflowIdParam,
      ...rangeProperties,
      threshold_percent: { type: 'number', minimum: 0, maximum: 10000, default: 20 },
      statistic: { type: 'string', enum: ['avg', 'median', 'p95'], default: 'median' },
    },
    required: ['workflow_id'],
  },
  ok: {
    type: 'object',
    properties: {
      workflow_id: { type: 'string' },
      degraded: { type: 'boolean' },
      statistic: { type: 'string' },
      threshold_percent: { type: 'number' },
      change_percent: { type: ['number', 'null'] },
      baseline: summaryWithPeriod,
      current: summaryWithPeriod,
    },
  },
  example: E.degradationExample,
});

export const successRatesRouteSchema = routeSchema({
  summary: 'Success rate per workflow: completed / (completed + failed) × 100',
  description: 'Over from/to, or the configured success-rate window ending now.',
  querystring: {
    properties: {
      ...rangeProperties,
      workflow_id: workflowIdsParam,
      limit: limitParam,
      cursor: cursorParam,
      window_ms: {
        type: 'integer',
        minimum: 1000,
        description: 'Also the rate per window of this width over the range (at most 1000 windows)',
      },
    },
  },
  ok: listOf(S.successRateWithWindowsSchema),
  example: { items: [E.successRateExample], total: 1, next_cursor: null },
});

export const failuresRouteSchema = routeSchema({
  summary: 'Failures of failed executions by category, most frequent first',
  querystring: {
    properties: {
      ...rangeProperties,
      workflow_id: workflowIdsParam,
      examples: { type: 'integer', minimum: 0, maximum: 50, default: 3 },
    },
  },
  ok: {
    type: 'object',
    properties: { ...S.failureBreakdownSchema.properties, total: { type: 'integer' } },
  },
  example: E.failuresExample,
});

export const reliabilityRouteSchema = routeSchema({
  summary: 'Workflows ranked by reliability (Wilson lower bound of the success rate over duration spread)',
  querystring: {
    properties: { ...rangeProperties, workflow_id: workflowIdsParam, limit: limitParam, cursor: cursorParam },
  },
  ok: listOf(S.reliabilitySchema),
  example: { items: [E.reliabilityExample], total: 1, next_cursor: null },
});

export const compareRouteSchema = routeSchema({
  summary: 'Metrics of workflows side by side, with differences from the first one',
  querystring: {
    properties: {
      workflow_ids: {
        type: 'string',
        pattern: '^[^,]+(,[^,]+)+$',
        description: 'Two or more comma-separated workflow ids; the first is the reference',
      },
      metrics: {
        type: 'string',
        description: `Comma-separated, of: ${COMPARABLE_METRICS.join(', ')}; default all`,
      },
      ...rangeProperties,
    },
    required: ['workflow_ids'],
  },
  ok: S.comparisonSchema,
  example: E.comparisonExample,
});

/** Lifecycle filter of anomalies and incidents; the dashboards' execution statuses are accepted and ignored. */
export const lifecycleStatus = {
  type: 'string',
  enum: ['open', 'resolved', 'running', 'completed', 'failed', 'cancelled'],
  description: 'open or resolved (execution statuses of the common filters are ignored here)',
} as const;

export const anomaliesRouteSchema = routeSchema({
  summary: 'Anomalies judged on commit, newest first, with the correlated groups (systemic incidents)',
  description:
    'Any range: anomalies whose data span overlaps from/to. `correlated_groups` are the incidents holding a listed anomaly.',
  querystring: {
    properties: {
      ...rangeProperties,
      status: lifecycleStatus,
      workflow_id: workflowIdsParam,
      min_severity: { type: 'number', minimum: 0, maximum: 1, default: 0 },
      limit: limitParam,
      cursor: cursorParam,
    },
  },
  ok: {
    type: 'object',
    properties: {
      items: { type: 'array', items: S.anomalySchema },
      total: { type: 'integer' },
      next_cursor: { type: ['string', 'null'] },
      correlated_groups: { type: 'array', items: S.anomalyGroupSchema },
      computed_at: { type: 'string', format: 'date-time' },
    },
  },
  example: {
    items: [E.anomalyExample],
    total: 1,
    next_cursor: null,
    correlated_groups: [],
    computed_at: '2026-11-21T00:00:00.000Z',
  },
});

export const insightsRouteSchema = routeSchema({
  summary: 'Insights, highest priority_score first, with implementation and measured impact',
  description:
    'Insights of the latest analysis pass (its lookback period); workflow_id is repeatable; from, to, status and action_type are accepted and not applied.',
  querystring: {
    properties: {
      ...rangeProperties,
      workflow_id: workflowIdsParam,
      category: { type: 'string', enum: ['performance', 'reliability', 'resource', 'best_practice'] },
      limit: limitParam,
      cursor: cursorParam,
    },
  },
  ok: listOf(insightSchema),
  example: { items: [E.insightExample], total: 1, next_cursor: null },
});

export const implementationRouteSchema = routeSchema({
  summary: 'Records that an insight was implemented; its impact is measured over the following period',
  params: {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', minLength: 1, maxLength: 128 } },
  },
  body: {
    type: 'object',
    additionalProperties: false,
    properties: {
      implemented: {
        type: 'boolean',
        default: true,
        description: 'false withdraws a recorded implementation',
      },
      note: { type: 'string', maxLength: 2000 },
      implemented_at: { type: 'string', description: 'RFC 3339 or epoch milliseconds; default now' },
      actual_impact: {
        type: 'object',
        additionalProperties: true,
        description: 'What the user observed, kept with the implementation (the measured impact is computed)',
      },
    },
  },
  ok: insightSchema,
  example: E.insightExample,
});
