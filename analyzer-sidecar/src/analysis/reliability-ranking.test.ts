import { durationSpread, rankReliability, wilsonLowerBound } from './reliability-ranking';

describe('rankReliability', () => {
  test.each([
    [0, 0, 0],
    [10, 10, 0.7224672001371107],
    [95, 100, 0.8882495307680808], // Wilson formula evaluated independently in Python
    [0, 10, 0],
  ])('wilsonLowerBound(%p, %p) = %p', (ok, n, expected) => {
    expect(wilsonLowerBound(ok, n)).toBeCloseTo(expected, 9);
  });

  it('does not let a tiny perfect sample outrank a large near-perfect one', () => {
    const ranking = rankReliability([
      { workflow_id: 'tiny', completed: 3, failed: 0, durations: [] },
      { workflow_id: 'big', completed: 995, failed: 5, durations: [] },
    ]);
    expect(ranking.map((r) => [r.workflow_id, r.rank])).toEqual([
      ['big', 1],
      ['tiny', 2],
    ]);
  });

  it('ranks the erratic workflow below the steady one at equal success', () => {
    const steady = Array.from({ length: 50 }, (_, i) => 1000 + (i % 5));
    const erratic = Array.from({ length: 50 }, (_, i) => 1000 * 3 ** (i % 5));
    const ranking = rankReliability([
      { workflow_id: 'erratic', completed: 50, failed: 0, durations: erratic },
      { workflow_id: 'steady', completed: 50, failed: 0, durations: steady },
    ]);
    expect(ranking[0]!.workflow_id).toBe('steady');
    expect(ranking[1]!.duration_spread).toBeGreaterThan(1);
  });

  it('takes a spread computed by the store instead of durations', () => {
    const durations = Array.from({ length: 30 }, (_, i) => 1000 * 1.1 ** i);
    const [fromDurations] = rankReliability([{ workflow_id: 'w', completed: 30, failed: 0, durations }]);
    const [fromStore] = rankReliability([
      { workflow_id: 'w', completed: 30, failed: 0, duration_spread: durationSpread(durations) },
    ]);
    expect(fromStore).toEqual(fromDurations);
  });
});
