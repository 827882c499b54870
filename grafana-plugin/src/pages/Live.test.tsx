import React from 'react';
import { act, screen } from '@testing-library/react';

import type { LiveExecution } from '../api/types';
import { installFakeBackend } from '../test/fakeBackendSrv';
import { renderPage } from '../test/renderPage';
import { testIds } from '../testIds';
import { Live } from './Live';

/** A stand-in for the browser's EventSource that the test drives. */
class FakeEventSource {
  static last: FakeEventSource | undefined;
  readonly listeners = new Map<string, (message: MessageEvent<string>) => void>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, listener: (message: MessageEvent<string>) => void) {
    this.listeners.set(type, listener);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, id: number, data: unknown) {
    this.listeners.get(type)?.({ type, lastEventId: String(id), data: JSON.stringify(data) } as MessageEvent<string>);
  }
}

const execution = (over: Partial<LiveExecution> = {}): LiveExecution => ({
  execution_id: 'exec-1',
  workflow_id: 'invoice-entry',
  status: 'running',
  started_at: new Date().toISOString(),
  completed_at: null,
  elapsed_ms: 1200,
  steps_total: 5,
  steps_completed: 1,
  steps_failed: 0,
  current_step: { node_id: 'open-erp', action_type: 'click' },
  last_activity_at: new Date().toISOString(),
  service_name: null,
  host_name: null,
  ...over,
});

describe('Live page', () => {
  beforeEach(() => {
    (globalThis as { EventSource?: unknown }).EventSource = FakeEventSource;
  });
  afterEach(() => {
    delete (globalThis as { EventSource?: unknown }).EventSource;
  });

  it('lists running executions, then moves them along with the stream', async () => {
    installFakeBackend({
      '/analytics/executions/live': { data: { items: [execution()], total: 1, next_cursor: null } },
    });
    const { unmount } = await renderPage(<Live />, '/live');
    const [row] = await screen.findAllByTestId(testIds.live.runningRow);
    expect(row).toHaveTextContent('step 1 of 5');
    expect(row).toHaveTextContent('open-erp (click)');
    const source = FakeEventSource.last!;
    expect(source.url).toMatch(/\/analytics\/stream$/);

    act(() =>
      source.emit(
        'execution.progress',
        7,
        execution({ steps_completed: 3, current_step: { node_id: 'save', action_type: 'type' } })
      )
    );
    expect(screen.getByTestId(testIds.live.runningRow)).toHaveTextContent('step 3 of 5');
    act(() => source.emit('execution.ended', 8, execution({ status: 'completed', steps_completed: 5 })));
    expect(screen.queryAllByTestId(testIds.live.runningRow)).toHaveLength(0);
    expect(screen.getByTestId(testIds.live.endedRow)).toHaveTextContent('completed');

    act(() =>
      source.emit('anomaly.opened', 9, {
        anomaly_id: 'a1',
        workflow_id: 'invoice-entry',
        severity: 0.91,
        status: 'open',
        description: 'Execution duration of invoice-entry (one observation) was above its baseline',
      })
    );
    expect(screen.getByTestId(testIds.live.anomaly)).toHaveTextContent('0.91 open');
    unmount();
    expect(source.closed).toBe(true);
  });
});
