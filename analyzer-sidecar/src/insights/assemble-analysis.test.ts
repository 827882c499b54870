/** Insights on the planted history: each workflow's planted problems come back as insights. */
import { detectAnomalies } from '../analysis/anomaly/detect-anomalies';
import * as P from '../analysis/test-support/planted-history';
import { assembleWorkflowAnalysis } from './assemble-analysis';
import { generateAllInsights } from './generate-insights';

const { executions, steps } = P.plantedHistory(77);
const now = P.PLANTED_FROM + P.PLANTED_DAYS * P.DAY;
const { anomalies } = detectAnomalies(executions, steps, { now });
const analyses = P.plantedWorkflows().map((w) =>
  assembleWorkflowAnalysis(executions, steps, {
    workflowId: w.workflow_id,
    period: { from: P.PLANTED_FROM + 14 * P.DAY, to: now },
    baselinePeriod: { from: P.PLANTED_FROM, to: P.PLANTED_FROM + 14 * P.DAY },
    anomalies,
  }),
);
const insights = generateAllInsights(analyses, { now });

describe('insights on the planted history', () => {
  it.each(P.plantedWorkflows().map((w) => w.workflow_id))('names the planted bottleneck of %s', (wf) => {
    const bottleneck = insights.find(
      (i) => i.workflow_id === wf && i.insight_id && i.title.startsWith('Step '),
    );
    expect(bottleneck?.supporting_data.bottleneck).toMatchObject({ node_id: P.plantedBottleneck(wf) });
  });

  it('reports the degradation of the degrading workflow only', () => {
    const degraded = insights.filter((i) => i.expected_change.metric === 'median_duration_ms');
    expect(degraded.map((i) => i.workflow_id)).toEqual([P.DEGRADING]);
    expect(degraded[0]!.expected_change.change_percent).toBeLessThan(-25);
  });

  it('orders all insights by priority and quantifies each one', () => {
    expect(insights.every((x, i) => i === 0 || insights[i - 1]!.priority_score >= x.priority_score)).toBe(
      true,
    );
    expect(
      insights.every(
        (i) => Number.isFinite(i.expected_change.change_percent) && i.expected_impact.includes('→'),
      ),
    ).toBe(true);
  });
});
