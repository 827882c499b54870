import { createAnalyzerClient } from '../api/client';
import { exportEntries, publicShareUrl, shareTarget, type PageScope } from './pageScope';

const VIEWER = 'api/plugin-proxy/rpaanalytics-analytics-app/analyzer';
const client = createAnalyzerClient({ viewerBase: `${VIEWER}/`, editorBase: 'unused' });
const range = { from: 1700000000000, to: 1700003600000 };

describe('exportEntries', () => {
  it('offers each data set as CSV, JSON Lines and Parquet, then the page as PDF and HTML', () => {
    const scope: PageScope = { datasets: ['executions', 'steps'], report: 'fleet', ...range };
    expect(exportEntries(scope, client).map((e) => [e.kind, e.key, e.label])).toEqual([
      ['data', 'executions.csv', 'Executions as CSV'],
      ['data', 'executions.jsonl', 'Executions as JSON Lines'],
      ['data', 'executions.parquet', 'Executions as Parquet'],
      ['data', 'steps.csv', 'Steps as CSV'],
      ['data', 'steps.jsonl', 'Steps as JSON Lines'],
      ['data', 'steps.parquet', 'Steps as Parquet'],
      ['report', 'report.pdf', 'PDF report'],
      ['report', 'report.html', 'HTML report'],
    ]);
  });

  test.each<[string, PageScope, string, string]>([
    [
      'the range',
      { datasets: ['anomalies'], report: 'anomalies', ...range },
      `${VIEWER}/analytics/export/anomalies?format=csv&from=1700000000000&to=1700003600000`,
      `${VIEWER}/reports/anomalies?format=pdf&from=1700000000000&to=1700003600000`,
    ],
    [
      'repeated workflow ids and the status (reports other than workflow take no workflow)',
      { datasets: ['executions'], report: 'fleet', ...range, workflowIds: ['a b', 'c'], status: 'failed' },
      `${VIEWER}/analytics/export/executions?format=csv&from=1700000000000&to=1700003600000&workflow_id=a+b&workflow_id=c&status=failed`,
      `${VIEWER}/reports/fleet?format=pdf&from=1700000000000&to=1700003600000`,
    ],
    [
      "the workflow report's one workflow",
      { datasets: ['steps'], report: 'workflow', ...range, workflowIds: ['payroll-sync'] },
      `${VIEWER}/analytics/export/steps?format=csv&from=1700000000000&to=1700003600000&workflow_id=payroll-sync`,
      `${VIEWER}/reports/workflow?format=pdf&from=1700000000000&to=1700003600000&workflow_id=payroll-sync`,
    ],
  ])('carries %s', (_name, scope, csv, pdf) => {
    const entries = exportEntries(scope, client);
    expect(entries[0]!.url).toBe(csv);
    expect(entries.find((e) => e.key === 'report.pdf')!.url).toBe(pdf);
  });
});

describe('shareTarget', () => {
  it("names the page's report over its range, with the workflow only for the workflow report", () => {
    expect(shareTarget({ datasets: [], report: 'workflow', ...range, workflowIds: ['w1'] }, 'html')).toEqual({
      template: 'workflow',
      format: 'html',
      ...range,
      workflow_id: 'w1',
    });
    expect(shareTarget({ datasets: [], report: 'insights', ...range, workflowIds: ['w1'] }, 'pdf')).toEqual({
      template: 'insights',
      format: 'pdf',
      ...range,
    });
  });
});

describe('publicShareUrl', () => {
  test.each([
    ['/shared/tok', 'http://analyzer:8080', 'http://analyzer:8080/shared/tok'],
    ['/shared/tok', 'https://example.org/rpa/', 'https://example.org/rpa/shared/tok'],
    ['/shared/tok', 'https://example.org/rpa', 'https://example.org/rpa/shared/tok'],
    ['/shared/tok', undefined, '/shared/tok'],
    ['/shared/tok', 'not a url', '/shared/tok'],
  ])('%s on %s is %s', (path, base, expected) => {
    expect(publicShareUrl(path, base)).toBe(expected);
  });
});
