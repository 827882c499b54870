import { measureFalseAlarms } from '../testing/false-alarm-rate';

describe('anomaly detector on clean heavy-tailed histories', () => {
  it('keeps false alarms rare (printed: anomalies per workflow per day)', () => {
    const started = Date.now();
    const report = measureFalseAlarms(14, 20261123);
    console.log(`false alarms: ${JSON.stringify(report)} in ${Date.now() - started} ms`);
    expect(report.perWorkflowPerDay).toBeLessThan(0.05);
  });
});
