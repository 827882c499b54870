import { SeededRandom } from '../examples/random';
import { fireTimes, parseBusyHours, parseSchedule, queueDelayMs } from '../examples/schedule';
import { DRIFT_FAILURE_BELOW, parsePlants, simulateStep, type Plants } from '../examples/simulation';
import { WORKFLOW_CATALOG } from '../examples/workflow-catalog';

describe('demo plants', () => {
  it('parses values with optional windows of execution start times', () => {
    const plants = parsePlants('--degrade', 'a=2,b=1.5@2026-01-01T00:00:00Z..,c=3@..1000');
    expect(plants.get('a')).toEqual({ value: 2, from: -Infinity, to: Infinity });
    expect(plants.get('b')).toEqual({ value: 1.5, from: Date.parse('2026-01-01T00:00:00Z'), to: Infinity });
    expect(plants.get('c')).toEqual({ value: 3, from: -Infinity, to: 1000 });
  });

  it.each(['a', 'a=x', 'a=1@yesterday..', 'a=1@1..2..3'])('refuses %s naming the flag', (raw) => {
    expect(() => parsePlants('--fail', raw)).toThrow(/--fail/);
  });

  it('slows a workflow only for executions started inside the window', () => {
    const workflow = WORKFLOW_CATALOG[0]!;
    const step = workflow.steps[0]!;
    const plants = {
      degrade: parsePlants('--degrade', `${workflow.workflowId}=10@1000..2000`),
      failureBurst: new Map(),
    };
    const median = (at: number) => {
      const random = new SeededRandom(7);
      const durations = Array.from(
        { length: 201 },
        () => simulateStep(random, workflow, step, plants, at).durationMs,
      );
      return durations.sort((x, y) => x - y)[100]!;
    };
    expect(median(1500) / median(500)).toBeGreaterThan(5);
    expect(median(2500) / median(500)).toBeLessThan(2);
  });

  const DAY = 86_400_000;
  const invoice = WORKFLOW_CATALOG.find((w) => w.workflowId === 'invoice-entry')!;
  const fillForm = invoice.steps.find((st) => st.nodeId === 'fill-form')!;
  const orderSync = WORKFLOW_CATALOG.find((w) => w.workflowId === 'order-sync')!;
  const exportOrders = orderSync.steps.find((st) => st.nodeId === 'export-orders')!;
  const noPlants = { degrade: new Map(), failureBurst: new Map() };

  it('declines a drifting target from 0.97 to the planted value, holds it after, and fails only below 0.78', () => {
    const plants: Plants = {
      ...noPlants,
      drift: parsePlants('--drift', `invoice-entry/fill-form=0.8@0..${7 * DAY}`),
    };
    const random = new SeededRandom(3);
    const outcomes = (at: number) =>
      Array.from({ length: 200 }, () => simulateStep(random, invoice, fillForm, plants, at));
    const mean = (at: number) => outcomes(at).reduce((sum, o) => sum + o.confidence!, 0) / 200;
    expect(mean(0)).toBeCloseTo(0.97, 2);
    expect(mean(3.5 * DAY)).toBeCloseTo(0.885, 2);
    expect(mean(7 * DAY)).toBeCloseTo(0.8, 2);
    expect(mean(9 * DAY)).toBeCloseTo(0.8, 2);
    // Over the first six days no match is low enough to fail: the decline comes first.
    const early = Array.from({ length: 6 }, (_, day) => outcomes(day * DAY)).flat();
    expect(early.filter((o) => o.error || o.recovery)).toEqual([]);
    const late = outcomes(8 * DAY);
    expect(late.some((o) => o.error?.code === 'LOW_CONFIDENCE')).toBe(true);
    for (const o of late) expect(o.error !== undefined).toBe(o.confidence! < DRIFT_FAILURE_BELOW);
  });

  it('heals a planted target with an alternate selector on about the planted share of runs in its window', () => {
    const plants: Plants = {
      ...noPlants,
      heal: parsePlants('--heal', 'order-sync/export-orders=0.8@1000..'),
    };
    const random = new SeededRandom(5);
    const inside = Array.from({ length: 1000 }, () =>
      simulateStep(random, orderSync, exportOrders, plants, 2000),
    );
    const healed = inside.filter((o) => o.recovery?.strategy === 'alternate_selector');
    expect(healed.length / inside.length).toBeGreaterThan(0.75);
    expect(healed.length / inside.length).toBeLessThan(0.85);
    const failedHeals = healed.filter((o) => o.recovery?.outcome === 'failed');
    expect(failedHeals.length).toBeGreaterThan(0);
    for (const o of failedHeals) expect(o.error?.code).toBe('ELEMENT_NOT_FOUND');
    for (const o of healed) expect(o.recovery!.durationMs).toBeGreaterThan(0);
    const before = Array.from({ length: 1000 }, () =>
      simulateStep(random, orderSync, exportOrders, plants, 500),
    );
    expect(before.filter((o) => o.recovery?.strategy === 'alternate_selector')).toEqual([]);
  });

  it('fires a schedule on its UTC grid, leaving out the skipped fire', () => {
    const start = Date.parse('2026-12-03T10:02:00Z');
    const schedule = parseSchedule('ledger-close=5', '2026-12-03T10:11:00Z')!;
    expect(fireTimes(schedule, start, start + 20 * 60_000).map((at) => new Date(at).toISOString())).toEqual([
      '2026-12-03T10:05:00.000Z',
      '2026-12-03T10:10:00.000Z',
      '2026-12-03T10:20:00.000Z',
    ]);
  });

  it.each([
    ['ledger-close=7', undefined, /--schedule/],
    ['ledger-close', undefined, /--schedule/],
    ['ledger-close=5', 'soon', /--skip-run/],
    [undefined, '2026-12-03T10:11:00Z', /--skip-run/],
  ])('refuses --schedule %p --skip-run %p naming the flag', (schedule, skip, message) => {
    expect(() => parseSchedule(schedule, skip)).toThrow(message);
  });

  it('queues runs longer at busy hours', () => {
    const busy = parseBusyHours('8..10');
    const random = new SeededRandom(9);
    const median = (at: number) =>
      Array.from({ length: 201 }, () => queueDelayMs(random, at, busy)).sort((x, y) => x - y)[100]!;
    const day = Date.parse('2026-12-03T00:00:00Z');
    expect(median(day + 9 * 3_600_000)).toBeGreaterThan(10 * median(day + 14 * 3_600_000));
    expect(() => parseBusyHours('10..8')).toThrow(/--busy-hours/);
  });
});
