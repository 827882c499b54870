/**
 * Detection state survives a restart: a baseline learned before it judges a
 * run committed after it, and an anomaly stays listed with its status.
 */
import { rmSync } from 'node:fs';
import { ATTR, SPAN_NAMES } from '@rpa-analytics/conventions';
import { protobufBody, recordSpans, type SpanSpec } from '../../test-support/sdk-spans';
import { bearer, startTestApp, type TestApp } from '../../test-support/test-app';

const T0 = Date.UTC(2026, 10, 1);

function run(i: number, durationMs: number): SpanSpec {
  return {
    name: SPAN_NAMES.execution,
    startMs: T0 + i * 60_000,
    durationMs,
    attributes: {
      [ATTR.workflowId]: 'wf-restart',
      [ATTR.executionId]: `r-${i}`,
      [ATTR.executionStatus]: 'completed',
    },
  };
}

async function post(t: TestApp, specs: SpanSpec[]): Promise<void> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/v1/traces',
    headers: { 'content-type': 'application/x-protobuf' },
    payload: protobufBody(recordSpans(specs)),
  });
  expect(response.statusCode).toBe(200);
}

describe('live detection across a restart', () => {
  let dataDir = '';
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('judges the first run after a restart against the baseline learned before it', async () => {
    const first = await startTestApp();
    dataDir = first.dataDir;
    await post(
      first,
      Array.from({ length: 240 }, (_, i) => run(i, 1000 * Math.exp(0.2 * Math.sin(i * 7.1)))),
    );
    await first.app.close();

    const second = await startTestApp({ dataDir });
    try {
      await post(second, [run(240, 90_000)]);
      await second.app.live.idle();
      const { items } = (
        await second.app.inject({
          url: '/analytics/anomalies?workflow_id=wf-restart',
          headers: bearer('viewer'),
        })
      ).json();
      expect(items).toEqual([
        expect.objectContaining({ kind: 'point', status: 'open', execution_ids: ['r-240'] }),
      ]);
    } finally {
      await second.app.close();
      rmSync(second.dataDir, { recursive: true, force: true });
    }
  });
});
