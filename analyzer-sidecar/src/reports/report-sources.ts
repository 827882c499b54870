/**
 * What the report templates read, as plain questions: the analysis services
 * and the store answer them in the app; tests may answer them with fixtures.
 */
import type {
  Anomaly,
  Bottleneck,
  FailureBreakdown,
  Incident,
  NodeSummary,
  PerformanceStats,
  ReliabilityScore,
  SuccessRate,
  SuccessRateWindow,
} from '../model/analysis';
import type { TrackedInsight } from '../services/insight-tracking';
import type { AggregateQuery, AggregateRow } from '../store/aggregate-catalog';
import type { ExecutionFilter } from '../store/store';

export interface ReportSources {
  now(): number;
  successRates(filter: ExecutionFilter): Promise<SuccessRate[]>;
  successRateWindows(
    workflowIds: readonly string[],
    period: { from: number; to: number },
    windowMs: number,
  ): Promise<Map<string, SuccessRateWindow[]>>;
  reliability(filter: ExecutionFilter): Promise<ReliabilityScore[]>;
  aggregate(query: AggregateQuery): Promise<AggregateRow[]>;
  nodeSummaries(filter: ExecutionFilter): Promise<NodeSummary[]>;
  performance(workflowId: string, filter: ExecutionFilter): Promise<PerformanceStats>;
  bottlenecks(workflowId: string, filter: ExecutionFilter): Promise<Bottleneck[]>;
  failures(filter: ExecutionFilter): Promise<FailureBreakdown>;
  /** Anomalies whose episode overlaps [from, to), newest first, at most `limit`. */
  anomalies(query: {
    from: number;
    to: number;
    workflowIds?: readonly string[];
    limit: number;
  }): Promise<{ items: Anomaly[]; total: number }>;
  incidents(query: {
    from: number;
    to: number;
    workflowIds?: readonly string[];
    limit: number;
  }): Promise<{ items: Incident[]; total: number }>;
  insights(workflowIds?: readonly string[]): Promise<TrackedInsight[]>;
}
