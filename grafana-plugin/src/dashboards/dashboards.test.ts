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
    '%s has $workflow and $action_type, unique panel ids and no overlaps',
    (_name, d) => {
      expect(d.templating.list.map((v) => v.name)).toEqual(['workflow', 'action_type']);
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

  test.each(Object.entries(dashboards))('%s uses the provisioned data source uids', (_name, d) => {
    const uids = new Set(
      d.panels.flatMap((p) => [p.datasource?.uid, ...(p.targets ?? []).map((t) => t.datasource.uid)]).filter(Boolean)
    );
    for (const uid of uids) {
      expect(['prometheus', 'rpa-analyzer']).toContain(uid);
    }
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

  it('link series to traces in Tempo (uid tempo) and show the plugin panels', () => {
    const json = JSON.stringify(dashboards).replace(/\\"/g, '"');
    expect(json).toContain('"uid":"tempo"');
    expect(json).toContain('rpaanalytics-insight-panel');
    expect(json).toContain('rpaanalytics-comparison-panel');
    expect(dashboards['rpa-overview']!.annotations.list.map((a) => a.datasource.uid)).toContain('rpa-analyzer');
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
