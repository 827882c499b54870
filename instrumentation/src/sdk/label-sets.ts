import type { Attributes } from '@opentelemetry/api';
import { DROP_REASON } from '../conventions';
import type { DropCounter } from './drop-counter';

/** OpenTelemetry's attribute for the series that takes samples past a metric's limit. */
const OVERFLOW_ATTRIBUTES: Attributes = Object.freeze({ 'otel.metric.overflow': true });

/**
 * The cells of one metric, one per label set, found by a string key. Past the
 * metric's limit of label sets, samples go to one overflow cell and are
 * counted as dropped.
 */
export class LabelSets<C> {
  private readonly cells = new Map<string, C>();
  private overflow: C | undefined;

  constructor(
    private readonly metric: string,
    private readonly bind: (attributes: Attributes) => C,
    private readonly limit: number,
    private readonly drops: DropCounter,
  ) {}

  get(key: string, attributes: () => Attributes): C {
    const known = this.cells.get(key);
    if (known) return known;
    if (this.cells.size >= this.limit) {
      this.drops.report(
        DROP_REASON.cardinalityOverflow,
        `${this.metric} passed its series limit (${this.limit}); raise RPA_METRICS_CARDINALITY_LIMIT`,
      );
      this.overflow ??= this.bind(OVERFLOW_ATTRIBUTES);
      return this.overflow;
    }
    const cell = this.bind(Object.freeze(attributes()));
    this.cells.set(key, cell);
    return cell;
  }
}
