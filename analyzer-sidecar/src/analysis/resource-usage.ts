/** Resource usage of a workflow's executions, from their per-execution summaries. */
import type { ExecutionRecord } from '../model/records';
import { median, quantile } from './statistics';

export interface ResourceUsage {
  workflow_id: string;
  /** Executions with a resource summary. */
  samples: number;
  cpu_percent_avg_median: number | null;
  cpu_percent_max_p95: number | null;
  memory_mb_max_median: number | null;
  memory_mb_max_p95: number | null;
}

function values(
  executions: readonly ExecutionRecord[],
  pick: (e: ExecutionRecord) => number | null,
): number[] {
  return executions.map(pick).filter((v): v is number => v !== null && Number.isFinite(v));
}

export function summarizeResources(
  workflowId: string,
  executions: readonly ExecutionRecord[],
): ResourceUsage {
  const own = executions.filter((e) => e.workflow_id === workflowId);
  const cpuAvg = values(own, (e) => e.cpu_percent_avg);
  const cpuMax = values(own, (e) => e.cpu_percent_max);
  const mem = values(own, (e) => e.memory_mb_max);
  return {
    workflow_id: workflowId,
    samples: Math.max(cpuAvg.length, cpuMax.length, mem.length),
    cpu_percent_avg_median: cpuAvg.length ? median(cpuAvg) : null,
    cpu_percent_max_p95: cpuMax.length ? quantile(cpuMax, 0.95) : null,
    memory_mb_max_median: mem.length ? median(mem) : null,
    memory_mb_max_p95: mem.length ? quantile(mem, 0.95) : null,
  };
}
