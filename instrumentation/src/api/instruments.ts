import type { Meter } from '@opentelemetry/api';
import { ATTR, METRICS, STEP_ACTION_ROLLUP } from '../conventions';
import type { DropCounter } from '../sdk/drop-counter';
import { LabelSets } from '../sdk/label-sets';
import type { CounterCell, HistogramCell, MetricBackend } from '../sdk/metric-backend';
import { histogramSeries, SeriesBudget } from '../sdk/series-budget';

type Definition = (typeof METRICS)[keyof typeof METRICS];

/** The cells one (workflow, action type) records its steps into, bound on first use. */
interface StepCells {
  readonly workflowId: string;
  /** The action type, or `_other` past the series budget. */
  readonly actionLabel: string;
  readonly durations: Partial<Record<string, HistogramCell>>;
  confidence: HistogramCell | undefined;
  retries: CounterCell | undefined;
}

/** Limits of the RPA metrics: label sets per metric, and the series per-action step detail may use. */
export interface InstrumentLimits {
  readonly cardinalityLimit: number;
  readonly seriesBudget: number;
}

/**
 * The contract's RPA metrics, recorded into cells bound once per label set.
 * Per-action step detail takes series from a budget; past it, the steps of a
 * new (workflow, action type) are recorded under `rpa_step_action_type="_other"`
 * for their workflow, so that per-workflow figures stay whole (per-action
 * detail is the analyzer's, from the spans).
 */
export class RpaInstruments {
  private readonly executionDuration: LabelSets<HistogramCell>;
  private readonly executions: LabelSets<CounterCell>;
  private readonly executionsActive: LabelSets<CounterCell>;
  private readonly stepDuration: LabelSets<HistogramCell>;
  private readonly stepRetries: LabelSets<CounterCell>;
  private readonly stepConfidence: LabelSets<HistogramCell>;
  private readonly recoveries: LabelSets<CounterCell>;
  private readonly stepCells = new Map<string, StepCells>();
  private readonly rollups = new Map<string, StepCells>();
  private readonly budget: SeriesBudget;
  /** What one (workflow, action type) may cost: three step statuses, confidence, retries. */
  private readonly seriesPerAction =
    3 * histogramSeries(METRICS.stepDuration.buckets) + histogramSeries(METRICS.stepConfidence.buckets) + 1;

  constructor(
    backend: MetricBackend,
    private readonly drops: DropCounter,
    private readonly limits: InstrumentLimits,
  ) {
    const histogram = (definition: Definition) =>
      new LabelSets(definition.name, backend.histogram(definition), limits.cardinalityLimit, drops);
    const counter = (definition: Definition) =>
      new LabelSets(definition.name, backend.counter(definition), limits.cardinalityLimit, drops);
    this.executionDuration = histogram(METRICS.executionDuration);
    this.executions = counter(METRICS.executions);
    this.executionsActive = counter(METRICS.executionsActive);
    this.stepDuration = histogram(METRICS.stepDuration);
    this.stepRetries = counter(METRICS.stepRetries);
    this.stepConfidence = histogram(METRICS.stepConfidence);
    this.recoveries = counter(METRICS.recoveries);
    this.budget = new SeriesBudget(limits.seriesBudget);
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
    const cells =
      this.stepCells.get(workflowId + '\u0001' + actionType) ?? this.admit(workflowId, actionType);
    (cells.durations[status] ??= this.durationCell(cells, status)).record(durationSeconds);
    if (confidence !== undefined) (cells.confidence ??= this.confidenceCell(cells)).record(confidence);
    if (retries > 0) (cells.retries ??= this.retriesCell(cells)).add(retries);
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

  /** Series the per-action step detail uses so far (the budget's spent part). */
  get stepDetailSeries(): number {
    return this.budget.spent;
  }

  private activeCell(workflowId: string): CounterCell {
    return this.executionsActive.get(workflowId, () => ({ [ATTR.workflowId]: workflowId }));
  }

  /** Binds a (workflow, action type) to its own cells while the budget lasts, else to its workflow's rollup. */
  private admit(workflowId: string, actionType: string): StepCells {
    const bounded = this.stepCells.size < this.limits.cardinalityLimit;
    if (bounded && this.budget.take(this.seriesPerAction)) {
      const cells = newStepCells(workflowId, actionType);
      this.stepCells.set(workflowId + '\u0001' + actionType, cells);
      return cells;
    }
    this.reportRollup();
    let rollup = this.rollups.get(workflowId);
    if (!rollup) {
      rollup = newStepCells(workflowId, STEP_ACTION_ROLLUP);
      if (this.rollups.size < this.limits.cardinalityLimit) this.rollups.set(workflowId, rollup);
    }
    if (bounded) this.stepCells.set(workflowId + '\u0001' + actionType, rollup);
    return rollup;
  }

  private reportRollup(): void {
    this.drops.notice(
      `the metrics series budget (${this.limits.seriesBudget}) is spent: steps of further action types are ` +
        `recorded as ${ATTR.stepActionType}="${STEP_ACTION_ROLLUP}" per workflow ` +
        '(raise RPA_METRICS_SERIES_BUDGET; per-action detail is in the analyzer)',
    );
  }

  private durationCell(cells: StepCells, status: string): HistogramCell {
    return this.stepDuration.get(cells.workflowId + '\u0001' + cells.actionLabel + '\u0001' + status, () => ({
      [ATTR.workflowId]: cells.workflowId,
      [ATTR.stepActionType]: cells.actionLabel,
      [ATTR.stepStatus]: status,
    }));
  }

  private confidenceCell(cells: StepCells): HistogramCell {
    return this.stepConfidence.get(cells.workflowId + '\u0001' + cells.actionLabel, () =>
      actionAttributes(cells),
    );
  }

  private retriesCell(cells: StepCells): CounterCell {
    return this.stepRetries.get(cells.workflowId + '\u0001' + cells.actionLabel, () =>
      actionAttributes(cells),
    );
  }
}

function newStepCells(workflowId: string, actionLabel: string): StepCells {
  return { workflowId, actionLabel, durations: {}, confidence: undefined, retries: undefined };
}

function actionAttributes(cells: StepCells) {
  return { [ATTR.workflowId]: cells.workflowId, [ATTR.stepActionType]: cells.actionLabel };
}
