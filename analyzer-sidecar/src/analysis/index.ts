/**
 * The pure analysis layer: records in, statistics, bottlenecks, degradation,
 * success rates, failure categories, reliability ranking, anomalies and
 * comparisons out. No I/O and no clock: callers pass periods and `now`.
 */
export {
  MAD_TO_SIGMA,
  mean,
  median,
  medianAbsoluteDeviation,
  quantile,
  quantileSorted,
  robustLocationScale,
  sampleStdDev,
  sortAscending,
  summarizeDurations,
} from './statistics';
export type { RobustLocationScale, Sample } from './statistics';
export { summarizeSteps, mostFrequent } from './step-summaries';
export type { StepSummaryOptions } from './step-summaries';
export { identifyBottlenecks, rankNodesBySlowness, rankSteps } from './bottlenecks';
export type { BottleneckOptions } from './bottlenecks';
export {
  analyzeWorkflow,
  buildPerformanceStats,
  performanceStatsFromSummary,
  describePeriod,
  inPeriod,
  selectDurations,
} from './performance';
export type { AnalyzeWorkflowOptions, DurationFilter, PerformanceOptions, Period } from './performance';
export { detectPerformanceDegradation, percentChange } from './degradation';
export type { DegradationOptions } from './degradation';
export { countOutcomes, successRatesByWorkflow, successRateWindows, toSuccessRate } from './success-rate';
export type { WindowOptions } from './success-rate';
export { BUILT_IN_FAILURE_RULES, categorizeFailure, compileFailureRules } from './failure-categories';
export type { CompileResult, Failure, FailureRule, FailureRuleConfig } from './failure-categories';
export { categorizeFailures, failuresFromRecords } from './failure-breakdown';
export type { BreakdownOptions } from './failure-breakdown';
export { durationSpread, rankReliability, wilsonLowerBound } from './reliability-ranking';
export type { WorkflowReliabilityInput } from './reliability-ranking';
export { summarizeResources } from './resource-usage';
export type { ResourceUsage } from './resource-usage';
export { compareWorkflows } from './comparison';
export type { CompareOptions, MetricValues } from './comparison';
export { ALL_WORKFLOWS, QueryCache } from './query-cache';
export { contentId } from './content-id';
export { METRIC, buildMetricSeries, seriesKey, stepMetricName } from './anomaly/metric-series';
export type { MetricKind, MetricSeries, Observation } from './anomaly/metric-series';
export { deviationOf, fitBaseline, fromWatchedScale, severityOf, toWatchedScale } from './anomaly/baseline';
export type { Baseline, BaselineOptions } from './anomaly/baseline';
export { detectSeriesAnomalies } from './anomaly/detector';
export type { DetectionResult } from './anomaly/detector';
export type { ChangePointOptions, DetectorOptions } from './anomaly/detector-options';
export { detectAnomalies, detectInSeries, updateBaseline } from './anomaly/detect-anomalies';
export type {
  AnomalyReport,
  DetectAnomaliesOptions,
  UpdateBaselineOptions,
} from './anomaly/detect-anomalies';
export { correlateAnomalies } from './anomaly/correlate-anomalies';
export type { CorrelateOptions } from './anomaly/correlate-anomalies';
