import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, useStyles2 } from '@grafana/ui';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import type { AnalyzerFilters } from '../api/filters';
import type { DriftingTarget } from '../api/types';
import { useAnalyzerQuery } from '../api/useAnalyzerQuery';
import { Sparkline } from '../components/charts/Sparkline';
import { DataTable } from '../components/DataTable';
import { formatTime } from '../components/format';
import { QueryStateView } from '../components/QueryStateView';
import { Section } from '../components/Section';
import { testIds } from '../testIds';
import { HINTS } from './healingHints';

/** The series' own range, so a decline from 0.97 to 0.85 fills the cell instead of its top eighth. */
export function confidenceDomain(points: ReadonlyArray<{ confidence: number }>): [number, number] {
  const values = points.map((p) => p.confidence);
  const low = Math.min(...values);
  const high = Math.max(...values);
  return high - low < 0.01 ? [low - 0.005, high + 0.005] : [low, high];
}

const formatP = (p: number) => (p < 0.001 ? p.toExponential(1) : p.toFixed(3));

/** Targets whose visual-match confidence declines (one-sided Mann–Kendall test), flagged ones first. */
export function DriftSection({ filters, rangeKey }: { filters: AnalyzerFilters; rangeKey: string }) {
  const styles = useStyles2(getStyles);
  const client = useAnalyzerClient();
  const state = useAnalyzerQuery(() => client.confidenceDrift(filters), rangeKey);
  return (
    <Section title="Confidence drift" testId={testIds.healing.drift}>
      <QueryStateView
        state={state}
        isEmpty={(d) => d.items.length === 0}
        emptyMessage="No target to test for drift"
        emptyHint={HINTS.drift}
      >
        {(d) => (
          <>
            <p className={styles.note}>
              {d.items.filter((t) => t.flagged).length} of {d.total} targets flagged: a one-sided Mann–Kendall test of a
              decline at α = {d.alpha} (the false-alarm rate per target and range), and a fitted decline of at least
              0.02.
            </p>
            <DataTable<DriftingTarget>
              rows={d.items}
              rowKey={(t) => `${t.workflow_id}|${t.target_element}`}
              pageSize={15}
              columns={[
                {
                  header: 'Target',
                  sortValue: (t) => t.target_element,
                  render: (t) => (
                    <>
                      {t.flagged && <Badge text="drifting" color="orange" icon="arrow-down" />}{' '}
                      <span className={styles.mono}>{t.target_element}</span>
                      <div className={styles.sub}>{t.workflow_id}</div>
                    </>
                  ),
                },
                {
                  header: 'Confidence',
                  render: (t) =>
                    t.executions.length > 1 ? (
                      <Sparkline
                        values={t.executions.map((e) => e.confidence)}
                        domain={confidenceDomain(t.executions)}
                        label={`confidence of ${t.target_element} over ${t.executions_count} executions`}
                      />
                    ) : (
                      '–'
                    ),
                },
                {
                  header: 'Fitted',
                  align: 'right',
                  render: (t) => `${t.fitted_start.toFixed(3)} → ${t.fitted_end.toFixed(3)}`,
                },
                {
                  header: 'Slope / day',
                  align: 'right',
                  sortValue: (t) => t.slope_per_day,
                  render: (t) => t.slope_per_day.toFixed(4),
                },
                {
                  header: 'p-value',
                  align: 'right',
                  sortValue: (t) => t.p_value,
                  render: (t) => (
                    <span title={`Mann–Kendall Z ${t.mann_kendall_z.toFixed(2)}`}>{formatP(t.p_value)}</span>
                  ),
                },
                {
                  header: 'Executions',
                  align: 'right',
                  sortValue: (t) => t.executions_count,
                  render: (t) => t.executions_count,
                },
                {
                  header: 'Floor in',
                  align: 'right',
                  sortValue: (t) => t.days_to_floor,
                  render: (t) => (t.days_to_floor === null ? '–' : `${t.days_to_floor.toFixed(1)} days`),
                },
                {
                  header: 'First failure',
                  sortValue: (t) => t.first_failure_at,
                  render: (t) => (t.first_failure_at ? formatTime(t.first_failure_at) : 'none yet'),
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
  mono: css({ fontFamily: theme.typography.fontFamilyMonospace }),
  sub: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
