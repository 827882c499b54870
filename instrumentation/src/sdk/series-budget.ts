/**
 * The Prometheus series that per-action step detail may use, across the RPA
 * metrics of one executor. A histogram label set costs its buckets plus
 * `+Inf`, `_sum` and `_count`; a counter's costs one.
 */
export class SeriesBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  /** Takes `series` from the budget; false, and nothing taken, when they do not fit. */
  take(series: number): boolean {
    if (this.used + series > this.limit) return false;
    this.used += series;
    return true;
  }

  get spent(): number {
    return this.used;
  }
}

/** Series one label set of a histogram with these bucket boundaries exposes. */
export function histogramSeries(boundaries: readonly number[] | undefined): number {
  return (boundaries?.length ?? 0) + 3;
}
