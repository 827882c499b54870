import { diag } from '@opentelemetry/api';
import type { DropReason } from '../conventions';

/**
 * Counts telemetry the instrumentation had to drop, by reason. Exposed as the
 * observable counter `rpa_telemetry_dropped_total`, so that counting never
 * depends on the metrics pipeline being up. Each distinct problem is logged
 * once through the diag logger: a loop of misuse must not flood the executor's logs.
 */
export class DropCounter {
  private readonly counts = new Map<DropReason, number>();
  private readonly reported = new Set<string>();

  add(reason: DropReason, count = 1): void {
    if (count <= 0) return;
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + count);
  }

  /**
   * Counts `count` drops and logs `message` the first time it is seen;
   * `detail` (an error text, which varies) is logged but does not make a message new.
   */
  report(reason: DropReason, message: string, count = 1, detail?: string): void {
    this.add(reason, count);
    if (this.reported.has(message)) return;
    this.reported.add(message);
    diag.warn(
      `@rpa-analytics/instrumentation: ${message}${detail ? `: ${detail}` : ''} ` +
        `(counted in rpa_telemetry_dropped_total{reason="${reason}"}; reported once)`,
    );
  }

  /** Logs `message` once, counting nothing: for a degradation that loses no telemetry. */
  notice(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    diag.warn(`@rpa-analytics/instrumentation: ${message} (reported once)`);
  }

  get(reason: DropReason): number {
    return this.counts.get(reason) ?? 0;
  }

  entries(): Array<[DropReason, number]> {
    return [...this.counts.entries()];
  }
}
