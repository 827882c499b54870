import React from 'react';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import type { AnalyzerFilters } from '../api/filters';
import { useAnalyzerQuery } from '../api/useAnalyzerQuery';
import { testIds } from '../testIds';
import { formatMs, formatTime } from './format';
import { QueryStateView } from './QueryStateView';
import { Section } from './Section';
import { StepWaterfall } from './charts/StepWaterfall';
import { DataTable } from './DataTable';
import { TraceLink } from './traceLink';

interface Props {
  workflowId: string;
  executionId: string;
  filters: AnalyzerFilters;
  queryKey: string;
}

/** One execution of a workflow with its steps (where an anomaly links to). */
export function ExecutionDetail({ workflowId, executionId, filters, queryKey }: Props) {
  const client = useAnalyzerClient();
  const state = useAnalyzerQuery(async () => {
    const page = await client.executions(
      { ...filters, workflowIds: [workflowId] },
      { includeSteps: true, limit: 1000 }
    );
    return page.items.find((e) => e.execution_id === executionId);
  }, `${queryKey}|${workflowId}|${executionId}`);
  return (
    <Section title={`Execution ${executionId}`} testId={testIds.workflow.execution}>
      <QueryStateView
        state={state}
        isEmpty={(e) => e === undefined}
        emptyMessage={`Execution ${executionId} is not in this time range`}
        emptyHint="Widen the time range, or open it from the anomaly again."
      >
        {(e) =>
          e && (
            <>
              <p>
                {e.status} · started {formatTime(e.started_at)} · {formatMs(e.duration_ms)} · {e.steps_failed}/
                {e.steps_total} steps failed
                {e.error_message ? ` · ${e.error_message}` : ''}
                {e.trace_id && (
                  <>
                    {' · '}
                    <TraceLink run={{ ...e, trace_id: e.trace_id }} />
                  </>
                )}
              </p>
              <StepWaterfall steps={e.steps ?? []} testId={testIds.workflow.waterfall} />
              <DataTable
                rows={e.steps ?? []}
                rowKey={(s) => s.step_id}
                columns={[
                  { header: 'Step', render: (s) => s.node_id },
                  { header: 'Action', render: (s) => s.action_type },
                  { header: 'Status', render: (s) => s.status },
                  {
                    header: 'Duration',
                    align: 'right',
                    sortValue: (s) => s.duration_ms,
                    render: (s) => formatMs(s.duration_ms),
                  },
                  { header: 'Retries', align: 'right', sortValue: (s) => s.retry_count, render: (s) => s.retry_count },
                  { header: 'Error', render: (s) => s.error_details ?? '' },
                ]}
              />
            </>
          )
        }
      </QueryStateView>
    </Section>
  );
}
