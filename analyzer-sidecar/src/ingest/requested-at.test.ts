/** `rpa.execution.requested_at` over OTLP: epoch ms or RFC 3339 is stored; anything else rejects the span. */
import { ATTR, SPAN_NAMES } from '@rpa-analytics/conventions';
import { bearer, startTestApp, type TestApp } from '../test-support/test-app';
import { jsonBody, recordSpans } from '../test-support/sdk-spans';

const START = Date.UTC(2026, 10, 20, 9, 0, 0);

function executionSpan(id: string, requested: unknown) {
  return {
    name: SPAN_NAMES.execution,
    attributes: {
      [ATTR.workflowId]: 'wf-q',
      [ATTR.executionId]: id,
      [ATTR.executionStatus]: 'completed',
      ...(requested === undefined ? {} : { [ATTR.executionRequestedAt]: requested as string }),
    },
    startMs: START,
    durationMs: 1000,
  };
}

describe('rpa.execution.requested_at', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('stores epoch ms and RFC 3339 values, null when absent, and rejects a bad one', async () => {
    const spans = recordSpans([
      executionSpan('q-ms', START - 45_000),
      executionSpan('q-iso', new Date(START - 5_000).toISOString()),
      executionSpan('q-none', undefined),
      executionSpan('q-bad', 'yesterday'),
    ]);
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: { 'content-type': 'application/json' },
      payload: jsonBody(spans),
    });
    expect(response.json()).toEqual({
      partialSuccess: {
        rejectedSpans: '1',
        errorMessage: expect.stringContaining(ATTR.executionRequestedAt),
      },
    });
    const items = (
      await t.app.inject({ url: '/analytics/metrics?workflow_id=wf-q', headers: bearer('viewer') })
    ).json().items as Array<{
      execution_id: string;
      queue_ms: number | null;
    }>;
    expect(Object.fromEntries(items.map((e) => [e.execution_id, e.queue_ms]))).toEqual({
      'q-ms': 45_000,
      'q-iso': 5_000,
      'q-none': null,
    });
  });
});
