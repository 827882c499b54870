/** Resource rules: CPU saturation and memory spikes of a workflow's executions. */
import { formatNumber as fmt, type InsightDraft } from './build-insight';
import { INSIGHT_THRESHOLDS as T, type WorkflowAnalysis } from './workflow-analysis';

/**
 * Title and body from the same reading of the data. The p95 of per-execution peaks says how
 * high 1 execution in 20 goes; the median of per-execution averages says whether saturation is
 * the rule or the exception. (The old title, "CPU peaks at X % in 1 execution out of 20", was
 * shown above bodies whose median execution averaged 99 %: saturated in every run, not 1 in 20.)
 */
function cpuText(p95: number, typical: number | null): { title: string; description: string } {
  if (typical !== null && typical >= T.cpuSaturatedPercent) {
    return {
      title: `CPU saturated in most executions (median average ${typical.toFixed(0)} %)`,
      description: `The median execution averages ${fmt(typical)} % CPU and 1 in 20 peaks at ${fmt(p95)} % or more: the host is saturated for most of every run, which slows every step and makes visual matching time out.`,
    };
  }
  return {
    title: `1 execution in 20 peaks at ${p95.toFixed(0)} % CPU or more`,
    description: `5 % of executions peak at ${fmt(p95)} % CPU or more (the p95 of per-execution peaks), while the median execution averages ${typical === null ? 'n/a' : `${fmt(typical)} %`}: saturation is occasional, and the steps running during it slow down and can time out on visual matching.`,
  };
}

function cpuInsight(a: WorkflowAnalysis): InsightDraft | null {
  const r = a.resources;
  if (!r || r.cpu_percent_max_p95 === null || r.cpu_percent_max_p95 < T.cpuSaturatedPercent) return null;
  return {
    workflow_id: a.workflow_id,
    category: 'resource',
    key: 'cpu-saturation',
    ...cpuText(r.cpu_percent_max_p95, r.cpu_percent_avg_median),
    recommendation:
      'Spread executions over more executor hosts or schedule them apart from other heavy jobs; look for busy polling loops.',
    ease: 'medium',
    metric: 'cpu_percent_max_p95',
    baseline_value: r.cpu_percent_max_p95,
    expected_value: 70,
    evidence: r.samples,
    supporting_data: { resources: r },
  };
}

function memoryInsight(a: WorkflowAnalysis): InsightDraft | null {
  const r = a.resources;
  if (!r || r.memory_mb_max_p95 === null || r.memory_mb_max_median === null || r.memory_mb_max_median <= 0)
    return null;
  if (r.memory_mb_max_p95 / r.memory_mb_max_median < T.memorySpikeRatio) return null;
  return {
    workflow_id: a.workflow_id,
    category: 'resource',
    key: 'memory-spikes',
    title: `Memory peaks reach ${(r.memory_mb_max_p95 / r.memory_mb_max_median).toFixed(1)}× the typical execution`,
    description: `Typical peak memory is ${fmt(r.memory_mb_max_median)} MB but 1 execution in 20 peaks above ${fmt(r.memory_mb_max_p95)} MB.`,
    recommendation:
      'Check those executions for large files or screenshots held in memory and for objects kept across loop iterations.',
    ease: 'medium',
    metric: 'memory_mb_max_p95',
    baseline_value: r.memory_mb_max_p95,
    expected_value: 1.5 * r.memory_mb_max_median,
    evidence: r.samples,
    supporting_data: { resources: r },
  };
}

export function resourceInsights(a: WorkflowAnalysis): InsightDraft[] {
  return [cpuInsight(a), memoryInsight(a)].filter((d): d is InsightDraft => d !== null);
}
