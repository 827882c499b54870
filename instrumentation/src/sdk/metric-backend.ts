import type { Attributes, Meter } from '@opentelemetry/api';
import type { MetricDefinition } from '../conventions';

/** A histogram bound to one label set. */
export interface HistogramCell {
  record(value: number): void;
}

/** A counter (or up-down counter) bound to one label set. */
export interface CounterCell {
  add(value: number): void;
}

/**
 * Where the RPA metrics are aggregated. Binding a label set once and recording
 * into the cell after is what keeps the per-step cost low: the SDK hashes the
 * attributes of every single record.
 */
export interface MetricBackend {
  histogram(definition: MetricDefinition): (attributes: Attributes) => HistogramCell;
  counter(definition: MetricDefinition): (attributes: Attributes) => CounterCell;
}

/**
 * Records through SDK instruments: used where the host registered its own
 * meter provider, whose readers this package cannot reach.
 */
export class SdkMetricBackend implements MetricBackend {
  constructor(private readonly meter: Meter) {}

  histogram(definition: MetricDefinition): (attributes: Attributes) => HistogramCell {
    const histogram = this.meter.createHistogram(definition.name, {
      unit: definition.unit,
      description: definition.description,
      advice: { explicitBucketBoundaries: [...(definition.buckets ?? [])] },
    });
    return (attributes) => ({ record: (value) => histogram.record(value, attributes) });
  }

  counter(definition: MetricDefinition): (attributes: Attributes) => CounterCell {
    const options = { unit: definition.unit, description: definition.description };
    const counter =
      definition.kind === 'updown_counter'
        ? this.meter.createUpDownCounter(definition.name, options)
        : this.meter.createCounter(definition.name, options);
    return (attributes) => ({ add: (value) => counter.add(value, attributes) });
  }
}
