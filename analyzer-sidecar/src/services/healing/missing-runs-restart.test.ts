/** A missing run open when the analyzer stops is resolved after the restart, not opened a second time. */
import { rmSync } from 'node:fs';
import { makeExecution } from '../../analysis/test-support/records';
import { bearer, startTestApp, type TestApp } from '../../test-support/test-app';

const MIN = 60_000;

async function anomalies(t: TestApp) {
  const response = await t.app.inject({
    url: '/analytics/anomalies?workflow_id=wf-restart-run',
    headers: bearer('viewer'),
  });
  return response.json().items as Array<{ anomaly_id: string; status: string; kind: string }>;
}

describe('missing runs across a restart', () => {
  it('keeps one anomaly: open before the restart, resolved by the first start after it', async () => {
    const now = Date.now();
    // Every 10 minutes until 40 minutes ago: missing.
    const executions = Array.from({ length: 8 }, (_, i) => {
      const started = now - 40 * MIN - (7 - i) * 10 * MIN;
      return makeExecution({
        execution_id: `rr-${i}`,
        workflow_id: 'wf-restart-run',
        started_at: started,
        completed_at: started + 1000,
        duration_ms: 1000,
      });
    });
    const first = await startTestApp();
    const dataDir = first.dataDir;
    try {
      await first.app.analyzer.writer.submit({ executions, steps: [], recoveries: [], resources: [] });
      await first.app.healing.monitor.check();
      const [opened] = await anomalies(first);
      expect(opened).toMatchObject({ kind: 'missing_run', status: 'open' });
      await first.app.close();

      const second = await startTestApp({ dataDir });
      try {
        await second.app.healing.monitor.check();
        expect(await anomalies(second)).toEqual([opened]);
        const started = Date.now();
        await second.app.analyzer.writer.submit({
          executions: [
            makeExecution({
              execution_id: 'rr-late',
              workflow_id: 'wf-restart-run',
              started_at: started,
              completed_at: started + 1000,
              duration_ms: 1000,
            }),
          ],
          steps: [],
          recoveries: [],
          resources: [],
        });
        await second.app.healing.monitor.check();
        expect(await anomalies(second)).toEqual([
          expect.objectContaining({ anomaly_id: opened?.anomaly_id, status: 'resolved' }),
        ]);
      } finally {
        await second.app.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
