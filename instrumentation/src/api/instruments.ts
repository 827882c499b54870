import type { Attributes, Meter } from '@opentelemetry/api';
import { ATTR, DROP_REASON, METRICS } from '../conventions';
import type { DropCounter } from '../sdk/drop-counter';
import type { CounterCell, HistogramCell, MetricBackend } from '../sdk/metric-backend';

/** OpenTelemetry's attribute for the series that takes samples past a metric's limit. */
const OVERFLOW_ATTRIBUTES: Attributes = Object.freeze({ 'otel.metric.overflow': true });

/**
 * The cells of one metric, one per label set, found by a string key. Past the
 * series limit, samples go to one overflow cell and are counted as dropped.
 */
class LabelSets<C> {
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

/** The contract's RPA metrics, recorded into cells bound once per label set. */
export class RpaInstruments {
  private readonly executionDuration: LabelSets<HistogramCell>;
  private readonly executions: LabelSets<CounterCell>;
  private readonly executionsActive: LabelSets<CounterCell>;
  private readonly stepDuration: LabelSets<HistogramCell>;
  private readonly stepRetries: LabelSets<CounterCell>;
  private readonly stepConfidence: LabelSets<HistogramCell>;
  private readonly recoveries: LabelSets<CounterCell>;

  constructor(backend: MetricBackend, drops: DropCounter, cardinalityLimit: number) {
    const histogram = (definition: (typeof METRICS)[keyof typeof METRICS]) =>
      new LabelSets(definition.name, backend.histogram(definition), cardinalityLimit, drops);
    const counter = (definition: (typeof METRICS)[keyof typeof METRICS]) =>
      new LabelSets(definition.name, backend.counter(definition), cardinalityLimit, drops);
    this.executionDuration = histogram(METRICS.executionDuration);
    this.executions = counter(METRICS.executions);
    this.executionsActive = counter(METRICS.executionsActive);
    this.stepDuration = histogram(METRICS.stepDuration);
    this.stepRetries = counter(METRICS.stepRetries);
    this.stepConfidence = histogram(METRICS.stepConfidence);
    this.recoveries = counter(METRICS.recoveries);
  }

  /** Exposes `rpa_telemetry_dropped_total` from the drop counter, read at collection. */
  static registerDropCounter(meter: Meter, drops: DropCounter): void {
    meter
      .createObservableCounter(METRICS.telemetryDropped.name, {
        unit: METRICS.telemetryDropped.unit,
        description: METRICS.telemetryDropped.description,
      })
      .addCallback((result) => {
        for (const [reason, count] of drops.entries()) result.observe(count, { reason });
      });
  }

  executionStarted(workflowId: string): void {
    this.activeCell(workflowId).add(1);
  }

  /** An execution that finished live: it leaves the active gauge. */
  executionFinished(workflowId: string, status: string, durationSeconds: number): void {
    this.activeCell(workflowId).add(-1);
    this.executionRecorded(workflowId, status, durationSeconds);
  }

  /** An execution timed by the executor: it was never active here. */
  executionRecorded(workflowId: string, status: string, durationSeconds: number): void {
    const key = workflowId + '\u0001' + status;
    const attributes = () => ({ [ATTR.workflowId]: workflowId, [ATTR.executionStatus]: status });
    this.executionDuration.get(key, attributes).record(durationSeconds);
    this.executions.get(key, attributes).add(1);
  }

  stepFinished(
    workflowId: string,
    actionType: string,
    status: string,
    durationSeconds: number,
    confidence: number | undefined,
    retries: number,
  ): void {
    const key = workflowId + '\u0001' + actionType;
    this.stepDuration
      .get(key + '\u0001' + status, () => ({
        [ATTR.workflowId]: workflowId,
        [ATTR.stepActionType]: actionType,
        [ATTR.stepStatus]: status,
      }))
      .record(durationSeconds);
    const actionAttributes = () => ({ [ATTR.workflowId]: workflowId, [ATTR.stepActionType]: actionType });
    if (confidence !== undefined) this.stepConfidence.get(key, actionAttributes).record(confidence);
    if (retries > 0) this.stepRetries.get(key, actionAttributes).add(retries);
  }

  recoveryRecorded(workflowId: string, strategy: string, outcome: string): void {
    const key = workflowId + '\u0001' + strategy + '\u0001' + outcome;
    const attributes = () => ({
      [ATTR.workflowId]: workflowId,
      [ATTR.recoveryStrategy]: strategy,
      [ATTR.recoveryOutcome]: outcome,
    });
    this.recoveries.get(key, attributes).add(1);
  }

  private activeCell(workflowId: string): CounterCell {
    return this.executionsActive.get(workflowId, () => ({ [ATTR.workflowId]: workflowId }));
  }
}
