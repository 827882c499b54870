/** Peak resident set size while a piece of work runs, sampled every 20 ms (DuckDB's memory is in it too). */
export async function withPeakRss<T>(
  work: () => Promise<T>,
): Promise<{ result: T; peakRssMb: number; startRssMb: number }> {
  const startRss = process.memoryUsage.rss();
  let peak = startRss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, peakRssMb: peak / 2 ** 20, startRssMb: startRss / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}
