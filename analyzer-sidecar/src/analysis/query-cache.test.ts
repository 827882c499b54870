import { QueryCache } from './query-cache';

describe('QueryCache', () => {
  it('evicts the least recently used entry past capacity', () => {
    const cache = new QueryCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([1, undefined, 3, 2]);
  });

  it('invalidates the answers of one workflow and those spanning all workflows', () => {
    const cache = new QueryCache<string>(10);
    cache.set('perf:a', 'A', ['a']);
    cache.set('perf:b', 'B', ['b']);
    cache.set('cmp:a,b', 'AB', ['a', 'b']);
    cache.set('ranking', 'R');
    expect(cache.invalidateWorkflow('a')).toBe(3);
    expect([cache.get('perf:a'), cache.get('perf:b'), cache.get('cmp:a,b'), cache.get('ranking')]).toEqual([
      undefined,
      'B',
      undefined,
      undefined,
    ]);
  });

  test.each([0, -1, 1.5])('rejects capacity %p', (capacity) => {
    expect(() => new QueryCache(capacity)).toThrow(RangeError);
  });
});
