import { spawnSync } from 'node:child_process';
import { createRpa, type Rpa } from '../src';
import { METRICS, toPrometheusLabel } from '../src/conventions';
import { requireBinary } from './support/system-binary';

describe('the Prometheus endpoint', () => {
  let rpa: Rpa;
  let exposition: string;
  beforeAll(async () => {
    rpa = createRpa({ metricsPort: 0, metricsHost: '127.0.0.1', resourceIntervalMs: 100 });
    const execution = rpa.startExecution({ workflowId: 'invoice-entry', executionId: 'must-not-be-a-label' });
    const step = execution.startStep({ nodeId: 'n1', actionType: 'click', stepId: 'nor-this' });
    step
      .setConfidence(0.9)
      .recordRetry()
      .recordRecovery({ strategy: 'rematch_visual', outcome: 'recovered' });
    step.end();
    execution.startStep({ nodeId: 'n2', actionType: 'type' }).setConfidence(7);
    execution.fail(new Error('boom'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const url = rpa.metricsUrl();
    const response = await fetch(url!);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    exposition = await response.text();
  });
  afterAll(() => rpa.shutdown());

  it.each(Object.values(METRICS).map((m) => [m.name, m] as const))(
    'exposes %s with the contract labels',
    (name, metric) => {
      const type = { histogram: 'histogram', counter: 'counter', updown_counter: 'gauge', gauge: 'gauge' }[
        metric.kind
      ];
      expect(exposition).toContain(`# TYPE ${name} ${type}`);
      const sampleName = metric.kind === 'histogram' ? `${name}_count` : name;
      const sample = exposition.split('\n').find((line) => line.startsWith(`${sampleName}{`));
      expect(sample).toBeDefined();
      for (const attribute of metric.attributes)
        expect(sample).toContain(`${toPrometheusLabel(attribute)}="`);
    },
  );

  it('exposes the resource gauges under semantic-convention names, unprefixed', () => {
    for (const name of [
      'system_cpu_utilization',
      'system_memory_usage',
      'process_cpu_utilization',
      'process_memory_usage',
    ]) {
      expect(exposition).toMatch(new RegExp(`^${name}[ {]`, 'm'));
    }
  });

  it('leaves the scope labels off: one scope, a third of the bytes', () => {
    expect(exposition).not.toContain('otel_scope_name');
  });

  it('never carries an execution or step id as a label', () => {
    expect(exposition).not.toContain('must-not-be-a-label');
    expect(exposition).not.toContain('nor-this');
    expect(exposition).not.toMatch(/rpa_execution_id|rpa_step_id/);
  });

  it('passes promtool check metrics', () => {
    const promtool = requireBinary('promtool', 'prometheus');
    const result = spawnSync(promtool, ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
