import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, useStyles2 } from '@grafana/ui';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import type { ExpectedRun } from '../api/types';
import { useAnalyzerQuery } from '../api/useAnalyzerQuery';
import { DataTable } from '../components/DataTable';
import { formatMs, formatTime } from '../components/format';
import { QueryStateView } from '../components/QueryStateView';
import { Section } from '../components/Section';
import { testIds } from '../testIds';
import { HINTS } from './healingHints';

/** Each workflow's next expected start (as of now, not the range), missing ones first. */
export function ExpectedRunsSection() {
  const styles = useStyles2(getStyles);
  const client = useAnalyzerClient();
  const state = useAnalyzerQuery(() => client.expectedRuns(), 'expected-runs');
  return (
    <Section title="Expected runs" testId={testIds.healing.expectedRuns}>
      <QueryStateView
        state={state}
        isEmpty={(d) => d.items.length === 0}
        emptyMessage="No expected cadence"
        emptyHint={HINTS.expectedRuns}
      >
        {(d) => (
          <DataTable<ExpectedRun>
            rows={d.items}
            rowKey={(r) => r.workflow_id}
            pageSize={15}
            columns={[
              {
                header: 'Status',
                sortValue: (r) => (r.missing ? r.overdue_ms : -1),
                render: (r) =>
                  r.missing ? (
                    <Badge
                      text={`missing, ${formatMs(r.overdue_ms)} overdue`}
                      color="red"
                      icon="exclamation-triangle"
                    />
                  ) : (
                    <Badge text="on time" color="green" />
                  ),
              },
              { header: 'Workflow', sortValue: (r) => r.workflow_id, render: (r) => r.workflow_id },
              {
                header: 'Cadence',
                render: (r) => (r.source === 'cron' ? 'cron (settings)' : `learned: every ${formatMs(r.interval_ms)}`),
              },
              { header: 'Expected', sortValue: (r) => r.expected_at, render: (r) => formatTime(r.expected_at) },
              { header: 'Tolerance', align: 'right', render: (r) => formatMs(r.tolerance_ms) },
              {
                header: 'Last start',
                sortValue: (r) => r.last_started_at,
                render: (r) => <span className={styles.sub}>{formatTime(r.last_started_at)}</span>,
              },
            ]}
          />
        )}
      </QueryStateView>
    </Section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  sub: css({ color: theme.colors.text.secondary }),
});
