/**
 * Performance rules: a dominant bottleneck step, an unpredictable slow tail,
 * a degradation against the baseline period, and steps that keep retrying.
 */
import type { Ease, NodeSummary } from '../model/analysis';
import { rankSteps } from '../analysis/bottlenecks';
import { formatNumber as fmt, type InsightDraft } from './build-insight';
import { INSIGHT_THRESHOLDS as T, type WorkflowAnalysis } from './workflow-analysis';

interface ActionAdvice {
  pattern: RegExp;
  ease: Ease;
  advice: string;
}

const ACTION_ADVICE: readonly ActionAdvice[] = [
  {
    pattern: /wait|delay|sleep|pause/i,
    ease: 'easy',
    advice: 'Replace the fixed wait with a wait for the target element or window state, with a timeout.',
  },
  {
    pattern: /open|launch|start|navigate|login/i,
    ease: 'medium',
    advice: 'Keep the application or session open between executions instead of starting it each time.',
  },
  {
    pattern: /type|input|fill/i,
    ease: 'easy',
    advice: 'Set the field value or paste it instead of typing character by character.',
  },
  {
    pattern: /find|match|locate|click|ocr|screen/i,
    ease: 'medium',
    advice: 'Narrow the search region or use a stable selector before falling back to visual matching.',
  },
  {
    pattern: /read|extract|download|export|save|write/i,
    ease: 'medium',
    advice: 'Batch the data transfer or read it through the application API rather than the UI.',
  },
];

export function adviceFor(actionType: string): { ease: Ease; advice: string } {
  return (
    ACTION_ADVICE.find((a) => a.pattern.test(actionType)) ?? {
      ease: 'medium',
      advice: 'Profile this step in its traces and remove the waits and round trips it does not need.',
    }
  );
}

function bottleneckInsight(a: WorkflowAnalysis): InsightDraft | null {
  const [top] = rankSteps(a.nodes.filter((n) => n.workflow_id === a.workflow_id));
  const avg = a.performance.avg_duration_ms;
  if (!top || a.nodes.length < 2 || avg === null || top.share_of_execution_time < T.bottleneckShare)
    return null;
  const { ease, advice } = adviceFor(top.action_type);
  const share = top.share_of_execution_time;
  return {
    workflow_id: a.workflow_id,
    category: 'performance',
    key: `bottleneck:${top.node_id}`,
    title: `Step ${top.node_id} takes ${(share * 100).toFixed(0)} % of the step time`,
    description: `Step ${top.node_id} (${top.action_type}) averages ${fmt(top.avg_duration_ms)} ms (p95 ${fmt(top.p95_duration_ms)} ms) over ${top.count} runs, the slowest of ${a.nodes.length} steps.`,
    recommendation: `${advice} Halving this step saves about ${fmt((avg * share) / 2)} ms per execution.`,
    ease,
    metric: 'avg_duration_ms',
    baseline_value: avg,
    expected_value: avg * (1 - share / 2),
    evidence: top.count,
    supporting_data: { bottleneck: top, execution_count: a.performance.execution_count },
  };
}

function tailInsight(a: WorkflowAnalysis): InsightDraft | null {
  const { median_duration_ms: median, p95_duration_ms: p95, execution_count: n } = a.performance;
  if (
    median === null ||
    p95 === null ||
    median <= 0 ||
    n < T.minExecutionsForTail ||
    p95 / median < T.tailRatio
  )
    return null;
  return {
    workflow_id: a.workflow_id,
    category: 'performance',
    key: 'slow-tail',
    title: `1 execution in 20 takes ${(p95 / median).toFixed(1)}× the typical time`,
    description: `The median execution takes ${fmt(median)} ms but the p95 is ${fmt(p95)} ms: some runs wait far longer than the rest.`,
    recommendation:
      'Open the traces of the slowest executions: long timeouts, retries and application freezes are the usual causes. Cap waits and fail fast.',
    ease: 'medium',
    metric: 'p95_duration_ms',
    baseline_value: p95,
    expected_value: 2 * median,
    evidence: n,
    supporting_data: {
      median_duration_ms: median,
      p95_duration_ms: p95,
      p99_duration_ms: a.performance.p99_duration_ms,
    },
  };
}

function degradationInsight(a: WorkflowAnalysis): InsightDraft | null {
  const d = a.degradation;
  if (!d || !d.degraded || d.change_percent === null) return null;
  const field =
    d.statistic === 'avg'
      ? 'avg_duration_ms'
      : d.statistic === 'p95'
        ? 'p95_duration_ms'
        : 'median_duration_ms';
  const current = d.current[field];
  const baseline = d.baseline[field];
  if (current === null || baseline === null) return null;
  return {
    workflow_id: a.workflow_id,
    category: 'performance',
    key: `degradation:${d.statistic}`,
    title: `${d.statistic} duration up ${d.change_percent.toFixed(0)} % on the baseline period`,
    description: `The ${d.statistic} execution now takes ${fmt(current)} ms against ${fmt(baseline)} ms before (threshold ${d.threshold_percent} %).`,
    recommendation:
      'Compare the slowest steps of both periods and check what changed in between: workflow edits, target application updates, host load.',
    ease: 'medium',
    metric: field,
    baseline_value: current,
    expected_value: baseline,
    evidence: Math.min(d.baseline.count, d.current.count),
    supporting_data: { degradation: d },
  };
}

function retryInsight(a: WorkflowAnalysis): InsightDraft | null {
  const avg = a.performance.avg_duration_ms;
  const runs = a.performance.execution_count;
  const worst = [...a.nodes]
    .filter((n) => n.count > 0 && n.retry_total / n.count >= T.retriesPerStep)
    .sort((x, y) => y.retry_total * y.avg_duration_ms - x.retry_total * x.avg_duration_ms)[0] as
    NodeSummary | undefined;
  if (!worst || avg === null || runs === 0) return null;
  const savedPerRun = Math.min(avg / 2, (worst.retry_total * worst.avg_duration_ms) / runs);
  return {
    workflow_id: a.workflow_id,
    category: 'performance',
    key: `retries:${worst.node_id}`,
    title: `Step ${worst.node_id} retries ${(worst.retry_total / worst.count).toFixed(2)} times per run`,
    description: `Step ${worst.node_id} (${worst.action_type}) was retried ${worst.retry_total} times in ${worst.count} runs; each retry repeats a ${fmt(worst.avg_duration_ms)} ms step.`,
    recommendation:
      'Wait for the element to be ready before acting instead of retrying, and make the selector more stable.',
    ease: 'medium',
    metric: 'avg_duration_ms',
    baseline_value: avg,
    expected_value: avg - savedPerRun,
    evidence: worst.count,
    supporting_data: { node: worst },
  };
}

export function performanceInsights(a: WorkflowAnalysis): InsightDraft[] {
  return [bottleneckInsight(a), tailInsight(a), degradationInsight(a), retryInsight(a)].filter(
    (d): d is InsightDraft => d !== null,
  );
}
