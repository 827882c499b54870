import fc from 'fast-check';
import { type NabFile, nabScore, probationaryRows, rowWeights, scaledSigmoid } from './nab-score';

const MINUTE = 60_000;

/** 100 rows a minute apart, one window on rows 50..59, scores set on the given rows. */
function file(detections: Record<number, number>, rows = 100): NabFile {
  const timestamps = Array.from({ length: rows }, (_, i) => i * MINUTE);
  return {
    name: 'f.csv',
    timestamps,
    scores: timestamps.map((_, i) => detections[i] ?? 0),
    windows: [[50 * MINUTE, 59 * MINUTE]],
  };
}

describe('NAB standard scoring', () => {
  it('follows the published sigmoid and probation', () => {
    expect(scaledSigmoid(-1)).toBeCloseTo(0.986614, 6);
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(3.5)).toBe(-1);
    expect(probationaryRows(100)).toBe(15);
    expect(probationaryRows(100_000)).toBe(750);
  });

  it('scores nothing detected 0 and a detection at the window start 100', () => {
    expect(nabScore([file({})]).normalized).toBe(0);
    expect(nabScore([file({ 50: 1 })]).normalized).toBeCloseTo(100, 9);
  });

  it('rewards a later detection less (row 55 of a 10-row window: sigmoid(-0.5) / sigmoid(-1))', () => {
    const result = nabScore([file({ 55: 0.8 })]);
    expect(result.raw).toBeCloseTo(0.848283 / 0.986614, 5);
    expect(result.normalized).toBeCloseTo((100 * (0.859793 + 1)) / 2, 3);
    expect(result.detectedWindows).toBe(1);
  });

  it('charges false positives by distance past the last window and ignores probation', () => {
    const weights = rowWeights(file({}));
    expect(weights[5]!.weight).toBe(0);
    expect(weights[20]!.weight).toBeCloseTo(-0.11, 9);
    expect(weights[69]!.weight).toBeCloseTo(0.11 * scaledSigmoid(10 / 9), 9);
    expect(weights[55]!.window).toBe(0);
  });

  it('picks the one threshold that maximises the total', () => {
    // At 0.5 the window is found and one false positive paid; at 0.9 only the false positive.
    const result = nabScore([file({ 20: 0.9, 50: 0.5 })]);
    expect(result.threshold).toBe(0.5);
    expect(result.raw).toBeCloseTo(1 - 0.11, 9);
    expect(result.normalized).toBeCloseTo(94.5, 9);
    expect(result.falsePositives).toBe(1);
  });

  it('rejects windows that are not rows of the file', () => {
    expect(() => nabScore([{ ...file({}), windows: [[50.5 * MINUTE, 59 * MINUTE]] }])).toThrow(/window 0/);
  });

  it('stays within [-∞, 100] and counts only the earliest detection of a window', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.integer({ min: 0, max: 99 }).map(String),
          fc.double({ min: 0.01, max: 1, noNaN: true }),
        ),
        (d) => {
          const detections = Object.fromEntries(Object.entries(d).map(([k, v]) => [Number(k), v]));
          const result = nabScore([file(detections)]);
          expect(result.normalized).toBeLessThanOrEqual(100 + 1e-9);
          // Never worse than detecting nothing: the empty threshold is always a candidate.
          expect(result.normalized).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
