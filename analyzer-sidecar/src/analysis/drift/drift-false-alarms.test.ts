/**
 * The drift test's stated false-alarm rate, measured: clean series (no trend)
 * of several shapes and lengths, one test per element-week, a fixed seed.
 * The flagged share must stay at or below alpha (plus three binomial standard
 * errors of the simulation itself).
 */
import { seededRandom } from '../test-support/random';
import { type ConfidencePoint, DEFAULT_DRIFT_OPTIONS, detectConfidenceDrift } from './confidence-drift';

const DAY = 86_400_000;

function cleanWeek(seed: number, runs: number, shape: 'normal' | 'skewed' | 'quantized'): ConfidencePoint[] {
  const random = seededRandom(seed);
  return Array.from({ length: runs }, (_, i) => {
    const noise = shape === 'skewed' ? -random.exponential(0.02) : 0.015 * random.normal();
    const raw = Math.min(1, 0.95 + noise);
    const confidence = shape === 'quantized' ? Math.round(raw * 100) / 100 : raw;
    return {
      workflow_id: 'wf',
      target_element: `t${seed}`,
      execution_id: `e${i}`,
      started_at: (i * 7 * DAY) / runs,
      confidence,
      status: 'completed',
    };
  });
}

describe('confidence drift false alarms on clean series', () => {
  test.each([
    ['normal', 12],
    ['normal', 50],
    ['normal', 600],
    ['skewed', 28],
    ['quantized', 28],
  ] as const)('%s noise, %d runs a week: flagged share ≤ alpha', (shape, runs) => {
    const weeks = 4000;
    let flagged = 0;
    for (let seed = 1; seed <= weeks; seed++)
      if (detectConfidenceDrift(cleanWeek(20261203 + seed, runs, shape))[0]?.flagged) flagged++;
    const alpha = DEFAULT_DRIFT_OPTIONS.alpha;
    const rate = flagged / weeks;
    console.log(`drift false alarms (${shape}, ${runs}/week): ${rate} per element-week (alpha ${alpha})`);
    expect(rate).toBeLessThanOrEqual(alpha + 3 * Math.sqrt((alpha * (1 - alpha)) / weeks));
  });
});
