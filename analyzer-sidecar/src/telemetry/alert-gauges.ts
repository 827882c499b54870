/**
 * The per-workflow gauges alert rules read (provisioning/prometheus/rules),
 * named by the conventions module. Published whole after each analysis pass:
 * a workflow or band no longer reported loses its series.
 */
import { ANALYZER_ALERT_METRICS as M, SEVERITY_BANDS, type SeverityBand } from '@rpa-analytics/conventions';
import { Gauge, type Registry } from 'prom-client';

export interface WorkflowAlertValues {
  workflow_id: string;
  /** completed / (completed + failed) over the success-rate window, 0..1; null when nothing finished. */
  success_ratio: number | null;
  /** Relative change of the current period's median against the baseline (0.35 = 35 % slower); null without data. */
  degradation_ratio: number | null;
  /** p99 of completed execution durations over baseline and current periods, seconds. */
  p99_duration_seconds: number | null;
  /** Age of the oldest execution still running; null when none. */
  running_max_age_seconds: number | null;
  anomalies_open: Readonly<Record<SeverityBand, number>>;
}

const LABEL = 'rpa_workflow_id';

export function createAlertGauges(registry: Registry) {
  const registers = [registry];
  const gauge = (name: string, help: string, labelNames: string[] = [LABEL]) =>
    new Gauge({ name, help, labelNames, registers });
  const successRate = gauge(
    M.successRate,
    'Success rate of finished executions over the success-rate window, ratio 0..1',
  );
  const degradation = gauge(
    M.degradation,
    'Relative change of the median duration, current period vs baseline, ratio (0.35 = 35 % slower)',
  );
  const p99 = gauge(
    M.p99Duration,
    'p99 duration of completed executions (baseline and current periods), seconds',
  );
  const runningAge = gauge(M.oldestRunningExecution, 'Age of the oldest execution still running, seconds');
  const anomalies = gauge(M.anomaliesOpen, 'Open anomalies by severity band', [LABEL, 'severity']);

  function publish(values: readonly WorkflowAlertValues[]): void {
    for (const g of [successRate, degradation, p99, runningAge, anomalies]) g.reset();
    for (const v of values) {
      const labels = { [LABEL]: v.workflow_id };
      if (v.success_ratio !== null) successRate.set(labels, v.success_ratio);
      if (v.degradation_ratio !== null) degradation.set(labels, v.degradation_ratio);
      if (v.p99_duration_seconds !== null) p99.set(labels, v.p99_duration_seconds);
      if (v.running_max_age_seconds !== null) runningAge.set(labels, v.running_max_age_seconds);
      for (const band of Object.values(SEVERITY_BANDS))
        anomalies.set({ ...labels, severity: band }, v.anomalies_open[band]);
    }
  }

  return { publish };
}

export type AlertGauges = ReturnType<typeof createAlertGauges>;
