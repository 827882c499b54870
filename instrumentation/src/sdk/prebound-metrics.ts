import { ValueType, type Attributes, type HrTime } from '@opentelemetry/api';
import { hrTime } from '@opentelemetry/core';
import { emptyResource } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  DataPointType,
  type CollectionResult,
  type MetricData,
  type MetricProducer,
} from '@opentelemetry/sdk-metrics';
import { INSTRUMENTATION_SCOPE, type MetricDefinition } from '../conventions';
import type { CounterCell, HistogramCell, MetricBackend } from './metric-backend';

const SCOPE = { name: INSTRUMENTATION_SCOPE, version: '0.1.0' };

class PreboundHistogramCell implements HistogramCell {
  readonly counts: number[];
  sum = 0;
  count = 0;
  min = Infinity;
  max = -Infinity;
  readonly startTime: HrTime = hrTime();

  constructor(
    readonly attributes: Attributes,
    private readonly boundaries: readonly number[],
  ) {
    this.counts = new Array<number>(boundaries.length + 1).fill(0);
  }

  record(value: number): void {
    if (!Number.isFinite(value)) return;
    let bucket = 0;
    // Buckets are (b[i-1], b[i]], as OpenTelemetry and Prometheus's `le` define them.
    while (bucket < this.boundaries.length && value > (this.boundaries[bucket] as number)) bucket += 1;
    this.counts[bucket] = (this.counts[bucket] as number) + 1;
    this.sum += value;
    this.count += 1;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }
}

class PreboundCounterCell implements CounterCell {
  value = 0;
  readonly startTime: HrTime = hrTime();

  constructor(
    readonly attributes: Attributes,
    private readonly monotonic: boolean,
  ) {}

  add(value: number): void {
    if (!Number.isFinite(value) || (this.monotonic && value < 0)) return;
    this.value += value;
  }
}

interface Instrument<C> {
  readonly definition: MetricDefinition;
  readonly cells: C[];
}

/**
 * Aggregates the RPA metrics in cells bound once per label set, and hands
 * them to metric readers as a MetricProducer (cumulative temporality, as the
 * SDK's default readers expect).
 */
export class PreboundMetrics implements MetricBackend, MetricProducer {
  private readonly histograms: Array<Instrument<PreboundHistogramCell>> = [];
  private readonly counters: Array<Instrument<PreboundCounterCell>> = [];

  histogram(definition: MetricDefinition): (attributes: Attributes) => HistogramCell {
    const instrument: Instrument<PreboundHistogramCell> = { definition, cells: [] };
    this.histograms.push(instrument);
    return (attributes) => {
      const cell = new PreboundHistogramCell(attributes, definition.buckets ?? []);
      instrument.cells.push(cell);
      return cell;
    };
  }

  counter(definition: MetricDefinition): (attributes: Attributes) => CounterCell {
    const instrument: Instrument<PreboundCounterCell> = { definition, cells: [] };
    this.counters.push(instrument);
    return (attributes) => {
      const cell = new PreboundCounterCell(attributes, definition.kind === 'counter');
      instrument.cells.push(cell);
      return cell;
    };
  }

  async collect(): Promise<CollectionResult> {
    const now = hrTime();
    const metrics: MetricData[] = [
      ...this.histograms.filter((i) => i.cells.length > 0).map((i) => histogramData(i, now)),
      ...this.counters.filter((i) => i.cells.length > 0).map((i) => counterData(i, now)),
    ];
    return {
      resourceMetrics: { resource: emptyResource(), scopeMetrics: [{ scope: SCOPE, metrics }] },
      errors: [],
    };
  }
}

function descriptor(definition: MetricDefinition) {
  return {
    name: definition.name,
    description: definition.description,
    unit: definition.unit,
    valueType: ValueType.DOUBLE,
  };
}

function histogramData(instrument: Instrument<PreboundHistogramCell>, now: HrTime): MetricData {
  const boundaries = [...(instrument.definition.buckets ?? [])];
  return {
    descriptor: descriptor(instrument.definition),
    aggregationTemporality: AggregationTemporality.CUMULATIVE,
    dataPointType: DataPointType.HISTOGRAM,
    dataPoints: instrument.cells
      .filter((cell) => cell.count > 0)
      .map((cell) => ({
        startTime: cell.startTime,
        endTime: now,
        attributes: cell.attributes,
        value: {
          buckets: { boundaries, counts: [...cell.counts] },
          sum: cell.sum,
          count: cell.count,
          min: cell.min,
          max: cell.max,
        },
      })),
  };
}

function counterData(instrument: Instrument<PreboundCounterCell>, now: HrTime): MetricData {
  return {
    descriptor: descriptor(instrument.definition),
    aggregationTemporality: AggregationTemporality.CUMULATIVE,
    dataPointType: DataPointType.SUM,
    isMonotonic: instrument.definition.kind === 'counter',
    // A counter still at 0 is no information, only a series; a gauge at 0 is a value.
    dataPoints: instrument.cells
      .filter((cell) => cell.value !== 0 || instrument.definition.kind !== 'counter')
      .map((cell) => ({
        startTime: cell.startTime,
        endTime: now,
        attributes: cell.attributes,
        value: cell.value,
      })),
  };
}
