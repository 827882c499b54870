import React, { useState } from 'react';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import { useAnalyzerQuery } from '../api/useAnalyzerQuery';
import { InsightCard } from '../components/InsightCard';
import { QueryStateView } from '../components/QueryStateView';

export const WORKFLOW_INSIGHTS_ID = 'rpaanalytics-analytics-app/workflow-insights/v1';
export const WORKFLOW_INSIGHTS_TITLE = 'RPA workflow insights';

/** Props other plugins pass (`usePluginComponent(WORKFLOW_INSIGHTS_ID)`); times in epoch ms or RFC 3339 (default: the last 7 days). */
export interface WorkflowInsightsProps {
  workflowId?: string;
  from?: number | string;
  to?: number | string;
  limit?: number;
}

/**
 * The analyzer's top insights for one workflow (or all), exposed to other plugins. It renders
 * outside this app's React tree, so it reaches the analyzer through the app's proxy route
 * like the panels do (the default client), never with a token of its own.
 */
export function WorkflowInsights({ workflowId, from: fromProp, to: toProp, limit = 3 }: WorkflowInsightsProps) {
  const client = useAnalyzerClient();
  // The analyzer takes absolute times; without a range, the last 7 days as of the first render.
  const [now] = useState(() => Date.now());
  const from = fromProp ?? now - 7 * 86_400_000;
  const to = toProp ?? now;
  const workflowIds = workflowId ? [workflowId] : undefined;
  const state = useAnalyzerQuery(
    async () => (await client.insights({ from, to, workflowIds }, { limit })).items.slice(0, limit),
    `${workflowId ?? ''}|${from}|${to}|${limit}`
  );
  return (
    <QueryStateView
      state={state}
      isEmpty={(items) => items.length === 0}
      emptyMessage="No insights"
      emptyHint="Insights need a few executions of the workflow in the time range."
    >
      {(items) => items.map((insight) => <InsightCard key={insight.insight_id} insight={insight} />)}
    </QueryStateView>
  );
}
