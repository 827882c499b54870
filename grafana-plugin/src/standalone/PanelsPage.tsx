import React from 'react';
import { css } from '@emotion/css';
import {
  EventBusSrv,
  LoadingState,
  type GrafanaTheme2,
  type InterpolateFunction,
  type PanelProps,
} from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { PageToolbar } from '../components/PageToolbar';
import { Section } from '../components/Section';
import { useUrlParam, useUrlTimeRange } from '../components/useUrlTimeRange';
import { ComparisonPanel } from '../panels/comparison/ComparisonPanel';
import { defaultComparisonPanelOptions, type ComparisonPanelOptions } from '../panels/comparison/options';
import { InsightPanel } from '../panels/insight/InsightPanel';
import { defaultInsightPanelOptions, type InsightPanelOptions } from '../panels/insight/options';

const eventBus = new EventBusSrv();

/** The plugin's panels outside a dashboard: `$workflow` comes from the URL (`workflows=a,b`). */
export function PanelsPage() {
  const styles = useStyles2(getStyles);
  const { timeRange, setTimeRange } = useUrlTimeRange();
  const [workflows] = useUrlParam('workflows');
  const replaceVariables: InterpolateFunction = (value) => value.replace(/\$workflow\b/g, workflows ?? '');
  const base = {
    data: { series: [], state: LoadingState.Done, timeRange },
    timeRange,
    timeZone: 'utc',
    fieldConfig: { defaults: {}, overrides: [] },
    transparent: false,
    renderCounter: 0,
    eventBus,
    onOptionsChange: () => undefined,
    onFieldConfigChange: () => undefined,
    onChangeTimeRange: () => undefined,
    replaceVariables,
    width: 560,
    height: 420,
  };
  return (
    <div>
      <PageToolbar timeRange={timeRange} onChange={setTimeRange} />
      <div className={styles.grid}>
        <Section title="RPA insights panel">
          <InsightPanel
            {...(base as unknown as PanelProps<InsightPanelOptions>)}
            id={1}
            title="Insights"
            options={defaultInsightPanelOptions}
          />
        </Section>
        <Section title="RPA workflow comparison panel">
          <ComparisonPanel
            {...(base as unknown as PanelProps<ComparisonPanelOptions>)}
            id={2}
            title="Comparison"
            options={defaultComparisonPanelOptions}
          />
        </Section>
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  grid: css({ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(600px, 1fr))', gap: theme.spacing(2) }),
});
