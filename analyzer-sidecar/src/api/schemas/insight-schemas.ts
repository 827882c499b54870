/** Insight shapes: the seed's Insight plus its expected change and implementation tracking. */
import { component, nullableNumber, nullableString, rfc3339 } from './common';
import { periodSchema } from './analysis-model-schemas';

const str = { type: 'string' } as const;
const num = { type: 'number' } as const;

const impactSchema = component('ImpactReport', {
  type: 'object',
  properties: {
    insight_id: str,
    workflow_id: str,
    metric: str,
    baseline_value: num,
    expected_value: num,
    actual_value: nullableNumber,
    expected_change_percent: num,
    actual_change_percent: nullableNumber,
    realized_ratio: { ...nullableNumber, description: 'Actual change / expected change; 1 is as expected' },
    verdict: { type: 'string', enum: ['met', 'partial', 'none', 'worse', 'unmeasured'] },
  },
} as const);

export const implementationSchema = component('InsightImplementationRecord', {
  type: ['object', 'null'],
  properties: {
    implemented_at: rfc3339,
    note: nullableString,
    reported_impact: { type: ['object', 'null'], additionalProperties: true },
    following_period: periodSchema,
    impact: impactSchema,
  },
} as const);

export const insightSchema = component('Insight', {
  type: 'object',
  properties: {
    insight_id: str,
    workflow_id: str,
    category: { type: 'string', enum: ['performance', 'reliability', 'resource', 'best_practice'] },
    title: str,
    description: str,
    recommendation: str,
    expected_impact: str,
    ease_of_implementation: { type: 'string', enum: ['easy', 'medium', 'hard'] },
    priority_score: num,
    supporting_data: { type: 'object', additionalProperties: true },
    created_at: rfc3339,
    expected_change: {
      type: 'object',
      properties: { metric: str, baseline_value: num, expected_value: num, change_percent: num },
    },
    implemented: { type: 'boolean' },
    implementation: implementationSchema,
  },
} as const);
