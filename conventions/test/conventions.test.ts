import {
  ANALYZER_ALERT_METRICS,
  ATTR,
  METRICS,
  RPA_SPAN_PREFIX,
  SPAN_NAMES,
  severityBand,
  toPrometheusLabel,
} from '../src';

describe('the wire contract', () => {
  it('names every span rpa.*', () => {
    for (const name of Object.values(SPAN_NAMES)) expect(name.startsWith(RPA_SPAN_PREFIX)).toBe(true);
  });

  it('never carries an id as a metric label', () => {
    for (const metric of Object.values(METRICS)) {
      expect(metric.attributes).not.toContain(ATTR.executionId);
      expect(metric.attributes).not.toContain(ATTR.stepId);
    }
  });

  // https://prometheus.io/docs/practices/naming/: base units, so ratios and never percentages.
  it('names the analyzer metrics rpa_analyzer_*, in base units', () => {
    for (const name of Object.values(ANALYZER_ALERT_METRICS)) {
      expect(name).toMatch(/^rpa_analyzer_[a-z0-9_]+$/);
      expect(name).not.toMatch(/_percent$/);
    }
    expect(ANALYZER_ALERT_METRICS.successRate).toMatch(/_ratio$/);
    expect(ANALYZER_ALERT_METRICS.degradation).toMatch(/_ratio$/);
  });

  it.each([
    ['rpa.workflow.id', 'rpa_workflow_id'],
    ['disk.io.direction', 'disk_io_direction'],
    ['reason', 'reason'],
  ])('scrapes attribute %s as the label %s', (key, label) => {
    expect(toPrometheusLabel(key)).toBe(label);
  });

  it.each([
    [0, 'low'],
    [0.39, 'low'],
    [0.4, 'medium'],
    [0.69, 'medium'],
    [0.7, 'high'],
    [1, 'high'],
  ])('puts severity %p in the %s band', (severity, band) => {
    expect(severityBand(severity)).toBe(band);
  });
});
