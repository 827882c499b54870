/**
 * End to end: the real instrumentation (createRpa) exports to a real listening
 * sidecar over OTLP/HTTP protobuf; the records come back from the API.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { bearer, startTestApp, type TestApp } from './test-support/test-app';
import { isLoopback, OpenIngestError, UnprotectedStartError, startServer } from './server';

const EXECUTOR_SCRIPT = `
const { createRpa } = require('@rpa-analytics/instrumentation');
(async () => {
  const rpa = createRpa({ metricsPort: -1, resourceIntervalMs: 0, analyzerUrl: process.argv[1] });
  const executionIds = [];
  for (let n = 0; n < 3; n++) {
    await rpa
      .trackExecution({ workflowId: 'wf-invoice', stepsTotal: 3, context: { customer: 'acme', run: n } }, async (execution) => {
        executionIds.push(execution.executionId);
        execution.startStep({ nodeId: 'open', actionType: 'click', targetElement: '#open' }).setConfidence(0.97).end();
        const typing = execution.startStep({ nodeId: 'type', actionType: 'type' });
        typing.recordRetry().recordRecovery({ strategy: 'rematch', outcome: 'recovered' });
        typing.end();
        const submit = execution.startStep({ nodeId: 'submit', actionType: 'click' });
        if (n === 2) {
          const error = Object.assign(new Error('submit button not found'), { name: 'ElementNotFound' });
          submit.fail(error);
          throw error;
        }
        submit.end();
      })
      .catch(() => undefined);
  }
  await rpa.forceFlush();
  await rpa.shutdown();
  process.stdout.write(JSON.stringify({ executionIds, dropped: rpa.droppedTelemetry() }));
})();
`;

describe('sidecar with the real instrumentation', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await startTestApp();
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('stores executions, steps and recoveries the instrumentation exports', async () => {
    // The executor runs in its own process, as in production (and because the
    // SDK's exporters load their transport with a dynamic import Jest's VM lacks).
    const executor = await promisify(execFile)(process.execPath, ['-e', EXECUTOR_SCRIPT, url], {
      cwd: __dirname,
      timeout: 30_000,
    });
    expect(executor.stderr).toBe('');
    const { executionIds, dropped } = JSON.parse(executor.stdout) as {
      executionIds: string[];
      dropped: object;
    };
    expect(dropped).toEqual({});

    const page = (
      await t.app.inject({
        url: '/analytics/metrics?workflow_id=wf-invoice&include=steps',
        headers: bearer('viewer'),
      })
    ).json();
    expect(page.total).toBe(3);
    expect(page.items.map((e: { execution_id: string }) => e.execution_id).sort()).toEqual(
      [...executionIds].sort(),
    );
    const failed = page.items.find((e: { status: string }) => e.status === 'failed');
    expect(failed).toMatchObject({ error_message: 'submit button not found', steps_total: 3 });
    expect(failed.context).toMatchObject({ customer: 'acme', run: 2 });
    expect(failed.steps[2]).toMatchObject({ status: 'failed', error_details: 'submit button not found' });
    for (const execution of page.items) {
      expect(execution.steps.map((s: { node_id: string }) => s.node_id)).toEqual(['open', 'type', 'submit']);
      expect(execution.steps[0].confidence_score).toBe(0.97);
      expect(execution.steps[1].retry_count).toBe(1);
      expect(execution.started_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    const counts = await t.app.analyzer.store.rowCounts();
    expect(counts).toMatchObject({ executions: 3, steps: 9, recoveries: 3 });
  });

  it('refuses to start without tokens unless --insecure-local', async () => {
    await expect(
      startServer({ ...t.app.analyzer.config, tokens: [], insecureLocal: false }),
    ).rejects.toBeInstanceOf(UnprotectedStartError);
  });

  it('refuses OTLP without an ingest token on a non-loopback address, unless opened on purpose', async () => {
    await expect(
      startServer({ ...t.app.analyzer.config, host: '0.0.0.0', ingestToken: undefined, ingestOpen: false }),
    ).rejects.toBeInstanceOf(OpenIngestError);
  });

  test.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
  ])('%s is loopback: %s', (host, loopback) => {
    expect(isLoopback(host)).toBe(loopback);
  });
});
