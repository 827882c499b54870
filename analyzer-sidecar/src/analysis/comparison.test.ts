import fc from 'fast-check';
import { compareWorkflows } from './comparison';

describe('compareWorkflows', () => {
  it('Property 17: differences and percentage changes are exact against the reference', () => {
    const value = fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { minLength: 2, maxLength: 6 }), (rows) => {
        const values = new Map(rows.map(([x, y], i) => [`w${i}`, { x, y }]));
        const result = compareWorkflows(values, ['x', 'y']);
        const [refX, refY] = rows[0]!;
        return rows.every(([x, y], i) =>
          [['x', x, refX] as const, ['y', y, refY] as const].every(([metric, v, ref]) => {
            const c = result.workflows[`w${i}`]![metric]!;
            const diff = v === null || ref === null ? null : v - ref;
            const raw = diff === null || ref === 0 ? null : (diff / Math.abs(ref as number)) * 100;
            const pct = raw !== null && Number.isFinite(raw) ? raw : null;
            return (
              c.value === v &&
              c.difference === diff &&
              (pct === null
                ? c.percent_change === null
                : Math.abs(c.percent_change! - pct) <= 1e-9 * Math.max(1, Math.abs(pct)))
            );
          }),
        );
      }),
    );
  });

  test.each([
    [{ a: 100 }, { a: 150 }, 50, 50],
    [{ a: 200 }, { a: 100 }, -100, -50],
    [{ a: 0 }, { a: 5 }, 5, null],
    [{ a: 'n/a' }, { a: 5 }, null, null],
  ])('reference %j vs %j: difference %p, change %p %', (ref, other, difference, pct) => {
    const result = compareWorkflows(
      new Map([
        ['r', ref],
        ['o', other],
      ]),
      ['a'],
    );
    expect(result.workflows.o!.a).toMatchObject({ difference, percent_change: pct });
    expect(result.workflows.r!.a).toMatchObject({ difference: typeof ref.a === 'number' ? 0 : null });
  });

  it('takes a named reference and rejects an unknown one', () => {
    const values = new Map([
      ['a', { d: 10 }],
      ['b', { d: 20 }],
    ]);
    expect(compareWorkflows(values, ['d'], { referenceWorkflowId: 'b' }).workflows.a!.d!.difference).toBe(
      -10,
    );
    expect(() => compareWorkflows(values, ['d'], { referenceWorkflowId: 'z' })).toThrow(RangeError);
  });
});
