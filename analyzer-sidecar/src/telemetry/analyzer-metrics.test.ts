import { startTestApp, type TestApp } from '../test-support/test-app';

/** Metric family names of a Prometheus text exposition (from its `# TYPE` lines). */
function familyNames(exposition: string): string[] {
  return exposition
    .split('\n')
    .filter((line) => line.startsWith('# TYPE '))
    .map((line) => line.split(' ')[2] as string);
}

describe('the analyzer /metrics exposition', () => {
  let t: TestApp;
  let names: string[];

  beforeAll(async () => {
    t = await startTestApp();
    names = familyNames((await t.app.inject({ url: '/metrics' })).body);
  });
  afterAll(() => t.close());

  it('names every family rpa_analyzer_*, the default process metrics included', () => {
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((name) => !name.startsWith('rpa_analyzer_'))).toEqual([]);
  });

  // Unprefixed process_*/nodejs_* would collide with the executor's and every other
  // Node service's series in a shared Prometheus.
  it.each(['rpa_analyzer_process_cpu_seconds_total', 'rpa_analyzer_nodejs_eventloop_lag_seconds'])(
    'exposes the default metric %s',
    (name) => {
      expect(names).toContain(name);
    },
  );

  it.each(['rpa_analyzer_workflow_success_ratio', 'rpa_analyzer_workflow_degradation_ratio'])(
    'declares the ratio gauge %s, and no _percent gauge',
    (name) => {
      expect(names).toContain(name);
      expect(names.filter((n) => n.endsWith('_percent'))).toEqual([]);
    },
  );
});
