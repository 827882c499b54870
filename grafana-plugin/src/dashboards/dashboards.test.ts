import { existsSync, readdirSync, readFileSync } from 'fs';
import path from 'path';

import { validatorFor } from '../schemaValidation';
import { buildDashboards } from './index';
import type { Dashboard, Panel } from './model';

const validate = validatorFor('dashboard');
const dashboards = buildDashboards();
const asJson = (d: Dashboard) => JSON.parse(JSON.stringify(d));

const CONTRACT_METRICS = [
  'rpa_execution_duration_seconds',
  'rpa_executions_total',
  'rpa_executions_active',
  'rpa_step_duration_seconds',
  'rpa_step_retries_total',
  'rpa_step_confidence',
  'rpa_recoveries_total',
  'rpa_telemetry_dropped_total',
];
const CONTRACT_LABELS = [
  'rpa_workflow_id',
  'rpa_execution_status',
  'rpa_step_action_type',
  'rpa_step_status',
  'rpa_recovery_strategy',
  'rpa_recovery_outcome',
  'reason',
];

interface Ref {
  type?: string;
  uid?: string;
}

/** Every `datasource` field anywhere in the JSON (panels, targets, annotations, variables), with its path. */
function dataSourceRefs(node: unknown, path = ''): Array<{ path: string; ref: Ref }> {
  if (Array.isArray(node)) {
    return node.flatMap((item, i) => dataSourceRefs(item, `${path}[${i}]`));
  }
  if (typeof node !== 'object' || node === null) {
    return [];
  }
  return Object.entries(node).flatMap(([key, value]) => {
    const here = `${path}.${key}`;
    if (key !== 'datasource') {
      return dataSourceRefs(value, here);
    }
    return [{ path: here, ref: typeof value === 'string' ? { uid: value } : (value as Ref) }];
  });
}

/** Grafana's own annotation source has a fixed pseudo uid in every installation. */
const isBuiltInGrafanaAnnotation = (ref: Ref) => ref.type === 'grafana' && ref.uid === '-- Grafana --';

/** Every data source reference that is not `${<datasource variable of its type>}`, as `path: problem`. */
function hardCodedDataSources(d: Dashboard): string[] {
  const variables = new Map(d.templating.list.filter((v) => v.type === 'datasource').map((v) => [v.name, v]));
  const check = (where: string, ref: Ref): string[] => {
    const name = /^\$\{([a-z_]+)\}$/.exec(ref.uid ?? '')?.[1];
    const variable = name === undefined ? undefined : variables.get(name);
    if (!variable) {
      return [`${where}: uid ${ref.uid} is not a data source variable`];
    }
    return ref.type === undefined || ref.type === variable.query
      ? []
      : [`${where}: type ${ref.type} but $${name} offers ${variable.query}`];
  };
  const fields = dataSourceRefs(d)
    .filter(({ ref }) => !isBuiltInGrafanaAnnotation(ref))
    .flatMap(({ path, ref }) => check(path, ref));
  // Data links carry their data source as a string inside a URL.
  const links = [...JSON.stringify(d).matchAll(/\\"datasource\\":\\"([^"\\]*)\\"/g)].flatMap((m) =>
    check('data link', { uid: m[1] })
  );
  return [...fields, ...links];
}

const exprs = (d: Dashboard) =>
  d.panels.flatMap((p: Panel) =>
    (p.targets ?? []).map((t) => t.expr).filter((e): e is string => typeof e === 'string')
  );

describe('generated dashboards', () => {
  it('are the four the app includes', () => {
    expect(Object.keys(dashboards).sort()).toEqual([
      'rpa-overview',
      'rpa-reliability',
      'rpa-resources',
      'rpa-workflow-detail',
    ]);
  });

  test.each(Object.entries(dashboards))('%s is valid against the dashboard schema', (_name, d) => {
    expect(validate(asJson(d))).toEqual([]);
  });

  test.each(Object.entries(dashboards))(
    '%s has data source variables, $workflow and $action_type, unique panel ids and no overlaps',
    (_name, d) => {
      expect(d.templating.list.map((v) => v.name)).toEqual([
        'ds_prometheus',
        'ds_analyzer',
        'ds_tempo',
        'workflow',
        'action_type',
      ]);
      const ids = d.panels.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      const cells = new Set<string>();
      for (const p of d.panels) {
        for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) {
          for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
            expect(cells.has(`${x},${y}`)).toBe(false);
            cells.add(`${x},${y}`);
          }
        }
        expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
      }
    }
  );

  test.each(Object.entries(dashboards))(
    '%s names every data source through a data source variable, never by uid',
    (_name, d) => {
      expect(dataSourceRefs(asJson(d)).length).toBeGreaterThan(d.panels.length);
      expect(hardCodedDataSources(asJson(d))).toEqual([]);
    }
  );

  it('the data source check catches a hard-coded uid in a panel, a target, a variable and a data link', () => {
    const d = asJson(dashboards['rpa-workflow-detail']!);
    d.panels[0].datasource = { type: 'prometheus', uid: 'prometheus' };
    d.panels[1].targets[0].datasource = { type: 'prometheus', uid: '${ds_tempo}' };
    d.templating.list[3].datasource = { type: 'prometheus', uid: 'P1809F7CD0C75ACF3' };
    d.panels[0].fieldConfig.defaults.links[0].url = d.panels[0].fieldConfig.defaults.links[0].url.replace(
      '${ds_tempo}',
      'tempo'
    );
    expect(hardCodedDataSources(d)).toEqual([
      '.templating.list[3].datasource: uid P1809F7CD0C75ACF3 is not a data source variable',
      '.panels[0].datasource: uid prometheus is not a data source variable',
      '.panels[1].targets[0].datasource: type prometheus but $ds_tempo offers tempo',
      'data link: uid tempo is not a data source variable',
    ]);
  });

  it('query only contract metrics and labels (plus resource gauges)', () => {
    const all = Object.values(dashboards).flatMap(exprs).join('\n');
    for (const metric of CONTRACT_METRICS) {
      expect(all).toContain(metric);
    }
    const used = new Set(all.match(/\brpa_[a-z_]+/g));
    for (const name of used) {
      const known =
        CONTRACT_METRICS.some((m) => name === m || name === `${m}_bucket` || name === `${m}_count`) ||
        CONTRACT_LABELS.includes(name);
      expect([name, known]).toEqual([name, true]);
    }
  });

  it('compute quantiles with histogram_quantile over _bucket series', () => {
    const quantiles = Object.values(dashboards)
      .flatMap(exprs)
      .filter((e) => e.includes('histogram_quantile'));
    expect(quantiles.length).toBeGreaterThan(5);
    for (const e of quantiles) {
      expect(e).toMatch(/histogram_quantile\([\d.]+, sum by \(le[,)][^]*_bucket\{/);
    }
  });

  it('link series to traces in Tempo ($ds_tempo) and show the plugin panels', () => {
    const json = JSON.stringify(dashboards).replace(/\\"/g, '"');
    expect(json).toContain('"datasource":{"type":"tempo","uid":"${ds_tempo}"}');
    expect(json).toContain('rpaanalytics-insight-panel');
    expect(json).toContain('rpaanalytics-comparison-panel');
    expect(dashboards['rpa-overview']!.annotations.list.map((a) => a.datasource.uid)).toContain('${ds_analyzer}');
  });
});

/** Every field data link of a panel, with the PromQL of its targets. */
const dataLinks = (d: Dashboard) =>
  d.panels.flatMap((p) =>
    (p.fieldConfig?.defaults.links ?? []).map((link) => ({
      panel: p.title,
      url: link.url ?? '',
      exprs: exprs({ ...d, panels: [p] }),
    }))
  );

describe('generated dashboards, current model', () => {
  test.each(Object.entries(dashboards))('%s is schemaVersion 42 and requests no exemplars', (_name, d) => {
    expect(d.schemaVersion).toBe(42);
    // Nothing scrapes OpenMetrics exemplars from the executors, so asking for them only costs a query option.
    const targets = d.panels.flatMap((p) => p.targets ?? []);
    expect(targets.filter((t) => 'exemplar' in t)).toEqual([]);
  });

  it('open Tempo through $ds_tempo over the dashboard time range, never a fixed uid or window', () => {
    const links = Object.values(dashboards).flatMap(dataLinks);
    expect(links.length).toBeGreaterThan(4);
    for (const { url } of links) {
      const panes = JSON.parse(url.split('panes=')[1]!);
      expect(panes.traces.datasource).toBe('${ds_tempo}');
      expect(panes.traces.queries[0].datasource).toEqual({ type: 'tempo', uid: '${ds_tempo}' });
      expect(panes.traces.range).toEqual({ from: '${__from}', to: '${__to}' });
      expect(url).not.toMatch(/now-\d/);
    }
  });

  it('link a series only by labels its queries keep', () => {
    for (const { panel, url, exprs: panelExprs } of Object.values(dashboards).flatMap(dataLinks)) {
      const label = /__field\.labels\.([a-z_]+)/.exec(url)?.[1];
      expect([panel, label]).toEqual([panel, expect.any(String)]);
      for (const e of panelExprs) {
        // Every aggregation must keep the label the link reads, or the link would be empty.
        const groupings = [...e.matchAll(/by \(([^)]*)\)/g)].map((m) => m[1]!);
        expect([panel, groupings.every((g) => g.includes(label!))]).toEqual([panel, true]);
      }
    }
  });
});

const distDir = path.resolve(__dirname, '..', '..', 'dist', 'dashboards');
(existsSync(distDir) ? describe : describe.skip)('dist/dashboards (after npm run build)', () => {
  const files = existsSync(distDir) ? readdirSync(distDir) : [];
  test.each(files)('%s is valid and has no legacy fields', (file) => {
    const json = JSON.parse(readFileSync(path.join(distDir, file), 'utf8'));
    expect(validate(json)).toEqual([]);
    expect(json).not.toHaveProperty('__inputs');
    expect(json).not.toHaveProperty('__requires');
    expect(json).not.toHaveProperty('style');
  });
});
