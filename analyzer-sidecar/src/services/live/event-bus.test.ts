import { EventBus } from './event-bus';

describe('EventBus', () => {
  it('replays what came after an id, or says the gap is too old', () => {
    const bus = new EventBus(3);
    for (let i = 0; i < 5; i++) bus.publish('anomaly.opened', { i }, ['w']);
    expect(bus.since(2)!.map((e) => e.id)).toEqual([3, 4, 5]);
    expect(bus.since(5)).toEqual([]);
    expect(bus.since(1)).toBeNull();
  });
});
