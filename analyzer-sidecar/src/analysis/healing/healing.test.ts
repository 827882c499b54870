import fc from 'fast-check';
import { rankHealingDebt } from './healing-debt';
import { failuresAfterRecovery, type HealingRow, healingTotals, summarizeHealing } from './healing-stats';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);

let sequence = 0;
function row(part: Partial<HealingRow> & Pick<HealingRow, 'target_element' | 'started_at'>): HealingRow {
  sequence += 1;
  return {
    recovery_id: `r${sequence}`,
    workflow_id: 'wf-a',
    execution_id: `e${sequence}`,
    step_id: `s${sequence}`,
    node_id: 'n1',
    strategy: 'fuzzy_match',
    outcome: 'recovered',
    completed_at: part.started_at + 2000,
    later_failure_at: null,
    later_failure_target: null,
    ...part,
  };
}

describe('summarizeHealing', () => {
  const rows = [
    row({ target_element: '#a', started_at: 0, strategy: 'fuzzy_match', execution_id: 'x1' }),
    row({ target_element: '#a', started_at: 10, strategy: 'ocr', outcome: 'failed', execution_id: 'x1' }),
    row({
      target_element: '#b',
      started_at: 20,
      strategy: 'ocr',
      later_failure_at: 5000,
      later_failure_target: '#c',
      execution_id: 'x2',
    }),
    row({ target_element: '#b', started_at: 30, workflow_id: 'wf-b', execution_id: 'x3' }),
  ];

  it('counts success by strategy, with no recovery rate (no denominator)', () => {
    const byStrategy = summarizeHealing(rows, 'strategy');
    expect(
      byStrategy.map((g) => [g.key, g.recoveries, g.recovered, g.success_rate, g.recovery_rate]),
    ).toEqual([
      ['fuzzy_match', 2, 2, 1, null],
      ['ocr', 2, 1, 0.5, null],
    ]);
  });

  it('keeps a target per workflow and divides healed steps by steps run', () => {
    const byTarget = summarizeHealing(rows, 'target', [
      { workflow_id: 'wf-a', target_element: '#a', steps: 20 },
      { workflow_id: 'wf-a', target_element: '#b', steps: 4 },
    ]);
    const a = byTarget.find((g) => g.key === '#a');
    const bA = byTarget.find((g) => g.key === '#b' && g.workflow_id === 'wf-a');
    expect(a).toMatchObject({
      recoveries: 2,
      healed_steps: 2,
      steps_total: 20,
      recovery_rate: 0.1,
      healing_ms_total: 4000,
    });
    expect(bA).toMatchObject({ failed_after_recovery: 1, failed_after_recovery_rate: 1 });
    expect(byTarget.find((g) => g.key === '#b' && g.workflow_id === 'wf-b')?.steps_total).toBeNull();
  });

  it('lists healed-then-failed recoveries and fleet totals', () => {
    expect(failuresAfterRecovery(rows).map((r) => r.target_element)).toEqual(['#b']);
    expect(healingTotals(rows, [])).toMatchObject({
      recoveries: 4,
      recovered: 3,
      failed_after_recovery: 1,
      healing_ms_total: 8000,
    });
  });

  it('conserves counts: groups of any dimension add up to the rows', () => {
    const arbRow = fc.record({
      target: fc.constantFrom('#a', '#b', '#c'),
      workflow: fc.constantFrom('w1', 'w2'),
      strategy: fc.constantFrom('ocr', 'anchor'),
      recovered: fc.boolean(),
      at: fc.integer({ min: 0, max: 10 * DAY }),
      ms: fc.integer({ min: 0, max: 60_000 }),
    });
    fc.assert(
      fc.property(fc.array(arbRow, { maxLength: 60 }), (specs) => {
        const rs = specs.map((s) =>
          row({
            target_element: s.target,
            workflow_id: s.workflow,
            strategy: s.strategy,
            outcome: s.recovered ? 'recovered' : 'failed',
            started_at: s.at,
            completed_at: s.at + s.ms,
          }),
        );
        for (const dimension of ['strategy', 'target', 'workflow'] as const) {
          const groups = summarizeHealing(rs, dimension);
          expect(groups.reduce((n, g) => n + g.recoveries, 0)).toBe(rs.length);
          expect(groups.reduce((n, g) => n + g.recovered, 0)).toBe(specs.filter((s) => s.recovered).length);
          expect(groups.reduce((n, g) => n + g.healing_ms_total, 0)).toBe(
            specs.reduce((n, s) => n + s.ms, 0),
          );
        }
      }),
    );
  });
});

describe('rankHealingDebt', () => {
  const options = { now: NOW, minDays: 3, stillHealingMs: 2 * DAY };

  it('puts an element healed daily and never fixed at the top, whatever sporadic heals surround it', () => {
    // Sporadic elements heal at most 12 times in all, each no slower than the daily one's heals:
    // their debt (count × time) stays below 14 daily heals of the planted element.
    const sporadic = fc.array(
      fc.record({
        target: fc.constantFrom('#x', '#y', '#z', '#w'),
        day: fc.integer({ min: 0, max: 13 }),
        share: fc.double({ min: 0.1, max: 1, noNaN: true }),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(sporadic, fc.integer({ min: 500, max: 10_000 }), (noise, ms) => {
        const at = (day: number) => NOW - (14 - day) * DAY + 3_600_000;
        const daily = Array.from({ length: 14 }, (_, d) =>
          row({ target_element: '#login', started_at: at(d), completed_at: at(d) + ms }),
        );
        const others = noise.map((n) =>
          row({
            target_element: n.target,
            started_at: at(n.day),
            completed_at: at(n.day) + Math.round(n.share * ms),
          }),
        );
        const ranked = rankHealingDebt([...others, ...daily], options);
        expect(ranked[0]).toMatchObject({
          target_element: '#login',
          healed_count: 14,
          healed_days: 14,
          time_lost_ms: 14 * ms,
        });
      }),
    );
  });

  it('ranks the daily element first against sporadic ones of the same heal time', () => {
    const daily = Array.from({ length: 10 }, (_, d) =>
      row({ target_element: '#login', started_at: NOW - (10 - d) * DAY }),
    );
    const sporadic = [1, 5, 9].map((d) => row({ target_element: '#menu', started_at: NOW - d * DAY + 1 }));
    expect(rankHealingDebt([...sporadic, ...daily], options).map((d) => d.target_element)).toEqual([
      '#login',
      '#menu',
    ]);
  });

  it('drops an element fixed a while ago (no heal in the last stillHealingMs)', () => {
    const fixed = Array.from({ length: 10 }, (_, d) =>
      row({ target_element: '#old', started_at: NOW - (20 - d) * DAY }),
    );
    expect(rankHealingDebt(fixed, options)).toEqual([]);
  });

  it('drops an element healed on fewer than minDays days', () => {
    const burst = Array.from({ length: 10 }, (_, i) =>
      row({ target_element: '#burst', started_at: NOW - DAY + i * 1000 }),
    );
    expect(rankHealingDebt(burst, options)).toEqual([]);
  });
});
