/** Insights: rules over a workflow's analyses, best practices across workflows, priorities, impact. */
export { generateAllInsights, generateInsights } from './generate-insights';
export type { GenerateOptions } from './generate-insights';
export { prioritizeInsights } from './prioritize-insights';
export { evaluateInsightImpact } from './impact-tracking';
export type { ImpactReport, ImpactVerdict } from './impact-tracking';
export { EASE_WEIGHT, METRIC_WEIGHT, buildInsight } from './build-insight';
export type { InsightDraft } from './build-insight';
export { assembleWorkflowAnalysis } from './assemble-analysis';
export type { AssembleOptions } from './assemble-analysis';
export { INSIGHT_THRESHOLDS } from './workflow-analysis';
export type { WorkflowAnalysis } from './workflow-analysis';
