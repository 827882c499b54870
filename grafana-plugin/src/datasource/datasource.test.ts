import {
  dateTime,
  type DataQueryRequest,
  type DataSourceInstanceSettings,
  type ScopedVars,
  type TypedVariableModel,
} from '@grafana/data';
import { setTemplateSrv, type TemplateSrv } from '@grafana/runtime';

import { allRoutes } from '../test/fixtures';
import { installFakeBackend, paramsOf } from '../test/fakeBackendSrv';
import { AnalyzerDataSource } from './datasource';
import type { AnalyzerDataSourceOptions, AnalyzerQuery } from './types';

const settings = {
  id: 1,
  uid: 'rpa-analyzer',
  type: 'rpaanalytics-analyzer-datasource',
  name: 'RPA analyzer',
  url: 'api/datasources/proxy/uid/rpa-analyzer',
  jsonData: { analyzerUrl: 'http://rpa-analyzer:4319' },
  meta: { id: 'rpaanalytics-analyzer-datasource' },
  access: 'proxy',
  readOnly: false,
} as unknown as DataSourceInstanceSettings<AnalyzerDataSourceOptions>;

const vars: Record<string, string> = { $workflow: 'invoice-entry,payroll-sync', $action_type: 'click' };
setTemplateSrv({
  getVariables: () => [] as TypedVariableModel[],
  replace: (target?: string, _s?: ScopedVars, _f?: unknown) => (target ? (vars[target] ?? target) : ''),
  containsTemplate: () => false,
  updateTimeRange: () => undefined,
} as unknown as TemplateSrv);

const range = { from: dateTime(1700000000000), to: dateTime(1700003600000), raw: { from: 'now-1h', to: 'now' } };
const request = (targets: AnalyzerQuery[]) =>
  ({ targets, range, scopedVars: {} }) as unknown as DataQueryRequest<AnalyzerQuery>;

describe('AnalyzerDataSource', () => {
  it('queries through its own proxy route with the panel range and interpolated variables', async () => {
    const backend = installFakeBackend(allRoutes);
    const ds = new AnalyzerDataSource(settings);
    const res = await ds.query(
      request([{ refId: 'A', queryType: 'executions', workflowId: '$workflow', actionType: '$action_type' }])
    );
    expect(res.data).toHaveLength(2);
    const req = backend.requests[0]!;
    expect(req.url.startsWith('api/datasources/proxy/uid/rpa-analyzer/analyzer/analytics/metrics?')).toBe(true);
    const params = paramsOf(req);
    expect(params.getAll('workflow_id')).toEqual(['invoice-entry', 'payroll-sync']);
    expect(params.get('action_type')).toBe('click');
    expect(params.get('from')).toBe('1700000000000');
  });

  test.each([
    ['success_rates', 'success_rates'],
    ['bottlenecks', 'bottlenecks'],
    ['anomalies', 'anomalies'],
  ] as const)('%s returns a %s frame', async (queryType, name) => {
    installFakeBackend(allRoutes);
    const res = await new AnalyzerDataSource(settings).query(request([{ refId: 'A', queryType }]));
    expect(res.data[0].name).toBe(name);
  });

  it('sends aggregate parameters', async () => {
    const backend = installFakeBackend(allRoutes);
    const res = await new AnalyzerDataSource(settings).query(
      request([
        {
          refId: 'A',
          queryType: 'aggregate',
          metric: 'step_duration_ms',
          aggregation: 'p95',
          groupBy: 'hour, action_type',
        },
      ])
    );
    expect(res.data[0].fields.map((f: { name: string }) => f.name)).toEqual(['hour', 'action_type', 'value', 'count']);
    const params = paramsOf(backend.requests[0]!);
    expect([params.get('metric'), params.get('aggregation')]).toEqual(['step_duration_ms', 'p95']);
    expect(params.getAll('group_by')).toEqual(['hour', 'action_type']);
  });

  it('reports errors per query with what to do', async () => {
    installFakeBackend({ '/analytics/metrics': { status: 400, data: { message: 'bad value for status' } } });
    const res = await new AnalyzerDataSource(settings).query(request([{ refId: 'A', queryType: 'executions' }]));
    expect(res.errors?.[0]).toMatchObject({ refId: 'A', status: 400 });
    expect(res.errors?.[0]?.message).toMatch(/bad value for status/);
  });

  test.each([
    ['workflows', ['invoice-entry', 'payroll-sync']],
    ['action_types', ['click', 'type']],
  ])('variable query %s lists distinct values', async (query, expected) => {
    installFakeBackend(allRoutes);
    const values = await new AnalyzerDataSource(settings).metricFindQuery(query);
    expect(values.map((v) => v.text)).toEqual(expected);
  });

  it('tests the connection', async () => {
    installFakeBackend(allRoutes);
    expect(await new AnalyzerDataSource(settings).testDatasource()).toMatchObject({ status: 'success' });
    installFakeBackend({ '/analytics/aggregate': { status: 401 } });
    const failed = await new AnalyzerDataSource(settings).testDatasource();
    expect(failed.status).toBe('error');
    expect(failed.message).toMatch(/tokens/);
  });
});
