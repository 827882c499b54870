/**
 * Planted truth: the analyses recover what was planted in a generated history
 * (bottlenecks, failure mixes, degradation, spikes, the correlated incident).
 */
import type { Anomaly } from '../model/analysis';
import { correlateAnomalies } from './anomaly/correlate-anomalies';
import { detectAnomalies } from './anomaly/detect-anomalies';
import { identifyBottlenecks } from './bottlenecks';
import { detectPerformanceDegradation } from './degradation';
import { categorizeFailures, failuresFromRecords } from './failure-breakdown';
import { selectDurations } from './performance';
import { summarizeDurations } from './statistics';
import { summarizeSteps } from './step-summaries';
import { FAILURE_SAMPLES } from './test-support/synthetic-history';
import * as P from './test-support/planted-history';

const { executions, steps } = P.plantedHistory();
const workflows = P.plantedWorkflows().map((w) => w.workflow_id);
const report = detectAnomalies(executions, steps, { now: P.PLANTED_FROM + P.PLANTED_DAYS * P.DAY });
const overlaps = (a: Anomaly, from: number, to: number) => a.started_at < to && a.ended_at >= from;

describe('planted truth', () => {
  it.each(workflows)('finds the planted bottleneck of %s first', (wf) => {
    const [top] = identifyBottlenecks(summarizeSteps(steps.filter((s) => s.workflow_id === wf)));
    expect(top?.node_id).toBe(P.plantedBottleneck(wf));
    expect(top?.share_of_execution_time).toBeGreaterThan(0.5);
  });

  it.each(workflows)('recovers the failure mix of %s exactly', (wf) => {
    const own = executions.filter((e) => e.workflow_id === wf);
    const { categories } = categorizeFailures(failuresFromRecords(own, steps));
    const planted = new Map<string, number>();
    for (const e of own.filter((x) => x.status === 'failed')) {
      const category = Object.entries(FAILURE_SAMPLES).find(
        ([, s]) => s.message === e.error_message,
      )?.[0] as string;
      planted.set(category, (planted.get(category) ?? 0) + 1);
    }
    expect(new Map(categories.map((c) => [c.category, c.count]))).toEqual(planted);
    const dominant = P.CATEGORIES[Number(wf.slice(3))];
    // the outage (network) is planted on top of the mix; the dominant category leads the rest
    expect(categories.filter((c) => c.category !== 'network' || dominant === 'network')[0]?.category).toBe(
      dominant,
    );
  });

  it.each(workflows)('flags degradation of %s only where planted', (wf) => {
    const period = (fromDay: number, toDay: number) => ({
      from: P.PLANTED_FROM + fromDay * P.DAY,
      to: P.PLANTED_FROM + toDay * P.DAY,
    });
    const summary = (fromDay: number, toDay: number) =>
      summarizeDurations(selectDurations(executions, { workflowId: wf, period: period(fromDay, toDay) }));
    const d = detectPerformanceDegradation(wf, summary(0, 14), summary(14, 21));
    expect(d.degraded).toBe(wf === P.DEGRADING);
    if (wf === P.DEGRADING) expect(d.change_percent).toBeGreaterThan(35);
  });

  it('recovers at least 90 % of the planted spikes on the right metric', () => {
    const spikes = P.plantedSpikes();
    const found = spikes.filter((s) =>
      report.anomalies.some(
        (a) =>
          a.workflow_id === s.workflow_id &&
          a.metric_name === s.metric &&
          overlaps(a, s.event.from, s.event.to),
      ),
    );
    console.log(`planted spikes recovered: ${found.length}/${spikes.length}`);
    expect(found.length / spikes.length).toBeGreaterThanOrEqual(0.9);
  });

  it('puts the correlated incident into one group of exactly its workflows', () => {
    const groups = correlateAnomalies(report.anomalies);
    const incident = groups.filter((g) => g.started_at < P.INCIDENT.to && g.ended_at >= P.INCIDENT.from);
    expect(incident).toHaveLength(1);
    expect(incident[0]!.workflow_ids).toEqual(P.INCIDENT.workflow_ids);
  });

  it('raises few anomalies outside the planted events', () => {
    const spans = [
      ...P.plantedSpikes().map((s) => ({ wf: [s.workflow_id], ...s.event })),
      { wf: P.INCIDENT.workflow_ids, ...P.INCIDENT },
    ];
    const stray = report.anomalies.filter(
      (a) =>
        !(a.workflow_id === P.DEGRADING && a.ended_at >= P.DEGRADATION_STARTS) &&
        !spans.some(
          (s) => s.wf.includes(a.workflow_id) && a.started_at < s.to + 3 * P.HOUR && a.ended_at >= s.from,
        ),
    );
    console.log(
      `stray anomalies: ${stray.length} in ${workflows.length * P.PLANTED_DAYS} workflow-days`,
      stray.map((a) => `${a.workflow_id} ${a.metric_name} ${a.deviation.toFixed(2)}`),
    );
    expect(stray.length / (workflows.length * P.PLANTED_DAYS)).toBeLessThan(0.05);
  });
});
