import type { LiveEvent } from '../services/live/event-bus';
import { StreamClient, type Transport } from './stream-client';

function event(id: number, key: string | null, workflow = 'w'): LiveEvent {
  return { id, type: 'execution.progress', workflowIds: [workflow], coalesceKey: key, data: {}, at: 0 };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('StreamClient', () => {
  it('sends in id order, filtered by workflow', async () => {
    const sent: number[] = [];
    const client = new StreamClient(
      { send: (e) => (sent.push(e.id), true), onReady: () => undefined },
      new Set(['w']),
    );
    client.push(event(1, null));
    client.push(event(2, null, 'other'));
    client.push(event(3, null));
    await tick();
    expect(sent).toEqual([1, 3]);
  });

  it('coalesces the waiting progress of one execution while the transport is full, keeping ids ascending', async () => {
    const sent: number[] = [];
    let full = true;
    let resume: () => void = () => undefined;
    const transport: Transport = {
      send: (e) => (sent.push(e.id), !full),
      onReady: (r) => void (resume = r),
    };
    const client = new StreamClient(transport, null);
    client.push(event(1, 'a'));
    await tick(); // sent 1, transport now full
    client.push(event(2, 'a'));
    client.push(event(3, 'b'));
    client.push(event(4, 'a'));
    client.push(event(5, null));
    full = false;
    resume();
    await tick();
    expect(sent).toEqual([1, 3, 4, 5]);
  });
});
