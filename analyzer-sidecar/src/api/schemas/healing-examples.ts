/** Example answers of the self-healing routes (shown in /openapi.json). */
const t = (iso: string) => `2026-11-${iso}Z`;

export const healingExample = {
  group_by: 'target',
  totals: {
    recoveries: 42,
    recovered: 37,
    success_rate: 0.881,
    recovery_rate: 0.012,
    failed_after_recovery: 3,
    healing_ms_total: 96_000,
  },
  items: [
    {
      key: '#login-button',
      workflow_id: 'wf-invoice',
      recoveries: 14,
      recovered: 14,
      failed: 0,
      success_rate: 1,
      healed_steps: 14,
      steps_total: 140,
      recovery_rate: 0.1,
      failed_after_recovery: 1,
      failed_after_recovery_rate: 0.071,
      healing_ms_total: 28_000,
      healing_ms_avg: 2000,
    },
  ],
  total: 1,
  next_cursor: null,
};

export const recoveryRowExample = {
  recovery_id: 'rec-81',
  workflow_id: 'wf-invoice',
  execution_id: 'exec-1207',
  step_id: 'step-3',
  target_element: '#login-button',
  node_id: 'login',
  strategy: 'fuzzy_match',
  outcome: 'recovered',
  started_at: t('20T09:00:03.100'),
  completed_at: t('20T09:00:05.300'),
  later_failure_at: t('20T09:00:41.000'),
  later_failure_target: '#submit',
};

export const driftExample = {
  from: t('13T00:00:00.000'),
  to: t('20T00:00:00.000'),
  alpha: 0.01,
  items: [
    {
      workflow_id: 'wf-invoice',
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
      executions: [
        { execution_id: 'exec-1180', started_at: t('13T06:00:00.000'), confidence: 0.97, count: 1 },
      ],
    },
  ],
  total: 1,
  next_cursor: null,
};

export const debtExample = {
  workflow_id: 'wf-invoice',
  target_element: '#login-button',
  healed_count: 14,
  healed_days: 14,
  first_healed_at: t('06T09:00:03.100'),
  last_healed_at: t('19T09:00:03.100'),
  time_lost_ms: 28_000,
  debt_score: 392,
  strategies: ['fuzzy_match'],
};

export const timeSavedExample = {
  fleet: { workflows_configured: 1, gross_saved_hours: 30, net_saved_hours: 28, net_saved_cost: 1120 },
  items: [
    {
      workflow_id: 'wf-invoice',
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
  ],
  total: 1,
  next_cursor: null,
};

export const expectationExample = {
  workflow_id: 'wf-invoice',
  source: 'cron',
  interval_ms: null,
  tolerance_ms: 900_000,
  last_started_at: t('20T09:00:01.000'),
  expected_at: t('20T10:00:00.000'),
  missing: true,
  overdue_ms: 60_000,
};

export const queueTimeExample = {
  workflow_id: 'wf-invoice',
  executions: 120,
  with_request_time: 120,
  queue_ms_median: 4200,
  queue_ms_p95: 61_000,
  queue_ms_max: 180_000,
  run_ms_median: 38_000,
  run_ms_p95: 52_000,
};

export const settingsExample = {
  workflow_id: 'wf-invoice',
  manual_minutes_per_case: 15,
  cost_per_hour: 40,
  currency: 'EUR',
  failure_handling_minutes: 6,
  cron: '0 * * * 1-5',
  timezone: 'Europe/Berlin',
  tolerance_minutes: 10,
  updated_at: t('18T12:00:00.000'),
};
