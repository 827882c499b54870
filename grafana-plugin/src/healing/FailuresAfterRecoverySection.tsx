import React from 'react';
import { Link } from 'react-router-dom';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import type { AnalyzerFilters } from '../api/filters';
import type { FailureAfterRecovery } from '../api/types';
import { useAnalyzerQuery } from '../api/useAnalyzerQuery';
import { DataTable } from '../components/DataTable';
import { formatTime } from '../components/format';
import { QueryStateView } from '../components/QueryStateView';
import { Section } from '../components/Section';
import { useTimeLink } from '../components/useTimeLink';
import { ROUTES } from '../constants';
import { testIds } from '../testIds';
import { HINTS } from './healingHints';

/** Healed, then failed later in the same execution: a recovery that only moved the failure. */
export function FailuresAfterRecoverySection({ filters, rangeKey }: { filters: AnalyzerFilters; rangeKey: string }) {
  const styles = useStyles2(getStyles);
  const client = useAnalyzerClient();
  const link = useTimeLink();
  const state = useAnalyzerQuery(() => client.failuresAfterRecovery(filters), rangeKey);
  // The execution's page spans the recovery to the later failure, a minute either side.
  const executionLink = (r: FailureAfterRecovery) =>
    link(ROUTES.Workflow, {
      workflow: r.workflow_id,
      execution: r.execution_id,
      from: String(Date.parse(r.started_at) - 60_000),
      to: String(Date.parse(r.later_failure_at ?? r.completed_at) + 60_000),
    });
  return (
    <Section title="Failures after a recovery" testId={testIds.healing.failuresAfterRecovery}>
      <QueryStateView
        state={state}
        isEmpty={(d) => d.items.length === 0}
        emptyMessage="No failure followed a recovery"
        emptyHint={HINTS.failuresAfterRecovery}
      >
        {(d) => (
          <DataTable<FailureAfterRecovery>
            rows={d.items}
            rowKey={(r) => r.recovery_id}
            pageSize={10}
            columns={[
              { header: 'Healed at', sortValue: (r) => r.started_at, render: (r) => formatTime(r.started_at) },
              { header: 'Workflow', sortValue: (r) => r.workflow_id, render: (r) => r.workflow_id },
              {
                header: 'Healed target',
                sortValue: (r) => r.target_element,
                render: (r) => (
                  <span className={styles.mono} title={`node ${r.node_id}`}>
                    {r.target_element}
                  </span>
                ),
              },
              { header: 'Strategy', sortValue: (r) => r.strategy, render: (r) => r.strategy },
              {
                header: 'Then failed',
                sortValue: (r) => r.later_failure_at,
                render: (r) => (
                  <>
                    <span className={styles.mono}>{r.later_failure_target ?? '–'}</span>
                    <div className={styles.sub}>{formatTime(r.later_failure_at)}</div>
                  </>
                ),
              },
              {
                header: 'Execution',
                render: (r) => (
                  <Link to={executionLink(r)} className={styles.link} title={`execution ${r.execution_id}`}>
                    {r.execution_id.slice(0, 8)}
                  </Link>
                ),
              },
            ]}
          />
        )}
      </QueryStateView>
    </Section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  mono: css({ fontFamily: theme.typography.fontFamilyMonospace }),
  sub: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  link: css({ color: theme.colors.text.link, fontFamily: theme.typography.fontFamilyMonospace }),
});
