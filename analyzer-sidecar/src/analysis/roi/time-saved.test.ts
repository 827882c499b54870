import fc from 'fast-check';
import { computeSavings, type WorkflowRunTotals, type WorkflowValueSetting } from './time-saved';

const arbTotals = fc.uniqueArray(
  fc.record({
    workflow_id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    completed: fc.nat(10_000),
    failed: fc.nat(1_000),
    healing_ms: fc.nat(50 * 3_600_000),
  }),
  { selector: (t) => t.workflow_id, maxLength: 5 },
);
const arbSetting = fc.record({
  manual_minutes_per_case: fc.double({ min: 0, max: 240, noNaN: true }),
  cost_per_hour: fc.double({ min: 0, max: 500, noNaN: true }),
  failure_handling_minutes: fc.double({ min: 0, max: 60, noNaN: true }),
});

/** The same definition, written independently: per-run minutes summed one run at a time. */
function independentNetCost(
  totals: WorkflowRunTotals[],
  settings: Map<string, WorkflowValueSetting>,
): number {
  let cost = 0;
  for (const t of totals) {
    const s = settings.get(t.workflow_id);
    if (!s) continue;
    let minutes = 0;
    for (let i = 0; i < t.completed; i++) minutes += s.manual_minutes_per_case;
    for (let i = 0; i < t.failed; i++) minutes -= s.failure_handling_minutes;
    minutes -= t.healing_ms / 60_000;
    cost += (minutes / 60) * s.cost_per_hour;
  }
  return cost;
}

describe('computeSavings', () => {
  it('equals an independent run-by-run computation, per workflow and for the fleet', () => {
    fc.assert(
      fc.property(
        arbTotals,
        fc.array(fc.tuple(fc.constantFrom<string>('a', 'b', 'c', 'x'), arbSetting)),
        (totals, pairs) => {
          const settings = new Map(pairs);
          const { items, fleet } = computeSavings(totals, settings);
          const expected = independentNetCost(totals, settings);
          expect(fleet.net_saved_cost).toBeCloseTo(expected, 3);
          for (const item of items) {
            const alone = independentNetCost(
              totals.filter((t) => t.workflow_id === item.workflow_id),
              settings,
            );
            if (item.configured) expect(item.net_saved_cost).toBeCloseTo(alone, 3);
            else expect(item.net_saved_cost).toBeNull();
          }
          expect(fleet.workflows_configured).toBe(totals.filter((t) => settings.has(t.workflow_id)).length);
        },
      ),
    );
  });

  it.each([
    // completed, failed, healing ms, minutes/case, €/h, failure minutes → net hours, net cost
    [120, 0, 0, 15, 40, 0, 30, 1200],
    [120, 10, 3_600_000, 15, 40, 6, 28, 1120],
    [0, 5, 0, 10, 60, 12, -1, -60],
  ])(
    '%d completed, %d failed, %d ms healing at %d min/case, %d/h, %d min per failure → %d h, %d',
    (completed, failed, healing_ms, manual, rate, failureMinutes, hours, cost) => {
      const { items } = computeSavings(
        [{ workflow_id: 'w', completed, failed, healing_ms }],
        new Map([
          [
            'w',
            {
              manual_minutes_per_case: manual,
              cost_per_hour: rate,
              failure_handling_minutes: failureMinutes,
            },
          ],
        ]),
      );
      expect(items[0]?.net_saved_hours).toBeCloseTo(hours, 9);
      expect(items[0]?.net_saved_cost).toBeCloseTo(cost, 9);
    },
  );
});
