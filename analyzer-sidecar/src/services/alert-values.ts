/**
 * The values behind the alert gauges, per workflow: success rate over the
 * success-rate window, degradation of the current period, p99 over baseline
 * and current periods, age of the oldest running execution, and open
 * anomalies by severity band. An anomaly is open while its last involved
 * observation is within OPEN_ANOMALY_MS of now (the seed's correlation window).
 */
import { severityBand, SEVERITY_BANDS, type SeverityBand } from '@rpa-analytics/conventions';
import { detectPerformanceDegradation } from '../analysis/degradation';
import type { Anomaly } from '../model/analysis';
import type { WorkflowAlertValues } from '../telemetry/alert-gauges';
import type { AnalysisContext } from './analysis-context';
import { recentPeriods } from './periods';
import { durationSummaries, EMPTY_SUMMARY } from './workflow-metrics';

export const OPEN_ANOMALY_MS = 30 * 60_000;

function openBands(anomalies: readonly Anomaly[], now: number): Map<string, Record<SeverityBand, number>> {
  const byWorkflow = new Map<string, Record<SeverityBand, number>>();
  for (const a of anomalies) {
    if (a.ended_at < now - OPEN_ANOMALY_MS) continue;
    const bands = byWorkflow.get(a.workflow_id) ?? { low: 0, medium: 0, high: 0 };
    bands[severityBand(a.severity)] += 1;
    byWorkflow.set(a.workflow_id, bands);
  }
  return byWorkflow;
}

export async function computeAlertValues(
  context: AnalysisContext,
  anomalies: readonly Anomaly[],
): Promise<WorkflowAlertValues[]> {
  const now = context.now();
  const p = recentPeriods(context.config, now);
  const rateFrom = now + 1 - context.config.successRateWindowMs;
  const [rates, baseline, current, overall, running] = await Promise.all([
    context.store.successRates({ from: rateFrom, to: now + 1 }),
    durationSummaries(context.store, p.baseline),
    durationSummaries(context.store, p.current),
    durationSummaries(context.store, { from: p.baseline.from, to: p.current.to }),
    context.analysisStore.runningExecutions(p.lookback.from),
  ]);
  const bands = openBands(anomalies, now);
  const ids = new Set([...rates.map((r) => r.workflow_id), ...overall.keys(), ...bands.keys()]);
  for (const r of running) ids.add(r.workflow_id);
  const rateOf = new Map(rates.map((r) => [r.workflow_id, r]));
  const runningOf = new Map(running.map((r) => [r.workflow_id, r.oldest_started_at]));
  return [...ids].sort().map((id) => {
    const rate = rateOf.get(id);
    const finished = rate ? rate.completed + rate.failed : 0;
    const oldest = runningOf.get(id);
    const p99 = overall.get(id)?.p99_duration_ms ?? null;
    const changePercent = detectPerformanceDegradation(
      id,
      baseline.get(id) ?? EMPTY_SUMMARY,
      current.get(id) ?? EMPTY_SUMMARY,
    ).change_percent;
    return {
      workflow_id: id,
      success_ratio: rate && finished > 0 ? rate.completed / finished : null,
      degradation_ratio: changePercent === null ? null : changePercent / 100,
      p99_duration_seconds: p99 === null ? null : p99 / 1000,
      running_max_age_seconds: oldest === undefined ? null : Math.max(0, now - oldest) / 1000,
      anomalies_open: bands.get(id) ?? { ...ZERO_BANDS },
    };
  });
}

const ZERO_BANDS: Record<SeverityBand, number> = Object.fromEntries(
  Object.values(SEVERITY_BANDS).map((b) => [b, 0]),
) as Record<SeverityBand, number>;
