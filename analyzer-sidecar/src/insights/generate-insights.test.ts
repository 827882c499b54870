import fc from 'fast-check';
import { detectPerformanceDegradation } from '../analysis/degradation';
import { buildPerformanceStats } from '../analysis/performance';
import { summarizeDurations } from '../analysis/statistics';
import { summarizeSteps } from '../analysis/step-summaries';
import { makeStep } from '../analysis/test-support/records';
import type { Insight } from '../model/analysis';
import { generateAllInsights, generateInsights } from './generate-insights';
import { prioritizeInsights } from './prioritize-insights';
import type { WorkflowAnalysis } from './workflow-analysis';

const NOW = Date.UTC(2026, 10, 23);
const durations = (min: number) =>
  fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: min, maxLength: 60 });
const stepRows = fc.array(
  fc.record({
    node_id: fc.constantFrom('a', 'b', 'c', 'd'),
    action_type: fc.constantFrom('click', 'wait', 'type'),
    duration_ms: fc.integer({ min: 0, max: 50_000 }),
  }),
  { maxLength: 60 },
);

/** The documented performance problems, computed here from the raw inputs. */
function hasPerformanceProblem(
  current: number[],
  baseline: number[],
  rows: { node_id: string; duration_ms: number }[],
): boolean {
  const sorted = [...current].sort((x, y) => x - y);
  const q = (p: number) => {
    const h = (sorted.length - 1) * p;
    return sorted[Math.floor(h)]! + (h - Math.floor(h)) * (sorted[Math.ceil(h)]! - sorted[Math.floor(h)]!);
  };
  const baseSorted = [...baseline].sort((x, y) => x - y);
  const baseMedian =
    (baseSorted[Math.floor((baseSorted.length - 1) / 2)]! +
      baseSorted[Math.ceil((baseSorted.length - 1) / 2)]!) /
    2;
  const degraded = ((q(0.5) - baseMedian) / baseMedian) * 100 > 20;
  const tail = current.length >= 20 && q(0.95) / q(0.5) >= 3;
  const totals = new Map<string, [number, number]>();
  for (const r of rows)
    totals.set(r.node_id, [
      (totals.get(r.node_id)?.[0] ?? 0) + r.duration_ms,
      (totals.get(r.node_id)?.[1] ?? 0) + 1,
    ]);
  const all = [...totals.values()].reduce((s, [t]) => s + t, 0);
  const ranked = [...totals.entries()].sort(
    ([ka, [ta, ca]], [kb, [tb, cb]]) => tb / cb - ta / ca || tb - ta || (ka < kb ? -1 : 1),
  );
  const topShare = ranked.length >= 2 && all > 0 ? ranked[0]![1][0] / all : 0;
  return degraded || tail || topShare >= 0.35;
}

function analysis(
  current: number[],
  baseline: number[],
  rows: Parameters<typeof makeStep>[0][],
): WorkflowAnalysis {
  const nodes = summarizeSteps(rows.map((r) => makeStep({ ...r, workflow_id: 'w' })));
  return {
    workflow_id: 'w',
    performance: buildPerformanceStats('w', current, { stepSummaries: nodes }),
    nodes,
    degradation: detectPerformanceDegradation('w', summarizeDurations(baseline), summarizeDurations(current)),
  };
}

describe('generateInsights', () => {
  it('Property 13: a workflow with a performance problem gets at least one actionable performance insight', () => {
    fc.assert(
      fc.property(durations(1), durations(1), stepRows, (current, baseline, rows) => {
        const insights = generateInsights(analysis(current, baseline, rows), { now: NOW });
        const actionable = insights.filter(
          (i) =>
            i.category === 'performance' &&
            i.recommendation.length > 0 &&
            Number.isFinite(i.expected_change.expected_value),
        );
        return !hasPerformanceProblem(current, baseline, rows) || actionable.length >= 1;
      }),
      { numRuns: 300 },
    );
  });

  it('Property 14: insights come out ordered by priority_score, highest first', () => {
    fc.assert(
      fc.property(durations(1), durations(1), stepRows, (current, baseline, rows) => {
        const insights = generateInsights(analysis(current, baseline, rows), { now: NOW });
        return insights.every((x, i) => i === 0 || insights[i - 1]!.priority_score >= x.priority_score);
      }),
    );
  });

  it('gives the same finding the same id on every run, whatever its numbers', () => {
    const rows = [
      makeStep({ node_id: 'slow', duration_ms: 900 }),
      makeStep({ node_id: 'fast', duration_ms: 100 }),
    ];
    const a = generateInsights(analysis([1000], [1000], rows), { now: NOW });
    const b = generateInsights(
      analysis(
        [1200],
        [1200],
        rows.map((r) => ({ ...r, duration_ms: r.duration_ms * 2 })),
      ),
      { now: NOW + 1 },
    );
    expect(a.map((i) => i.insight_id)).toEqual(b.map((i) => i.insight_id));
    expect(a[0]).toMatchObject({
      category: 'performance',
      ease_of_implementation: 'medium',
      created_at: NOW,
    });
    expect(a[0]!.expected_change).toEqual({
      metric: 'avg_duration_ms',
      baseline_value: 1000,
      expected_value: 550,
      change_percent: -45,
    });
    expect(a[0]!.expected_impact).toBe('avg_duration_ms 1,000 → 550 (-45.0 %)');
  });

  test.each([
    [
      'a low success rate with timeouts',
      {
        reliability: { workflow_id: 'w', completed: 80, failed: 20, total: 100, success_rate: 80 },
        failures: {
          categories: [
            { category: 'timeout', count: 15, examples: [] },
            { category: 'network', count: 5, examples: [] },
          ],
        },
      },
      'reliability',
      'easy',
      92,
    ],
    [
      'CPU saturation',
      {
        resources: {
          workflow_id: 'w',
          samples: 50,
          cpu_percent_avg_median: 60,
          cpu_percent_max_p95: 98,
          memory_mb_max_median: 500,
          memory_mb_max_p95: 600,
        },
      },
      'resource',
      'medium',
      70,
    ],
    [
      'memory spikes',
      {
        resources: {
          workflow_id: 'w',
          samples: 50,
          cpu_percent_avg_median: 10,
          cpu_percent_max_p95: 20,
          memory_mb_max_median: 500,
          memory_mb_max_p95: 1500,
        },
      },
      'resource',
      'medium',
      750,
    ],
  ] as const)('turns %s into a %s insight (%s) expecting %p', (_, extra, category, ease, expected) => {
    const base = analysis([1000], [1000], [makeStep()]);
    const [insight] = generateInsights({ ...base, ...extra } as WorkflowAnalysis, { now: NOW });
    expect(insight).toMatchObject({ category, ease_of_implementation: ease });
    expect(insight!.expected_change.expected_value).toBeCloseTo(expected, 9);
  });

  test.each([
    [
      'occasional saturation',
      35,
      '1 execution in 20 peaks at 97 % CPU or more',
      /^5 % of executions peak at 97\.4 % CPU or more .* median execution averages 35 %: saturation is occasional/,
    ],
    [
      'saturation in most runs',
      99.8,
      'CPU saturated in most executions (median average 100 %)',
      /^The median execution averages 99\.8 % CPU and 1 in 20 peaks at 97\.4 % or more: the host is saturated for most of every run/,
    ],
  ])('words the CPU insight for %s the same in title and body', (_, median, title, body) => {
    const base = analysis([1000], [1000], [makeStep()]);
    const resources = {
      workflow_id: 'w',
      samples: 50,
      cpu_percent_avg_median: median,
      cpu_percent_max_p95: 97.4,
      memory_mb_max_median: 500,
      memory_mb_max_p95: 600,
    };
    const [insight] = generateInsights({ ...base, resources } as WorkflowAnalysis, { now: NOW });
    expect(insight!.title).toBe(title);
    expect(insight!.description).toMatch(body);
  });

  it('never titles a CPU insight "1 in 20" when the median execution is saturated (regression)', () => {
    const base = analysis([1000], [1000], [makeStep()]);
    fc.assert(
      fc.property(
        fc.double({ min: 90, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (p95, median) => {
          const resources = {
            workflow_id: 'w',
            samples: 50,
            cpu_percent_avg_median: median,
            cpu_percent_max_p95: p95,
            memory_mb_max_median: null,
            memory_mb_max_p95: null,
          };
          const [insight] = generateInsights({ ...base, resources } as WorkflowAnalysis, { now: NOW });
          return median >= 90
            ? !/1 execution in 20/.test(insight!.title)
            : /1 execution in 20/.test(insight!.title);
        },
      ),
    );
  });

  it('raises recurring anomalies as an insight on the right category', () => {
    const anomaly = {
      anomaly_id: 'x',
      workflow_id: 'w',
      metric_name: 'failure_rate',
      severity: 0.8,
      description: 'd',
      recommended_action: 'r',
      execution_ids: ['e'],
    };
    const [insight] = generateInsights(
      { ...analysis([1000], [1000], [makeStep()]), anomalies: [anomaly as never] },
      { now: NOW },
    );
    expect(insight).toMatchObject({
      category: 'reliability',
      recommendation: 'r',
      expected_change: { metric: 'anomaly_episodes', baseline_value: 1, expected_value: 0 },
    });
  });
});

describe('generateAllInsights best practices', () => {
  it('tells the slower of two similar workflows what the faster one does, with the evidence', () => {
    const steps = (wf: string, waitMs: number) => [
      ...Array.from({ length: 20 }, (_, i) =>
        makeStep({ workflow_id: wf, node_id: 'w1', action_type: 'wait', duration_ms: waitMs + i }),
      ),
      ...Array.from({ length: 20 }, () =>
        makeStep({ workflow_id: wf, node_id: 'c1', action_type: 'click', duration_ms: 100 }),
      ),
    ];
    const make = (wf: string, waitMs: number): WorkflowAnalysis => {
      const nodes = summarizeSteps(steps(wf, waitMs));
      return {
        workflow_id: wf,
        nodes,
        performance: buildPerformanceStats(wf, Array(20).fill(waitMs + 200), { stepSummaries: nodes }),
      };
    };
    const insights = generateAllInsights([make('slow', 3000), make('fast', 500)], { now: NOW });
    const best = insights.filter((i) => i.category === 'best_practice');
    expect(
      best.map((i) => [i.workflow_id, i.supporting_data.peer_workflow_id, i.supporting_data.action_type]),
    ).toEqual([['slow', 'fast', 'wait']]);
    // half of the 2,500 ms gap per wait step closed
    expect(best[0]!.expected_change.expected_value).toBeCloseTo(3200 - 1250, 6);
  });
});

describe('prioritizeInsights', () => {
  it('Property 14: sorts any set by priority_score descending and keeps every insight', () => {
    const insight = fc.record({
      insight_id: fc.string(),
      priority_score: fc.double({ min: 0, max: 1000, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(insight, { maxLength: 50 }), (rows) => {
        const out = prioritizeInsights(rows as unknown as Insight[]);
        const sorted = out.every((x, i) => i === 0 || out[i - 1]!.priority_score >= x.priority_score);
        return (
          sorted && out.length === rows.length && rows.every((r) => out.includes(r as unknown as Insight))
        );
      }),
    );
  });
});
