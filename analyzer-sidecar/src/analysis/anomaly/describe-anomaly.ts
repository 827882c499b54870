/** Human text of an anomaly: what deviated, by how much, and what to look at. */
import { METRIC, type MetricSeries } from './metric-series';
import type { Episode } from './episode';

export interface AnomalyText {
  description: string;
  recommended_action: string;
}

interface DescribeInput {
  series: Pick<MetricSeries, 'workflow_id' | 'metric_name' | 'kind'>;
  episode: Episode;
  baseline_value: number;
  actual_value: number;
}

const round = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toString() : x.toPrecision(3));

function subject(metric: string): string {
  if (metric === METRIC.executionDuration) return 'Execution duration';
  if (metric === METRIC.failureRate) return 'Failure rate';
  if (metric === METRIC.cpuPercent) return 'CPU usage';
  if (metric === METRIC.memoryMb) return 'Memory usage';
  return `Duration of step ${metric.slice(METRIC.stepDuration.length + 1)}`;
}

function action(metric: string, up: boolean): string {
  if (!up)
    return 'Check that the executions still do all their work (skipped steps, early exits) before treating this as a gain.';
  if (metric === METRIC.failureRate)
    return 'Open the failure categories for this period and the traces of the failed executions; an application or network outage is likely.';
  if (metric === METRIC.cpuPercent || metric === METRIC.memoryMb)
    return 'Check what else ran on the executor hosts at that time and whether the workflow leaks resources across steps.';
  if (metric === METRIC.executionDuration)
    return 'Compare the slowest steps of these executions with the baseline; check the target applications and host load at that time.';
  return 'Inspect this step in the listed executions: waits, selectors and the responsiveness of the target application.';
}

export function describeAnomaly({
  series,
  episode,
  baseline_value,
  actual_value,
}: DescribeInput): AnomalyText {
  const up = episode.sign > 0;
  const isRate = series.kind === 'rate';
  const value = (x: number) => (isRate ? `${round(x * 100)} %` : round(x));
  const ratio = !isRate && baseline_value > 0 ? ` (${round(actual_value / baseline_value)}× usual)` : '';
  const who =
    episode.kind === 'point'
      ? `${series.workflow_id} (one ${isRate ? 'window' : 'observation'})`
      : series.workflow_id;
  const shift = episode.levelShift ? ' The new level persisted and has been adopted as the baseline.' : '';
  return {
    description:
      `${subject(series.metric_name)} of ${who} was ${up ? 'above' : 'below'} its baseline: ` +
      `${value(actual_value)} vs ${value(baseline_value)}${ratio}, ${round(Math.abs(episode.peakDeviation))} standard deviations.${shift}`,
    recommended_action: action(series.metric_name, up),
  };
}
