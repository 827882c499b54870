import type {
  ConfidenceDrift,
  ExpectedRun,
  FailureAfterRecovery,
  HealingDebt,
  HealingReport,
  Page,
  QueueTime,
  TimeSaved,
  WorkflowSettings,
} from '../api/types';

const page = <T>(items: T[]): Page<T> => ({ items, total: items.length, next_cursor: null });

/** Recoveries by strategy over a day of two workflows. */
export const healingByStrategy: HealingReport = {
  group_by: 'strategy',
  totals: {
    recoveries: 42,
    recovered: 37,
    success_rate: 37 / 42,
    recovery_rate: 0.012,
    failed_after_recovery: 3,
    healing_ms_total: 96_000,
  },
  items: [
    {
      key: 'fuzzy_match',
      workflow_id: null,
      recoveries: 30,
      recovered: 28,
      failed: 2,
      success_rate: 28 / 30,
      healed_steps: 30,
      steps_total: null,
      recovery_rate: null,
      failed_after_recovery: 2,
      failed_after_recovery_rate: 2 / 28,
      healing_ms_total: 60_000,
      healing_ms_avg: 2000,
    },
    {
      key: 'ocr_fallback',
      workflow_id: null,
      recoveries: 12,
      recovered: 9,
      failed: 3,
      success_rate: 0.75,
      healed_steps: 12,
      steps_total: null,
      recovery_rate: null,
      failed_after_recovery: 1,
      failed_after_recovery_rate: 1 / 9,
      healing_ms_total: 36_000,
      healing_ms_avg: 3000,
    },
  ],
  total: 2,
  next_cursor: null,
};

export const healingByTarget: HealingReport = {
  ...healingByStrategy,
  group_by: 'target',
  items: [
    {
      key: '#login-button',
      workflow_id: 'invoice-entry',
      recoveries: 14,
      recovered: 14,
      failed: 0,
      success_rate: 1,
      healed_steps: 14,
      steps_total: 140,
      recovery_rate: 0.1,
      failed_after_recovery: 1,
      failed_after_recovery_rate: 1 / 14,
      healing_ms_total: 28_000,
      healing_ms_avg: 2000,
    },
  ],
  total: 1,
};

export const failuresAfterRecovery: Page<FailureAfterRecovery> = page([
  {
    recovery_id: 'rec-81',
    workflow_id: 'invoice-entry',
    execution_id: 'exec-1207-aaaa',
    step_id: 'step-3',
    target_element: '#login-button',
    node_id: 'login',
    strategy: 'fuzzy_match',
    outcome: 'recovered',
    started_at: '2026-11-20T09:00:03.100Z',
    completed_at: '2026-11-20T09:00:05.300Z',
    later_failure_at: '2026-11-20T09:00:41.000Z',
    later_failure_target: '#submit',
  },
]);

const day = 86_400_000;
const start = Date.parse('2026-11-13T06:00:00.000Z');
/** #submit declines 0.97 → 0.88 over a week; #search stays flat. */
export const confidenceDrift: ConfidenceDrift = {
  from: '2026-11-13T00:00:00.000Z',
  to: '2026-11-20T00:00:00.000Z',
  alpha: 0.01,
  items: [
    {
      workflow_id: 'invoice-entry',
      target_element: '#submit',
      executions_count: 28,
      flagged: true,
      mann_kendall_z: -6.1,
      p_value: 5e-10,
      slope_per_day: -0.012,
      fitted_start: 0.965,
      fitted_end: 0.884,
      days_to_floor: 7,
      first_failure_at: null,
      executions: Array.from({ length: 28 }, (_, i) => ({
        execution_id: `exec-${1180 + i}`,
        started_at: new Date(start + (i * day) / 4).toISOString(),
        confidence: 0.97 - i * 0.003,
        count: 1,
      })),
    },
    {
      workflow_id: 'payroll-sync',
      target_element: '#search',
      executions_count: 14,
      flagged: false,
      mann_kendall_z: -0.4,
      p_value: 0.34,
      slope_per_day: -0.0005,
      fitted_start: 0.95,
      fitted_end: 0.947,
      days_to_floor: null,
      first_failure_at: null,
      executions: Array.from({ length: 14 }, (_, i) => ({
        execution_id: `exec-${2000 + i}`,
        started_at: new Date(start + (i * day) / 2).toISOString(),
        confidence: i % 2 === 0 ? 0.95 : 0.948,
        count: 1,
      })),
    },
  ],
  total: 2,
  next_cursor: null,
};

export const healingDebt: Page<HealingDebt> = page([
  {
    workflow_id: 'invoice-entry',
    target_element: '#login-button',
    healed_count: 14,
    healed_days: 14,
    first_healed_at: '2026-11-06T09:00:03.100Z',
    last_healed_at: '2026-11-19T09:00:03.100Z',
    time_lost_ms: 28_000,
    debt_score: 392,
    strategies: ['fuzzy_match'],
  },
  {
    workflow_id: 'payroll-sync',
    target_element: '#export-menu',
    healed_count: 4,
    healed_days: 3,
    first_healed_at: '2026-11-15T09:00:00.000Z',
    last_healed_at: '2026-11-19T10:00:00.000Z',
    time_lost_ms: 12_000,
    debt_score: 48,
    strategies: ['ocr_fallback', 'fuzzy_match'],
  },
]);

/** invoice-entry: 120 × 15 min = 30 h gross, 10 failures × 6 min = 1 h, 1 h healing: 28 h, 1,120 EUR at 40/h. */
export const timeSaved: TimeSaved = {
  fleet: { workflows_configured: 1, gross_saved_hours: 30, net_saved_hours: 28, net_saved_cost: 1120 },
  items: [
    {
      workflow_id: 'invoice-entry',
      configured: true,
      completed: 120,
      failed: 10,
      gross_saved_hours: 30,
      failure_cost_hours: 1,
      healing_hours: 1,
      net_saved_hours: 28,
      net_saved_cost: 1120,
      currency: 'EUR',
    },
    {
      workflow_id: 'payroll-sync',
      configured: false,
      completed: 40,
      failed: 2,
      gross_saved_hours: null,
      failure_cost_hours: null,
      healing_hours: 0.2,
      net_saved_hours: null,
      net_saved_cost: null,
      currency: null,
    },
  ],
  total: 2,
  next_cursor: null,
};

export const workflowSettings: Page<WorkflowSettings> = page([
  {
    workflow_id: 'invoice-entry',
    manual_minutes_per_case: 15,
    cost_per_hour: 40,
    currency: 'EUR',
    failure_handling_minutes: 6,
    cron: '0 * * * 1-5',
    timezone: 'Europe/Berlin',
    tolerance_minutes: 10,
    updated_at: '2026-11-18T12:00:00.000Z',
  },
]);

export const expectedRuns: Page<ExpectedRun> = page([
  {
    workflow_id: 'invoice-entry',
    source: 'cron',
    interval_ms: null,
    tolerance_ms: 600_000,
    last_started_at: '2026-11-20T09:00:01.000Z',
    expected_at: '2026-11-20T10:00:00.000Z',
    missing: true,
    overdue_ms: 60_000,
  },
  {
    workflow_id: 'payroll-sync',
    source: 'learned',
    interval_ms: 3_600_000,
    tolerance_ms: 1_800_000,
    last_started_at: '2026-11-20T10:30:00.000Z',
    expected_at: '2026-11-20T11:30:00.000Z',
    missing: false,
    overdue_ms: 0,
  },
]);

export const queueTimes: Page<QueueTime> = page([
  {
    workflow_id: 'invoice-entry',
    executions: 120,
    with_request_time: 120,
    queue_ms_median: 4200,
    queue_ms_p95: 61_000,
    queue_ms_max: 180_000,
    run_ms_median: 38_000,
    run_ms_p95: 52_000,
  },
]);

/** Every healing endpoint answering with data. */
export const healingRoutes = {
  '/analytics/healing': { data: healingByStrategy },
  '/analytics/healing/failures-after-recovery': { data: failuresAfterRecovery },
  '/analytics/confidence-drift': { data: confidenceDrift },
  '/analytics/healing-debt': { data: healingDebt },
  '/analytics/time-saved': { data: timeSaved },
  '/analytics/workflow-settings': { data: workflowSettings },
  '/analytics/expected-runs': { data: expectedRuns },
  '/analytics/queue-times': { data: queueTimes },
};
