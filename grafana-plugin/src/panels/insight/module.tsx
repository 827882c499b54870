import { PanelPlugin } from '@grafana/data';

import { InsightPanel } from './InsightPanel';
import { defaultInsightPanelOptions, type InsightPanelOptions } from './options';

export const plugin = new PanelPlugin<InsightPanelOptions>(InsightPanel).setPanelOptions((builder) =>
  builder
    .addTextInput({
      path: 'workflowId',
      name: 'Workflow',
      description: 'Workflow id, or a template variable such as $workflow; empty for all',
      defaultValue: defaultInsightPanelOptions.workflowId,
    })
    .addSelect({
      path: 'category',
      name: 'Category',
      defaultValue: defaultInsightPanelOptions.category,
      settings: {
        options: [
          { label: 'All', value: '' },
          { label: 'Performance', value: 'performance' },
          { label: 'Reliability', value: 'reliability' },
          { label: 'Resource', value: 'resource' },
          { label: 'Best practice', value: 'best_practice' },
        ],
      },
    })
    .addNumberInput({
      path: 'maxItems',
      name: 'Insights shown',
      defaultValue: defaultInsightPanelOptions.maxItems,
      settings: { min: 1, max: 50, integer: true },
    })
    .addBooleanSwitch({
      path: 'showDescription',
      name: 'Show details',
      defaultValue: defaultInsightPanelOptions.showDescription,
    })
);
