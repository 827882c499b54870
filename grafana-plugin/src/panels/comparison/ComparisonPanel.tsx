import React from 'react';
import { css } from '@emotion/css';
import type { PanelProps } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { useAnalyzerClient } from '../../api/AnalyzerContext';
import { useAnalyzerQuery } from '../../api/useAnalyzerQuery';
import { ComparisonTable } from '../../components/ComparisonTable';
import { QueryStateView } from '../../components/QueryStateView';
import { testIds } from '../../testIds';
import { interpolateWorkflowIds } from '../panelVariables';
import type { ComparisonPanelOptions } from './options';

/** The analyzer's comparison of the selected workflows over the dashboard's time range. */
export function ComparisonPanel({
  options,
  timeRange,
  replaceVariables,
  width,
  height,
}: PanelProps<ComparisonPanelOptions>) {
  const styles = useStyles2(getStyles);
  const client = useAnalyzerClient();
  const workflowIds = interpolateWorkflowIds(options.workflowIds, replaceVariables);
  const from = timeRange.from.valueOf();
  const to = timeRange.to.valueOf();
  const metrics = options.metrics ?? [];
  const state = useAnalyzerQuery(
    () => (workflowIds.length >= 2 ? client.compare(workflowIds, metrics, { from, to }) : Promise.resolve(undefined)),
    `${from}|${to}|${workflowIds.join(',')}|${metrics.join(',')}`
  );

  return (
    <div className={styles.container} style={{ width, height }} data-testid={testIds.comparisonPanel.container}>
      <QueryStateView
        state={state}
        isEmpty={(c) => c === undefined || Object.keys(c.workflows).length === 0}
        emptyMessage={workflowIds.length < 2 ? 'Select at least two workflows' : 'Nothing to compare'}
        emptyHint={
          workflowIds.length < 2
            ? 'Choose two or more values of $workflow, or list workflow ids in the panel options.'
            : 'These workflows did not run in this time range: widen it.'
        }
      >
        {(c) => c && <ComparisonTable comparison={c} testId={testIds.comparisonPanel.table} />}
      </QueryStateView>
    </div>
  );
}

const getStyles = () => ({
  container: css({ overflow: 'auto' }),
});
