/**
 * The Numenta Anomaly Benchmark's scoring (standard profile), reimplemented
 * from its published definition so a detector's per-row scores can be judged
 * on NAB's corpus, which the benchmark reads from a local copy.
 *
 * Each labelled window rewards its earliest detection with a scaled sigmoid of
 * its position (1 at the window's first row, falling towards its end) and costs
 * one false negative when missed; every detection outside a window costs the
 * false-positive weight, scaled by its distance past the previous window. Rows
 * in the probationary period (the first 15 %, at most 750) never count. One
 * threshold, chosen to maximise the corpus total, applies to every file; the
 * total is normalised so detecting nothing scores 0 and perfection 100.
 */

export interface NabProfile {
  truePositive: number;
  falsePositive: number;
  falseNegative: number;
}

export const NAB_STANDARD: NabProfile = { truePositive: 1, falsePositive: 0.11, falseNegative: 1 };

export interface NabFile {
  name: string;
  /** Row timestamps, strictly increasing. */
  timestamps: readonly number[];
  /** The detector's score per row, in [0, 1]. */
  scores: readonly number[];
  /** Labelled anomaly windows as [first, last] timestamps that are rows of the file. */
  windows: readonly (readonly [number, number])[];
}

export interface NabResult {
  /** 0 = the null detector, 100 = a perfect one. */
  normalized: number;
  raw: number;
  threshold: number;
  windows: number;
  detectedWindows: number;
  falsePositives: number;
}

export function scaledSigmoid(position: number): number {
  if (position > 3) return -1;
  return 2 / (1 + Math.exp(5 * position)) - 1;
}

export function probationaryRows(length: number, share = 0.15): number {
  return Math.min(Math.floor(share * length), Math.floor(share * 5000));
}

/** A row's weighted score if detected, and the window it falls in (-1 outside). */
interface RowWeight {
  weight: number;
  window: number;
}

export function rowWeights(file: NabFile, profile: NabProfile = NAB_STANDARD): RowWeight[] {
  const index = new Map(file.timestamps.map((t, i) => [t, i]));
  const bounds = file.windows.map(([from, to], w) => {
    const left = index.get(from);
    const right = index.get(to);
    if (left === undefined || right === undefined || right < left)
      throw new Error(`${file.name}: window ${w} does not start and end on rows of the file`);
    return { left, right };
  });
  const maxTruePositive = scaledSigmoid(-1);
  const probation = probationaryRows(file.timestamps.length);
  const weights: RowWeight[] = [];
  let previous: { right: number; width: number } | null = null;
  let w = 0;
  for (let i = 0; i < file.timestamps.length; i++) {
    while (w < bounds.length && bounds[w]!.right < i) {
      previous = { right: bounds[w]!.right, width: bounds[w]!.right - bounds[w]!.left + 1 };
      w++;
    }
    const current = w < bounds.length && bounds[w]!.left <= i ? bounds[w]! : null;
    let weight: number;
    if (current) {
      const width = current.right - current.left + 1;
      weight = (scaledSigmoid(-(current.right - i + 1) / width) * profile.truePositive) / maxTruePositive;
    } else {
      const unweighted = previous ? scaledSigmoid(Math.abs(previous.right - i) / (previous.width - 1)) : -1;
      weight = unweighted * profile.falsePositive;
    }
    weights.push({ weight: i < probation ? 0 : weight, window: current ? w : -1 });
  }
  return weights;
}

interface Candidate {
  score: number;
  weight: number;
  /** Global window number, -1 outside windows. */
  window: number;
}

/** The corpus score at the best single threshold. */
export function nabScore(files: readonly NabFile[], profile: NabProfile = NAB_STANDARD): NabResult {
  const candidates: Candidate[] = [];
  let windowCount = 0;
  for (const file of files) {
    const weights = rowWeights(file, profile);
    weights.forEach(({ weight, window }, i) => {
      const score = file.scores[i] ?? 0;
      if (score > 0) candidates.push({ score, weight, window: window < 0 ? -1 : windowCount + window });
    });
    windowCount += file.windows.length;
  }
  candidates.sort((a, b) => b.score - a.score);
  const best = new Map<number, number>();
  let falsePositive = 0;
  let falsePositives = 0;
  const nothing = -profile.falseNegative * windowCount;
  let result = { raw: nothing, threshold: Infinity, detected: 0, falsePositives: 0 };
  // Raising the detections one distinct score at a time sweeps every threshold.
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    if (c.window < 0) {
      falsePositive += c.weight;
      falsePositives++;
    } else best.set(c.window, Math.max(best.get(c.window) ?? -Infinity, c.weight));
    if (i + 1 < candidates.length && candidates[i + 1]!.score === c.score) continue;
    let raw = falsePositive;
    for (const weight of best.values()) raw += weight;
    raw -= profile.falseNegative * (windowCount - best.size);
    if (raw > result.raw) result = { raw, threshold: c.score, detected: best.size, falsePositives };
  }
  const perfect = profile.truePositive * windowCount;
  return {
    normalized: windowCount === 0 ? 0 : (100 * (result.raw - nothing)) / (perfect - nothing),
    raw: result.raw,
    threshold: result.threshold,
    windows: windowCount,
    detectedWindows: result.detected,
    falsePositives: result.falsePositives,
  };
}
