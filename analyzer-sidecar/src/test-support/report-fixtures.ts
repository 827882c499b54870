/** Report sources answering from fixed data (tests): three workflows, enough anomalies for a table of several pages. */
import type { Anomaly, Bottleneck, Incident, NodeSummary } from '../model/analysis';
import type { TrackedInsight } from '../services/insight-tracking';
import type { ReportSources } from '../reports/report-sources';

export const FIXTURE_TO = Date.UTC(2026, 2, 10);
export const FIXTURE_FROM = FIXTURE_TO - 7 * 86_400_000;
const DAY = 86_400_000;
const WORKFLOWS = ['wf-invoices', 'wf-orders', 'wf-payroll'];
/** Text a report must carry through intact (markup, quotes, accents, symbols). */
/** DejaVu Sans has Latin, Greek, Cyrillic and symbols, but no CJK glyphs (those would show as boxes). */
export const HOSTILE = '<script>alert("x")</script> & naïve café – Жλ ✓';

function anomaly(i: number): Anomaly {
  const at = FIXTURE_FROM + i * 3_600_000;
  return {
    anomaly_id: `a-${i}`,
    workflow_id: WORKFLOWS[i % 3] as string,
    metric_name: i % 2 ? 'execution_duration_ms' : 'step_duration_ms:search',
    kind: 'collective',
    status: i % 5 ? 'resolved' : 'open',
    detected_at: at + 60_000,
    resolved_at: i % 5 ? at + 600_000 : null,
    severity: (i % 10) / 10,
    deviation: 3 + (i % 7),
    baseline_value: 400,
    actual_value: 900,
    description: i === 0 ? HOSTILE : `anomaly row ${i}: duration above its baseline`,
    recommended_action: null,
    started_at: at,
    ended_at: at + 600_000,
    execution_ids: [],
  };
}

function node(workflow_id: string, node_id: string, avg: number): NodeSummary {
  return {
    workflow_id,
    node_id,
    action_type: 'click',
    count: 100,
    total_duration_ms: avg * 100,
    avg_duration_ms: avg,
    p95_duration_ms: avg * 1.6,
    max_duration_ms: avg * 2,
    failed_count: 1,
    retry_total: 2,
  };
}

const insight: TrackedInsight = {
  insight_id: 'i-1',
  workflow_id: 'wf-orders',
  category: 'performance',
  title: 'Step search takes 72 % of the step time',
  description: HOSTILE,
  recommendation: `Replace the fixed wait with a wait for the element ${HOSTILE}`,
  expected_impact: 'avg_duration_ms 5,718 → 3,647 (−36.2 %)',
  ease_of_implementation: 'easy',
  priority_score: 36.2,
  supporting_data: {},
  created_at: FIXTURE_TO - DAY,
  expected_change: {
    metric: 'avg_duration_ms',
    baseline_value: 5718,
    expected_value: 3647,
    change_percent: -36.2,
  },
  implementation: {
    implemented_at: FIXTURE_TO - 3 * DAY,
    note: null,
    reported_impact: null,
    following_period: { from: FIXTURE_TO - 3 * DAY, to: FIXTURE_TO },
    impact: {
      insight_id: 'i-1',
      workflow_id: 'wf-orders',
      metric: 'avg_duration_ms',
      baseline_value: 5718,
      expected_value: 3647,
      actual_value: 4200,
      expected_change_percent: -36.2,
      actual_change_percent: -26.5,
      realized_ratio: 0.73,
      verdict: 'partial',
    },
  },
};

export function fixtureSources(anomalyCount = 150): ReportSources {
  const anomalies = Array.from({ length: anomalyCount }, (_, i) => anomaly(i)).reverse();
  const incident: Incident = {
    group_id: 'g-1',
    workflow_ids: ['wf-orders', 'wf-payroll'],
    status: 'resolved',
    severity: 0.8,
    detected_at: FIXTURE_FROM,
    resolved_at: FIXTURE_FROM + DAY,
    started_at: FIXTURE_FROM,
    ended_at: FIXTURE_FROM + DAY,
    anomalies: anomalies.slice(0, 2),
  };
  const bottlenecks: Bottleneck[] = ['search', 'type', 'save'].map((id, i) => ({
    ...node('wf-orders', id, 3000 / (i + 1)),
    rank: i + 1,
    share_of_execution_time: 0.6 / (i + 1),
  }));
  return {
    now: () => FIXTURE_TO,
    successRates: async (f) =>
      WORKFLOWS.filter((w) => !f.workflowIds || f.workflowIds.includes(w)).map((w, i) => ({
        workflow_id: w,
        completed: 90 - i * 10,
        failed: 10 + i * 10,
        total: 100,
        success_rate: 90 - i * 10,
      })),
    successRateWindows: async (ids, period, windowMs) =>
      new Map(
        ids.map((id) => [
          id,
          Array.from({ length: Math.ceil((period.to - period.from) / windowMs) }, (_, k) => ({
            workflow_id: id,
            window_start: period.from + k * windowMs,
            window_end: period.from + (k + 1) * windowMs,
            completed: 40 + (k % 3),
            failed: 5 - (k % 3),
            total: 45,
            success_rate: null,
          })),
        ]),
      ),
    reliability: async () =>
      WORKFLOWS.map((w, i) => ({
        workflow_id: w,
        rank: i + 1,
        reliability_score: 0.9 - i / 10,
        success_rate: 90,
        success_rate_lower_bound: 85,
        duration_spread: 0.2,
        total: 100,
      })),
    aggregate: async (q) =>
      Array.from({ length: 7 }, (_, k) => ({
        group: { [q.groupBy[0] ?? 'day']: new Date(FIXTURE_FROM + k * DAY).toISOString() },
        value: (q.aggregation === 'p95' ? 9000 : 5000) + k * 300,
        count: 50,
      })),
    nodeSummaries: async () =>
      WORKFLOWS.flatMap((w) => ['open', 'search', 'save'].map((n, i) => node(w, n, 500 * (i + 1)))),
    performance: async (id) => ({
      workflow_id: id,
      time_period: '7d',
      execution_count: 300,
      avg_duration_ms: 5200,
      median_duration_ms: 5000,
      p95_duration_ms: 9100,
      p99_duration_ms: 11000,
      min_duration_ms: 2900,
      max_duration_ms: 12400,
      std_dev_ms: 800,
      slowest_steps: bottlenecks,
    }),
    bottlenecks: async () => bottlenecks,
    failures: async () => ({
      categories: [
        {
          category: 'element_not_found',
          count: 14,
          examples: [
            { execution_id: 'e', step_id: 's', error_type: 'NotFound', message: 'Element #submit not found' },
          ],
        },
      ],
    }),
    anomalies: async (q) => ({ items: anomalies.slice(0, q.limit), total: anomalies.length }),
    incidents: async () => ({ items: [incident], total: 1 }),
    insights: async () => [insight],
  };
}
