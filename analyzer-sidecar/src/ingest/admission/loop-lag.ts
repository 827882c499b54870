/**
 * Event-loop delay of the process (perf_hooks' histogram), read as the p99 of
 * the last window: how long any request waits before its callbacks run.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export class LoopLagMonitor {
  private histogram: IntervalHistogram | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lagMs = 0;

  constructor(private readonly windowMs = 500) {}

  /** The p99 delay of the last full window, in milliseconds (0 before one). */
  get lag(): number {
    return this.lagMs;
  }

  start(): void {
    if (this.histogram) return;
    const histogram = monitorEventLoopDelay({ resolution: 20 });
    histogram.enable();
    this.histogram = histogram;
    this.timer = setInterval(() => {
      this.lagMs = histogram.percentile(99) / 1e6;
      histogram.reset();
    }, this.windowMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.histogram?.disable();
    this.timer = undefined;
    this.histogram = undefined;
  }
}
