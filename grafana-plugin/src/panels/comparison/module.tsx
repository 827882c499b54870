import { PanelPlugin, type SelectableValue } from '@grafana/data';

import { metricLabel } from '../../components/metrics/metricDisplay';
import { ComparisonPanel } from './ComparisonPanel';
import { COMPARABLE_METRICS, defaultComparisonPanelOptions, type ComparisonPanelOptions } from './options';

export const plugin = new PanelPlugin<ComparisonPanelOptions>(ComparisonPanel).setPanelOptions((builder) =>
  builder
    .addTextInput({
      path: 'workflowIds',
      name: 'Workflows',
      description:
        'Comma-separated workflow ids or a multi-value variable such as $workflow; the first is the reference',
      defaultValue: defaultComparisonPanelOptions.workflowIds,
    })
    .addMultiSelect({
      path: 'metrics',
      name: 'Metrics',
      description: 'Empty for every metric',
      defaultValue: defaultComparisonPanelOptions.metrics,
      // The builder types a multi-select option by its array value; each choice is one metric name.
      settings: {
        options: COMPARABLE_METRICS.map((m) => ({
          label: metricLabel(m),
          value: m,
          description: m,
        })) as unknown as Array<SelectableValue<string[]>>,
      },
    })
);
