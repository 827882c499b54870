/**
 * Peak resident set size while a piece of work runs, sampled every 20 ms
 * (DuckDB's memory, bounded by its memory_limit, is in it), and the peak of
 * the JavaScript heap (what would grow if rows piled up in JavaScript).
 */
export async function withPeakRss<T>(
  work: () => Promise<T>,
): Promise<{ result: T; peakRssMb: number; startRssMb: number; peakHeapMb: number }> {
  const startRss = process.memoryUsage.rss();
  let peak = startRss;
  let heap = process.memoryUsage().heapUsed;
  const sample = (): void => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  };
  const timer = setInterval(sample, 20);
  try {
    const result = await work();
    sample();
    return { result, peakRssMb: peak / 2 ** 20, startRssMb: startRss / 2 ** 20, peakHeapMb: heap / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}
