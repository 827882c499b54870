/** Timing helpers of the benchmarks: medians over repeated runs, ns per operation. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Runs `step` `count` times, yielding to the event loop every `yieldEvery` so exporters can drain. */
export async function nsPerOperation(
  count: number,
  yieldEvery: number,
  step: (i: number) => void,
): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i += 1) {
    step(i);
    if (i % yieldEvery === yieldEvery - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  return Number(process.hrtime.bigint() - started) / count;
}

export function formatNs(ns: number): string {
  return `${ns.toFixed(0).padStart(6)} ns`;
}
