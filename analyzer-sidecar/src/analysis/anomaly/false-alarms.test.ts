import { measureFalseAlarms } from '../test-support/false-alarm-rate';

describe('anomaly detector on clean heavy-tailed histories', () => {
  test.each([
    ['log-normal', 0],
    ['log-normal with 5 % of steps stuck 3-30x', 0.05],
  ])('keeps false alarms rare on %s data (printed per workflow per day)', (_, stuckRate) => {
    const started = Date.now();
    const report = measureFalseAlarms(14, 20261123, {}, stuckRate);
    console.log(`false alarms (stuck ${stuckRate}): ${JSON.stringify(report)} in ${Date.now() - started} ms`);
    expect(report.perWorkflowPerDay).toBeLessThan(0.02);
  });
});
