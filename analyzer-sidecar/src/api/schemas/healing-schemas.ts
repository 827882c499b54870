/** Schemas of the self-healing routes (api/healing-routes.ts); they also generate `/openapi.json`. */
import { errorSchema, nullableNumber, nullableString, rfc3339 } from './common';
import {
  cursorParam,
  limitParam,
  listOf,
  rangeProperties,
  routeSchema,
  workflowIdsParam,
} from './route-schema';
import * as E from './healing-examples';

const num = { type: 'number' } as const;
const int = { type: 'integer' } as const;
const str = { type: 'string' } as const;
const ratio = { type: ['number', 'null'], minimum: 0, maximum: 1 } as const;
const nullableTime = { ...rfc3339, type: ['string', 'null'] } as const;
const page = { limit: limitParam, cursor: cursorParam } as const;
const filters = { workflow_id: workflowIdsParam, ...rangeProperties } as const;
const obj = (properties: Record<string, unknown>) => ({ type: 'object', properties }) as const;

const healingGroup = obj({
  key: str,
  workflow_id: nullableString,
  recoveries: int,
  recovered: int,
  failed: int,
  success_rate: { type: 'number', minimum: 0, maximum: 1 },
  healed_steps: int,
  steps_total: { type: ['integer', 'null'] },
  recovery_rate: ratio,
  failed_after_recovery: int,
  failed_after_recovery_rate: ratio,
  healing_ms_total: num,
  healing_ms_avg: num,
});

const healingTotals = obj({
  recoveries: int,
  recovered: int,
  success_rate: ratio,
  recovery_rate: ratio,
  failed_after_recovery: int,
  healing_ms_total: num,
});

export const healingRouteSchema = routeSchema({
  summary: 'Self-healing: recoveries, success and recovery rate by strategy, target element or workflow',
  description:
    'Recoveries of executions that started in [from, to). recovery_rate = distinct healed steps / steps run (targets, workflows); failed_after_recovery counts executions where a recovery succeeded and a later step still failed; healing time is the recovery spans’ duration.',
  querystring: {
    properties: {
      ...filters,
      group_by: { type: 'string', enum: ['strategy', 'target', 'workflow'], default: 'strategy' },
      ...page,
    },
  },
  ok: obj({ group_by: str, totals: healingTotals, ...listOf(healingGroup).properties }),
  example: E.healingExample,
});

const recoveryRow = obj({
  recovery_id: str,
  workflow_id: str,
  execution_id: str,
  step_id: str,
  target_element: str,
  node_id: str,
  strategy: str,
  outcome: { type: 'string', enum: ['recovered', 'failed'] },
  started_at: rfc3339,
  completed_at: rfc3339,
  later_failure_at: nullableTime,
  later_failure_target: nullableString,
});

export const failuresAfterRecoveryRouteSchema = routeSchema({
  summary: 'Recoveries that succeeded while a later step of the same execution still failed, newest first',
  querystring: { properties: { ...filters, ...page } },
  ok: listOf(recoveryRow),
  example: { items: [E.recoveryRowExample], total: 1, next_cursor: null },
});

const drift = obj({
  workflow_id: str,
  target_element: str,
  executions_count: int,
  flagged: { type: 'boolean' },
  mann_kendall_z: num,
  p_value: num,
  slope_per_day: num,
  fitted_start: num,
  fitted_end: num,
  days_to_floor: nullableNumber,
  first_failure_at: nullableTime,
  executions: {
    type: 'array',
    items: obj({ execution_id: str, started_at: rfc3339, confidence: num, count: int }),
    description:
      'One per execution in time order; a target with more than 200 executions in the range comes as 200 equal-count bins (mean time and confidence, `count` executions, `execution_id` of the latest)',
  },
});

export const driftRouteSchema = routeSchema({
  summary:
    'Confidence drift per target element: trend of the visual-match confidence and a one-sided decline test',
  description:
    'One Mann-Kendall test per (workflow, target) over [from, to) (default: the week before `to`), one value per execution (its mean confidence); flagged when p ≤ alpha and the Theil-Sen decline over the window ≥ min_decline. On clean series the share flagged is at most alpha per element and window (per element-week by default), measured by simulation in drift-false-alarms.test.ts. Flagged first, then steepest decline.',
  querystring: {
    properties: {
      ...filters,
      flagged_only: { type: 'boolean', default: false },
      alpha: { type: 'number', minimum: 0.000001, maximum: 0.5, default: 0.01 },
      min_executions: { type: 'integer', minimum: 4, maximum: 100000, default: 10 },
      min_decline: { type: 'number', minimum: 0, maximum: 1, default: 0.02 },
      floor: { type: 'number', minimum: 0, maximum: 1, default: 0.8 },
      ...page,
    },
  },
  ok: obj({ from: rfc3339, to: rfc3339, alpha: num, ...listOf(drift).properties }),
  example: E.driftExample,
});

const debt = obj({
  workflow_id: str,
  target_element: str,
  healed_count: int,
  healed_days: int,
  first_healed_at: rfc3339,
  last_healed_at: rfc3339,
  time_lost_ms: num,
  debt_score: num,
  strategies: { type: 'array', items: str },
});

export const debtRouteSchema = routeSchema({
  summary: 'Healing debt: targets healed on many days and still healed, by healed count × time lost',
  querystring: {
    properties: {
      workflow_id: workflowIdsParam,
      days: { type: 'integer', minimum: 1, maximum: 365, default: 14 },
      min_days: { type: 'integer', minimum: 1, maximum: 365, default: 3 },
      still_healing_hours: { type: 'number', minimum: 0, maximum: 8760, default: 48 },
      ...page,
    },
  },
  ok: listOf(debt),
  example: { items: [E.debtExample], total: 1, next_cursor: null },
});

const savings = obj({
  workflow_id: str,
  configured: { type: 'boolean' },
  completed: int,
  failed: int,
  gross_saved_hours: nullableNumber,
  failure_cost_hours: nullableNumber,
  healing_hours: num,
  net_saved_hours: nullableNumber,
  net_saved_cost: nullableNumber,
  currency: nullableString,
});

export const timeSavedRouteSchema = routeSchema({
  summary: 'Time saved and its value per workflow and for the fleet, net of failed runs and healing time',
  description:
    'gross = completed × manual_minutes_per_case; net = gross − failed × failure_handling_minutes − healing time; cost = net hours × cost_per_hour. Workflows without settings (PUT /analytics/workflow-settings/{workflow_id}) have null savings and are not in the fleet totals. The fleet cost adds amounts whatever their currency.',
  querystring: { properties: { ...filters, ...page } },
  ok: obj({
    fleet: obj({
      workflows_configured: int,
      gross_saved_hours: num,
      net_saved_hours: num,
      net_saved_cost: num,
    }),
    ...listOf(savings).properties,
  }),
  example: E.timeSavedExample,
});

const expectation = obj({
  workflow_id: str,
  source: { type: 'string', enum: ['cron', 'learned'] },
  interval_ms: nullableNumber,
  tolerance_ms: num,
  last_started_at: nullableTime,
  expected_at: rfc3339,
  missing: { type: 'boolean' },
  overdue_ms: num,
});

export const expectedRunsRouteSchema = routeSchema({
  summary: "Each workflow's expected run: configured cron or learned cadence, and whether it is missing",
  description:
    'Learned: median gap of the last 50 starts of the last 30 days (5 gaps at least), tolerance half of it. Cron: the configured expression and zone, tolerance 15 min unless configured. Missing first, most overdue first.',
  querystring: {
    properties: { workflow_id: workflowIdsParam, missing_only: { type: 'boolean', default: false }, ...page },
  },
  ok: listOf(expectation),
  example: { items: [E.expectationExample], total: 1, next_cursor: null },
});

const queueTime = obj({
  workflow_id: str,
  executions: int,
  with_request_time: int,
  queue_ms_median: nullableNumber,
  queue_ms_p95: nullableNumber,
  queue_ms_max: nullableNumber,
  run_ms_median: nullableNumber,
  run_ms_p95: nullableNumber,
});

export const queueTimesRouteSchema = routeSchema({
  summary: 'Queue/wait time (start − rpa.execution.requested_at) apart from run time, per workflow',
  description:
    'Finished executions in [from, to); queue figures only from executions whose executor reported requested_at.',
  querystring: { properties: { ...filters, ...page } },
  ok: listOf(queueTime),
  example: { items: [E.queueTimeExample], total: 1, next_cursor: null },
});

const settingsProperties = {
  manual_minutes_per_case: { type: ['number', 'null'], minimum: 0, maximum: 100000 },
  cost_per_hour: { type: ['number', 'null'], minimum: 0, maximum: 1e9 },
  currency: { type: ['string', 'null'], pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' },
  failure_handling_minutes: { type: 'number', minimum: 0, maximum: 100000, default: 0 },
  cron: {
    type: ['string', 'null'],
    maxLength: 200,
    description: 'Expected runs (five fields or @daily-like); null: learned',
  },
  timezone: { type: 'string', maxLength: 64, default: 'UTC', description: 'IANA zone of the cron' },
  tolerance_minutes: { type: ['number', 'null'], minimum: 0, maximum: 100000 },
} as const;

const settings = obj({ workflow_id: str, ...settingsProperties, updated_at: rfc3339 });
const workflowParam = {
  type: 'object',
  required: ['workflow_id'],
  properties: { workflow_id: { type: 'string', minLength: 1, maxLength: 256 } },
} as const;

export const listSettingsRouteSchema = routeSchema({
  summary: 'Per-workflow settings: manual effort and cost (time saved) and expected cadence (missing runs)',
  querystring: { properties: { ...page } },
  ok: listOf(settings),
  example: { items: [E.settingsExample], total: 1, next_cursor: null },
});

export const putSettingsRouteSchema = routeSchema({
  summary: "Create or replace a workflow's settings (editor)",
  params: workflowParam,
  body: { type: 'object', additionalProperties: false, properties: settingsProperties },
  ok: settings,
  example: E.settingsExample,
});

const deleteSettings = routeSchema({
  summary: "Forget a workflow's settings (editor); 404 when it had none",
  params: workflowParam,
  ok: obj({ deleted: { type: 'boolean' } }),
  example: { deleted: true },
});

export const deleteSettingsRouteSchema = {
  ...deleteSettings,
  response: {
    ...(deleteSettings.response as Record<string, unknown>),
    404: { description: 'The workflow has no settings', ...errorSchema },
  },
};
