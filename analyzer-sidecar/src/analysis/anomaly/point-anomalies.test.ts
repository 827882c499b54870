import { spikeHistory, scoreSpikes } from '../test-support/planted-spikes';
import { correlateAnomalies } from './correlate-anomalies';
import { detectAnomalies } from './detect-anomalies';

const history = spikeHistory();
const { anomalies } = detectAnomalies(history.executions, history.steps, { now: 0 });

describe('point anomalies (single-run spikes)', () => {
  it('flags at least 90 % of the planted runs at severity >= 0.7 with at least 80 % precision', () => {
    const score = scoreSpikes(anomalies, [...history.spikes, ...history.incident], 0.7);
    console.log(
      `single-run spikes: recall ${score.found}/${score.planted}, precision ${(score.precision * 100).toFixed(1)} % of ${score.flagged}`,
      score.missed,
      score.false_alarms.map((a) => `${a.workflow_id} ${a.metric_name} ${a.kind} ${a.deviation.toFixed(2)}`),
    );
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
    expect(score.precision).toBeGreaterThanOrEqual(0.8);
  });

  it('correlates the four workflows of the incident into one group', () => {
    const ids = new Set(history.incident.map((r) => r.execution_id));
    const groups = correlateAnomalies(anomalies).filter((g) =>
      g.anomalies.some((a) => a.execution_ids.some((id) => ids.has(id))),
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]!.workflow_ids).toEqual(history.incident.map((r) => r.workflow_id).sort());
  });

  it('marks spikes as point anomalies, resolved by the next ordinary run', () => {
    const spike = anomalies.find((a) => a.execution_ids.includes(history.spikes[0]!.execution_id));
    expect(spike).toMatchObject({
      kind: 'point',
      status: 'resolved',
      execution_ids: [history.spikes[0]!.execution_id],
    });
  });
});
