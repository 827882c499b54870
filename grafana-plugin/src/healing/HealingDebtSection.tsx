import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import type { HealingDebt } from '../api/types';
import { useAnalyzerQuery } from '../api/useAnalyzerQuery';
import { DataTable } from '../components/DataTable';
import { formatMs, formatTime } from '../components/format';
import { QueryStateView } from '../components/QueryStateView';
import { Section } from '../components/Section';
import { testIds } from '../testIds';
import { HINTS } from './healingHints';

const DAY_MS = 86_400_000;

/** Healed count × seconds lost: large for slow heals, a fraction for fast ones (which still rank). */
const formatScore = (score: number) => (score >= 100 ? score.toFixed(0) : score.toPrecision(2));

/**
 * Debt is judged up to now (healed on several days, and healed still), not over the page's range:
 * the analyzer's 14 days, or the range's length when it is longer (at most a year).
 */
export function debtDays(fromMs: number, toMs: number): number {
  return Math.min(365, Math.max(14, Math.ceil((toMs - fromMs) / DAY_MS)));
}

/** Targets the bot keeps healing instead of someone fixing their selector, by healed count × time lost. */
export function HealingDebtSection({ days }: { days: number }) {
  const styles = useStyles2(getStyles);
  const client = useAnalyzerClient();
  const state = useAnalyzerQuery(() => client.healingDebt(undefined, days), String(days));
  return (
    <Section title={`Healing debt (last ${days} days)`} testId={testIds.healing.debt}>
      <QueryStateView
        state={state}
        isEmpty={(d) => d.items.length === 0}
        emptyMessage="No healing debt"
        emptyHint={HINTS.debt}
      >
        {(d) => (
          <>
            <p className={styles.note}>Update these selectors: each is healed on many days and still healed.</p>
            <DataTable<HealingDebt>
              rows={d.items}
              rowKey={(t) => `${t.workflow_id}|${t.target_element}`}
              pageSize={10}
              columns={[
                {
                  header: 'Target',
                  sortValue: (t) => t.target_element,
                  render: (t) => (
                    <>
                      <span className={styles.mono}>{t.target_element}</span>
                      <div className={styles.sub}>{t.workflow_id}</div>
                    </>
                  ),
                },
                {
                  header: 'Debt',
                  align: 'right',
                  sortValue: (t) => t.debt_score,
                  render: (t) => formatScore(t.debt_score),
                },
                {
                  header: 'Healed',
                  align: 'right',
                  sortValue: (t) => t.healed_count,
                  render: (t) => `${t.healed_count}× on ${t.healed_days} days`,
                },
                {
                  header: 'Time lost',
                  align: 'right',
                  sortValue: (t) => t.time_lost_ms,
                  render: (t) => formatMs(t.time_lost_ms),
                },
                { header: 'Strategies', render: (t) => t.strategies.join(', ') },
                {
                  header: 'Healed since',
                  sortValue: (t) => t.first_healed_at,
                  render: (t) => (
                    <>
                      {formatTime(t.first_healed_at)}
                      <div className={styles.sub}>last {formatTime(t.last_healed_at)}</div>
                    </>
                  ),
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
