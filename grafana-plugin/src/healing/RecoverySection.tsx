import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Field, RadioButtonGroup, useStyles2 } from '@grafana/ui';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import type { AnalyzerFilters } from '../api/filters';
import type { HealingGroup, HealingGroupBy } from '../api/types';
import { useAnalyzerQuery } from '../api/useAnalyzerQuery';
import { DataTable } from '../components/DataTable';
import { formatMs } from '../components/format';
import { QueryStateView } from '../components/QueryStateView';
import { Section } from '../components/Section';
import { useUrlParam } from '../components/useUrlTimeRange';
import { testIds } from '../testIds';
import { formatRatio } from './formatRatio';
import { HINTS } from './healingHints';

const GROUPS: Array<{ label: string; value: HealingGroupBy }> = [
  { label: 'Strategy', value: 'strategy' },
  { label: 'Target element', value: 'target' },
  { label: 'Workflow', value: 'workflow' },
];

/** Recovery rate and success, grouped the way the user picks (kept in the URL as `group`). */
export function RecoverySection({ filters, rangeKey }: { filters: AnalyzerFilters; rangeKey: string }) {
  const styles = useStyles2(getStyles);
  const client = useAnalyzerClient();
  const [groupParam, setGroup] = useUrlParam('group');
  const groupBy = GROUPS.find((g) => g.value === groupParam)?.value ?? 'strategy';
  const state = useAnalyzerQuery(() => client.healing(groupBy, filters), `${rangeKey}|${groupBy}`);
  return (
    <Section title="Recoveries" testId={testIds.healing.recoveries}>
      <Field label="Group by" data-testid={testIds.healing.groupBy}>
        <RadioButtonGroup
          options={GROUPS}
          value={groupBy}
          onChange={(v) => setGroup(v === 'strategy' ? undefined : v)}
        />
      </Field>
      <QueryStateView
        state={state}
        isEmpty={(d) => d.totals.recoveries === 0}
        emptyMessage="No recoveries in this time range"
        emptyHint={HINTS.recoveries}
      >
        {(d) => (
          <>
            <div className={styles.totals} data-testid={testIds.healing.totals}>
              <span>
                <strong>{d.totals.recoveries}</strong> recoveries
              </span>
              <span>
                <strong>{formatRatio(d.totals.success_rate)}</strong> succeeded
              </span>
              <span>
                <strong>{formatRatio(d.totals.recovery_rate, 2)}</strong> of steps needed one
              </span>
              <span>
                <strong>{d.totals.failed_after_recovery}</strong> executions failed after a recovery
              </span>
              <span>
                <strong>{formatMs(d.totals.healing_ms_total)}</strong> spent healing
              </span>
            </div>
            <DataTable<HealingGroup>
              rows={d.items}
              rowKey={(g) => `${g.workflow_id ?? ''}|${g.key}`}
              pageSize={15}
              initialSort={{ header: 'Recoveries' }}
              columns={[
                {
                  header: GROUPS.find((g) => g.value === groupBy)!.label,
                  sortValue: (g) => g.key,
                  render: (g) => (
                    <>
                      <span className={styles.key}>{g.key}</span>
                      {groupBy === 'target' && g.workflow_id && <div className={styles.sub}>{g.workflow_id}</div>}
                    </>
                  ),
                },
                { header: 'Recoveries', align: 'right', sortValue: (g) => g.recoveries, render: (g) => g.recoveries },
                {
                  header: 'Success',
                  align: 'right',
                  sortValue: (g) => g.success_rate,
                  render: (g) => `${formatRatio(g.success_rate)} (${g.recovered}/${g.recoveries})`,
                },
                {
                  header: 'Recovery rate',
                  align: 'right',
                  sortValue: (g) => g.recovery_rate,
                  // Strategies have no denominator: a step does not choose its strategy before it fails.
                  render: (g) =>
                    g.recovery_rate === null ? '–' : `${formatRatio(g.recovery_rate, 2)} of ${g.steps_total} steps`,
                },
                {
                  header: 'Failed later',
                  align: 'right',
                  sortValue: (g) => g.failed_after_recovery,
                  render: (g) =>
                    g.failed_after_recovery === 0
                      ? '0'
                      : `${g.failed_after_recovery} (${formatRatio(g.failed_after_recovery_rate)})`,
                },
                {
                  header: 'Healing time',
                  align: 'right',
                  sortValue: (g) => g.healing_ms_total,
                  render: (g) => `${formatMs(g.healing_ms_total)} (avg ${formatMs(g.healing_ms_avg)})`,
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
  totals: css({ display: 'flex', gap: theme.spacing(3), flexWrap: 'wrap', marginBottom: theme.spacing(1.5) }),
  key: css({ fontFamily: theme.typography.fontFamilyMonospace }),
  sub: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
