import { AppPlugin, PluginExtensionPoints } from '@grafana/data';

import pluginJson from '../plugin.json';
import { plugin as appModule } from '../module';
import { registerExtensions } from './register';
import type { PanelMenuContext, TraceViewContext } from './openInApp';

interface Declared {
  title: string;
  targets: string[];
}

const declaredLinks = pluginJson.extensions.addedLinks as Declared[];
const PREFIX = `/a/${pluginJson.id}/`;

describe('registered extensions', () => {
  const plugin = registerExtensions(new AppPlugin(), (v) => (v === '${workflow}' ? 'invoice-entry' : v));

  it('adds "Open in RPA Analytics" to the panel menu, Explore and the trace view', () => {
    expect(plugin.addedLinkConfigs.map((l) => [l.title, l.targets])).toEqual([
      ['Open in RPA Analytics', [PluginExtensionPoints.DashboardPanelMenu]],
      ['Open in RPA Analytics', [PluginExtensionPoints.ExploreToolbarAction]],
      ['Open in RPA Analytics', [PluginExtensionPoints.TraceViewHeaderActions]],
    ]);
    expect(PluginExtensionPoints.TraceViewHeaderActions).toBe('grafana/traceview/header/actions');
  });

  it('declares every registered link and component in plugin.json, as Grafana requires', () => {
    // Grafana matches a registration to plugin.json by title and drops it unless its targets are declared there.
    for (const link of plugin.addedLinkConfigs) {
      const declared = declaredLinks.find((d) => d.title === link.title);
      expect(declared).toBeDefined();
      for (const target of [link.targets].flat()) {
        expect(declared!.targets).toContain(target);
      }
      expect(link.path!.startsWith(PREFIX)).toBe(true);
    }
    const declaredTargets = new Set(declaredLinks.flatMap((d) => d.targets));
    expect(new Set(plugin.addedLinkConfigs.flatMap((l) => [l.targets].flat()))).toEqual(declaredTargets);
    expect(plugin.exposedComponentConfigs.map((c) => c.id)).toEqual(
      pluginJson.extensions.exposedComponents.map((c) => c.id)
    );
  });

  it('is what module.tsx exports to Grafana', () => {
    expect(appModule.addedLinkConfigs.map((l) => l.targets)).toEqual(plugin.addedLinkConfigs.map((l) => l.targets));
    expect(appModule.exposedComponentConfigs.map((c) => c.id)).toEqual([
      'rpaanalytics-analytics-app/workflow-insights/v1',
    ]);
  });

  it('configures the panel link from the panel context, and hides it on panels of other data', () => {
    const [panelLink] = plugin.addedLinkConfigs;
    const context: PanelMenuContext = {
      pluginId: 'timeseries',
      targets: [{ expr: 'sum(rate(rpa_executions_total{rpa_workflow_id=~"$workflow"}[5m]))' }],
      timeRange: { from: 'now-6h', to: 'now' },
      dashboard: { uid: 'd', title: 'RPA Overview', tags: ['rpa', 'rpa-analytics'] },
    };
    const configured = panelLink!.configure!(context as never);
    expect(configured?.path).toBe(`${PREFIX}workflow?workflow=invoice-entry&from=now-6h&to=now`);
    const other = { ...context, targets: [{ expr: 'up' }], dashboard: { uid: 'x', title: 'Nodes', tags: [] } };
    expect(panelLink!.configure!(other as never)).toBeUndefined();
  });

  it('configures the trace link from an RPA trace only', () => {
    const traceLink = plugin.addedLinkConfigs[2]!;
    const trace: TraceViewContext = {
      traceID: 't',
      startTime: 1_700_000_000_000_000,
      endTime: 1_700_000_030_000_000,
      spans: [
        {
          operationName: 'rpa.execution',
          tags: [
            { key: 'rpa.workflow.id', value: 'payroll-sync' },
            { key: 'rpa.execution.id', value: 'e-42' },
          ],
        },
      ],
    };
    expect(traceLink.configure!(trace as never)?.path).toBe(
      `${PREFIX}workflow?workflow=payroll-sync&execution=e-42&from=1699999940000&to=1700000090000`
    );
    expect(traceLink.configure!({ ...trace, spans: [{ operationName: 'GET /' }] } as never)).toBeUndefined();
  });
});
