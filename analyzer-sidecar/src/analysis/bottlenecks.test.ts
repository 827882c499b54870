import fc from 'fast-check';
import { identifyBottlenecks } from './bottlenecks';
import { mostFrequent, summarizeSteps } from './step-summaries';
import { makeStep } from './test-support/records';

const stepsArb = fc.array(
  fc.record({
    node_id: fc.constantFrom('n1', 'n2', 'n3', 'n4', 'n5', 'n6'),
    action_type: fc.constantFrom('click', 'type', 'wait'),
    duration_ms: fc.integer({ min: 0, max: 100_000 }),
    status: fc.constantFrom('completed', 'completed', 'failed', 'skipped' as const),
    retry_count: fc.integer({ min: 0, max: 3 }),
  }),
  { minLength: 1, maxLength: 120 },
);

/** Per-node average of completed steps, computed here from the raw rows. */
function averagesByNode(
  rows: { node_id: string; duration_ms: number; status: string }[],
): Map<string, number> {
  const sums = new Map<string, [number, number]>();
  for (const r of rows.filter((x) => x.status === 'completed')) {
    const [s, c] = sums.get(r.node_id) ?? [0, 0];
    sums.set(r.node_id, [s + r.duration_ms, c + 1]);
  }
  return new Map([...sums].map(([k, [s, c]]) => [k, s / c]));
}

describe('identifyBottlenecks', () => {
  it('Property 6: returns the nodes with the highest step times, slowest first', () => {
    fc.assert(
      fc.property(stepsArb, fc.double({ min: 0, max: 1, noNaN: true }), (rows, p) => {
        const averages = averagesByNode(rows);
        const found = identifyBottlenecks(summarizeSteps(rows.map((r) => makeStep(r))), {
          thresholdPercentile: p,
        });
        if (averages.size === 0) return found.length === 0;
        const chosen = new Set(found.map((b) => b.node_id));
        const slowest = Math.max(...averages.values());
        const minChosen = Math.min(...found.map((b) => averages.get(b.node_id) as number));
        const maxOther = Math.max(
          -Infinity,
          ...[...averages].filter(([k]) => !chosen.has(k)).map(([, v]) => v),
        );
        const sorted = found.every(
          (b, i) => i === 0 || b.avg_duration_ms <= (found[i - 1] as typeof b).avg_duration_ms,
        );
        return (
          found.length >= 1 && averages.get(found[0]!.node_id) === slowest && minChosen >= maxOther && sorted
        );
      }),
    );
  });

  it('shares sum to 1 when every node is listed', () => {
    fc.assert(
      fc.property(stepsArb, (rows) => {
        const found = identifyBottlenecks(summarizeSteps(rows.map((r) => makeStep(r))), {
          thresholdPercentile: 0,
        });
        const total = found.reduce((s, b) => s + b.total_duration_ms, 0);
        const shares = found.reduce((s, b) => s + b.share_of_execution_time, 0);
        return found.length === 0 || total === 0 || Math.abs(shares - 1) < 1e-9;
      }),
    );
  });

  test.each([
    [0.95, ['slow']],
    [0.5, ['slow', 'mid']],
    [0, ['slow', 'mid', 'fast']],
  ])('at threshold percentile %p keeps %j', (p, expected) => {
    const steps = [10, 100, 1000].map((d, i) =>
      makeStep({ node_id: ['fast', 'mid', 'slow'][i]!, duration_ms: d }),
    );
    expect(
      identifyBottlenecks(summarizeSteps(steps), { thresholdPercentile: p }).map((b) => b.node_id),
    ).toEqual(expected);
  });

  it('rejects a threshold outside [0, 1]', () => {
    expect(() => identifyBottlenecks([], { thresholdPercentile: 95 })).toThrow(RangeError);
  });
});

describe('summarizeSteps', () => {
  test.each([
    [{ click: 2, wait: 1 }, 'click'],
    [{ wait: 2, click: 2 }, 'click'],
    [{ type: 1 }, 'type'],
  ])('most frequent action of %j is %p', (counts, expected) => {
    expect(mostFrequent(new Map(Object.entries(counts)))).toBe(expected);
  });

  it('counts failures and retries when failed steps are included', () => {
    const steps = [
      makeStep({ status: 'failed', retry_count: 2, duration_ms: 50 }),
      makeStep({ status: 'completed', retry_count: 1, duration_ms: 150 }),
      makeStep({ status: 'skipped', duration_ms: 0 }),
    ];
    const [row] = summarizeSteps(steps, { statuses: ['completed', 'failed'] });
    expect(row).toMatchObject({
      count: 2,
      failed_count: 1,
      retry_total: 3,
      avg_duration_ms: 100,
      p95_duration_ms: 145,
    });
  });
});
