import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import type { AnalyzerFilters } from '../api/filters';
import type { QueueTime } from '../api/types';
import { useAnalyzerQuery } from '../api/useAnalyzerQuery';
import { DataTable } from '../components/DataTable';
import { formatMs } from '../components/format';
import { QueryStateView } from '../components/QueryStateView';
import { Section } from '../components/Section';
import { testIds } from '../testIds';
import { HINTS } from './healingHints';

/** How long runs waited before they started, beside how long they ran. */
export function QueueTimesSection({ filters, rangeKey }: { filters: AnalyzerFilters; rangeKey: string }) {
  const styles = useStyles2(getStyles);
  const client = useAnalyzerClient();
  const state = useAnalyzerQuery(() => client.queueTimes(filters), rangeKey);
  return (
    <Section title="Queue time vs run time" testId={testIds.healing.queueTimes}>
      <QueryStateView
        state={state}
        isEmpty={(d) => d.items.length === 0}
        emptyMessage="No finished executions in this time range"
        emptyHint={`${HINTS.queueTimes} ${HINTS.noRequestTime}`}
      >
        {(d) => (
          <>
            {d.items.every((q) => q.with_request_time === 0) && <p className={styles.note}>{HINTS.noRequestTime}</p>}
            <DataTable<QueueTime>
              rows={d.items}
              rowKey={(q) => q.workflow_id}
              pageSize={15}
              columns={[
                { header: 'Workflow', sortValue: (q) => q.workflow_id, render: (q) => q.workflow_id },
                {
                  header: 'Queue median',
                  align: 'right',
                  sortValue: (q) => q.queue_ms_median,
                  render: (q) => formatMs(q.queue_ms_median),
                },
                {
                  header: 'Queue p95',
                  align: 'right',
                  sortValue: (q) => q.queue_ms_p95,
                  render: (q) => formatMs(q.queue_ms_p95),
                },
                { header: 'Queue max', align: 'right', render: (q) => formatMs(q.queue_ms_max) },
                {
                  header: 'Run median',
                  align: 'right',
                  sortValue: (q) => q.run_ms_median,
                  render: (q) => formatMs(q.run_ms_median),
                },
                { header: 'Run p95', align: 'right', render: (q) => formatMs(q.run_ms_p95) },
                {
                  header: 'Executions',
                  align: 'right',
                  sortValue: (q) => q.executions,
                  render: (q) => `${q.executions} (${q.with_request_time} with request time)`,
                },
              ]}
            />
          </>
        )}
      </QueryStateView>
    </Section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  note: css({ color: theme.colors.text.secondary }),
});
