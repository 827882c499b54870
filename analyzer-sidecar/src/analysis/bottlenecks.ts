/**
 * Bottleneck steps (seed `identify_bottlenecks`, Property 6): a workflow's
 * nodes ranked by average step duration, slowest first, keeping those at or
 * above the `thresholdPercentile` quantile of the per-node averages. The input
 * is per-node summaries so the store can push the aggregation down.
 */
import type { Bottleneck, NodeSummary } from '../model/analysis';
import { quantile } from './statistics';
import { compareStrings } from './step-summaries';

export interface BottleneckOptions {
  /** Quantile of the per-node average durations a bottleneck reaches; default 0.95. */
  thresholdPercentile?: number;
  /** At most this many; default all that qualify. */
  limit?: number;
}

/** Slowest first; ties by total time, then node id, so the order is total. */
export function rankNodesBySlowness(summaries: readonly NodeSummary[]): NodeSummary[] {
  return [...summaries].sort(
    (a, b) =>
      b.avg_duration_ms - a.avg_duration_ms ||
      b.total_duration_ms - a.total_duration_ms ||
      compareStrings(a.node_id, b.node_id),
  );
}

function toBottleneck(node: NodeSummary, totalStepTime: number, rank: number): Bottleneck {
  return {
    node_id: node.node_id,
    action_type: node.action_type,
    count: node.count,
    avg_duration_ms: node.avg_duration_ms,
    p95_duration_ms: node.p95_duration_ms,
    max_duration_ms: node.max_duration_ms,
    total_duration_ms: node.total_duration_ms,
    share_of_execution_time: totalStepTime > 0 ? node.total_duration_ms / totalStepTime : 0,
    rank,
  };
}

/** Summaries of one workflow's nodes in, its bottlenecks out; the slowest node always qualifies (the quantile never exceeds the maximum). */
export function identifyBottlenecks(
  summaries: readonly NodeSummary[],
  options: BottleneckOptions = {},
): Bottleneck[] {
  const p = options.thresholdPercentile ?? 0.95;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`thresholdPercentile must be in [0, 1], got ${p}`);
  const nodes = summaries.filter((s) => s.count > 0);
  if (nodes.length === 0) return [];
  const threshold = quantile(
    nodes.map((n) => n.avg_duration_ms),
    p,
  );
  const totalStepTime = nodes.reduce((sum, n) => sum + n.total_duration_ms, 0);
  const ranked = rankNodesBySlowness(nodes);
  const qualifying = ranked.filter((n) => n.avg_duration_ms >= threshold);
  return qualifying
    .slice(0, options.limit ?? qualifying.length)
    .map((n, i) => toBottleneck(n, totalStepTime, i + 1));
}

/** Every node ranked (threshold 0): what `slowest_steps` and the API's bottleneck list page through. */
export function rankSteps(summaries: readonly NodeSummary[], limit?: number): Bottleneck[] {
  return identifyBottlenecks(summaries, { thresholdPercentile: 0, ...(limit !== undefined && { limit }) });
}
