/**
 * Seed `generate_insights`: every rule over one workflow's analyses, and the
 * best practices across workflows, as Insights ordered by priority.
 */
import type { Insight } from '../model/analysis';
import { anomalyInsights } from './anomaly-insights';
import { bestPracticeInsights } from './best-practices';
import { buildInsight, type InsightDraft } from './build-insight';
import { performanceInsights } from './performance-insights';
import { prioritizeInsights } from './prioritize-insights';
import { reliabilityInsights } from './reliability-insights';
import { resourceInsights } from './resource-insights';
import type { WorkflowAnalysis } from './workflow-analysis';

export interface GenerateOptions {
  /** The insights' `created_at`. */
  now: number;
  /** Findings of rules that read more than WorkflowAnalysis (self-healing: insights/healing-insights). */
  extraDrafts?: readonly InsightDraft[];
}

function draftsFor(a: WorkflowAnalysis): InsightDraft[] {
  return [
    ...performanceInsights(a),
    ...reliabilityInsights(a),
    ...resourceInsights(a),
    ...anomalyInsights(a),
  ];
}

/** One workflow's insights, highest priority first. */
export function generateInsights(analysis: WorkflowAnalysis, options: GenerateOptions): Insight[] {
  return prioritizeInsights(draftsFor(analysis).map((d) => buildInsight(d, options.now)));
}

/** Every workflow's insights plus best practices from comparing similar workflows, highest priority first. */
export function generateAllInsights(
  analyses: readonly WorkflowAnalysis[],
  options: GenerateOptions,
): Insight[] {
  const drafts = [
    ...analyses.flatMap(draftsFor),
    ...bestPracticeInsights(analyses),
    ...(options.extraDrafts ?? []),
  ];
  return prioritizeInsights(drafts.map((d) => buildInsight(d, options.now)));
}
