/** What the insight rules read about one workflow: the outputs of the analyses. */
import type {
  Anomaly,
  Degradation,
  FailureBreakdown,
  NodeSummary,
  PerformanceStats,
  SuccessRate,
} from '../model/analysis';
import type { ResourceUsage } from '../analysis/resource-usage';

export interface WorkflowAnalysis {
  workflow_id: string;
  performance: PerformanceStats;
  /** Per-node step summaries of the same period. */
  nodes: readonly NodeSummary[];
  degradation?: Degradation | null;
  reliability?: SuccessRate | null;
  failures?: FailureBreakdown | null;
  resources?: ResourceUsage | null;
  anomalies?: readonly Anomaly[];
}

/** Thresholds of the rules; each is documented where it is used. */
export const INSIGHT_THRESHOLDS = {
  bottleneckShare: 0.35,
  tailRatio: 3,
  minExecutionsForTail: 20,
  retriesPerStep: 0.3,
  successRateBelow: 95,
  minFinishedForReliability: 10,
  cpuSaturatedPercent: 90,
  memorySpikeRatio: 2,
  anomalyRecurrence: 2,
  anomalySeverity: 0.5,
  peerSpeedup: 1.5,
  peerSuccessGap: 10,
  minPeerSteps: 10,
  peerSimilarity: 0.5,
} as const;
