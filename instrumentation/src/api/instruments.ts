import type { Attributes, Counter, Histogram, Meter, UpDownCounter } from '@opentelemetry/api';
import { ATTR, DROP_REASON, METRICS, type MetricDefinition } from '../conventions';
import type { DropCounter } from '../sdk/drop-counter';

/**
 * Reuses one attribute object per label set, and knows how many label sets a
 * metric has, so that a metric past its series limit is counted as overflowing
 * (the SDK folds such samples into its overflow series silently).
 */
class LabelSets {
  private readonly sets = new Map<string, Attributes>();

  constructor(
    private readonly metric: string,
    private readonly limit: number,
    private readonly drops: DropCounter,
  ) {}

  get(key: string, build: () => Attributes): Attributes {
    const known = this.sets.get(key);
    if (known) return known;
    if (this.sets.size >= this.limit) {
      this.drops.report(
        DROP_REASON.cardinalityOverflow,
        `${this.metric} passed its series limit (${this.limit}); raise RPA_METRICS_CARDINALITY_LIMIT`,
      );
      return build();
    }
    const attributes = Object.freeze(build());
    this.sets.set(key, attributes);
    return attributes;
  }
}

function histogram(meter: Meter, definition: MetricDefinition): Histogram {
  return meter.createHistogram(definition.name, {
    unit: definition.unit,
    description: definition.description,
    advice: { explicitBucketBoundaries: [...(definition.buckets ?? [])] },
  });
}

/** The contract's RPA metrics, recorded with cached label sets. */
export class RpaInstruments {
  private readonly executionDuration: Histogram;
  private readonly executions: Counter;
  private readonly executionsActive: UpDownCounter;
  private readonly stepDuration: Histogram;
  private readonly stepRetries: Counter;
  private readonly stepConfidence: Histogram;
  private readonly recoveries: Counter;
  private readonly executionLabels: LabelSets;
  private readonly workflowLabels: LabelSets;
  private readonly stepLabels: LabelSets;
  private readonly actionLabels: LabelSets;
  private readonly recoveryLabels: LabelSets;

  constructor(meter: Meter, drops: DropCounter, cardinalityLimit: number) {
    this.executionDuration = histogram(meter, METRICS.executionDuration);
    this.executions = meter.createCounter(METRICS.executions.name, METRICS.executions);
    this.executionsActive = meter.createUpDownCounter(METRICS.executionsActive.name, METRICS.executionsActive);
    this.stepDuration = histogram(meter, METRICS.stepDuration);
    this.stepRetries = meter.createCounter(METRICS.stepRetries.name, METRICS.stepRetries);
    this.stepConfidence = histogram(meter, METRICS.stepConfidence);
    this.recoveries = meter.createCounter(METRICS.recoveries.name, METRICS.recoveries);
    const labels = (metric: string) => new LabelSets(metric, cardinalityLimit, drops);
    this.executionLabels = labels(METRICS.executions.name);
    this.workflowLabels = labels(METRICS.executionsActive.name);
    this.stepLabels = labels(METRICS.stepDuration.name);
    this.actionLabels = labels(METRICS.stepConfidence.name);
    this.recoveryLabels = labels(METRICS.recoveries.name);
    meter
      .createObservableCounter(METRICS.telemetryDropped.name, METRICS.telemetryDropped)
      .addCallback((result) => {
        for (const [reason, count] of drops.entries()) result.observe(count, { reason });
      });
  }

  executionStarted(workflowId: string): void {
    this.executionsActive.add(1, this.workflowAttributes(workflowId));
  }

  /** An execution that finished live: it leaves the active gauge. */
  executionFinished(workflowId: string, status: string, durationSeconds: number): void {
    this.executionsActive.add(-1, this.workflowAttributes(workflowId));
    this.executionRecorded(workflowId, status, durationSeconds);
  }

  /** An execution timed by the executor: it was never active here. */
  executionRecorded(workflowId: string, status: string, durationSeconds: number): void {
    const attributes = this.executionLabels.get(workflowId + '\u0001' + status, () => ({
      [ATTR.workflowId]: workflowId,
      [ATTR.executionStatus]: status,
    }));
    this.executionDuration.record(durationSeconds, attributes);
    this.executions.add(1, attributes);
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
    const stepAttributes = this.stepLabels.get(key + '\u0001' + status, () => ({
      [ATTR.workflowId]: workflowId,
      [ATTR.stepActionType]: actionType,
      [ATTR.stepStatus]: status,
    }));
    this.stepDuration.record(durationSeconds, stepAttributes);
    if (confidence === undefined && retries === 0) return;
    const actionAttributes = this.actionLabels.get(key, () => ({
      [ATTR.workflowId]: workflowId,
      [ATTR.stepActionType]: actionType,
    }));
    if (confidence !== undefined) this.stepConfidence.record(confidence, actionAttributes);
    if (retries > 0) this.stepRetries.add(retries, actionAttributes);
  }

  recoveryRecorded(workflowId: string, strategy: string, outcome: string): void {
    const attributes = this.recoveryLabels.get(workflowId + '\u0001' + strategy + '\u0001' + outcome, () => ({
      [ATTR.workflowId]: workflowId,
      [ATTR.recoveryStrategy]: strategy,
      [ATTR.recoveryOutcome]: outcome,
    }));
    this.recoveries.add(1, attributes);
  }

  private workflowAttributes(workflowId: string): Attributes {
    return this.workflowLabels.get(workflowId, () => ({ [ATTR.workflowId]: workflowId }));
  }
}
