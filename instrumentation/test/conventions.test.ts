import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as conventions from '../src/conventions';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const contract = (group: Record<string, string>) => Object.values(group);

describe('the conventions module', () => {
  it.each([
    ...contract(conventions.SPAN_NAMES),
    ...contract(conventions.ATTR),
    ...contract(conventions.RESOURCE_ATTR),
    ...Object.values(conventions.METRICS).map((m) => m.name),
    ...contract(conventions.DROP_REASON),
  ])('documents %s in the package README reference', (name) => {
    expect(readme).toContain(`\`${name}\``);
  });

  it.each(
    Object.values(conventions.METRICS).flatMap((m) =>
      m.attributes.map((a) => [m.name, conventions.toPrometheusLabel(a)]),
    ),
  )('%s carries label %s, documented', (_metric, label) => {
    expect(readme).toContain(`\`${label}\``);
  });

  it('names every Prometheus metric as Prometheus expects (counters end in _total, durations in _seconds)', () => {
    for (const metric of Object.values(conventions.METRICS)) {
      expect(metric.name).toMatch(/^rpa_[a-z_]+$/);
      if (metric.kind === 'counter') expect(metric.name).toMatch(/_total$/);
      if (metric.unit === 's') expect(metric.name).toMatch(/_seconds$/);
    }
  });

  it('keeps ids out of metric attributes', () => {
    for (const metric of Object.values(conventions.METRICS)) {
      expect(metric.attributes).not.toContain(conventions.ATTR.executionId);
      expect(metric.attributes).not.toContain(conventions.ATTR.stepId);
    }
  });
});
