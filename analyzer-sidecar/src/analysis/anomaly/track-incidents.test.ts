import type { Anomaly } from '../../model/analysis';
import { trackIncidents } from './track-incidents';

const MIN = 60_000;
function anomaly(id: string, workflow_id: string, startMin: number, status: Anomaly['status']): Anomaly {
  return {
    anomaly_id: id,
    workflow_id,
    metric_name: 'execution_duration_ms',
    kind: 'point',
    status,
    detected_at: 0,
    resolved_at: status === 'open' ? null : 1,
    severity: 0.8,
    deviation: 6,
    baseline_value: 1,
    actual_value: 6,
    description: '',
    recommended_action: null,
    started_at: startMin * MIN,
    ended_at: startMin * MIN,
    execution_ids: [id],
  };
}

describe('trackIncidents', () => {
  it('opens an incident, keeps its id as members join, resolves it when all members resolve', () => {
    const first = trackIncidents([], [anomaly('a', 'w1', 0, 'open'), anomaly('b', 'w2', 1, 'open')], 100);
    expect(first.opened).toHaveLength(1);
    const id = first.opened[0]!.group_id;
    const second = trackIncidents(
      first.changed,
      [anomaly('a', 'w1', 0, 'resolved'), anomaly('b', 'w2', 1, 'open'), anomaly('c', 'w3', 2, 'open')],
      200,
    );
    expect(second.opened).toEqual([]);
    expect(second.changed.map((i) => [i.group_id, i.workflow_ids, i.status])).toEqual([
      [id, ['w1', 'w2', 'w3'], 'open'],
    ]);
    const third = trackIncidents(
      second.changed,
      ['a', 'b', 'c'].map((x, i) => anomaly(x, `w${i + 1}`, i, 'resolved')),
      300,
    );
    expect(third.resolved.map((i) => [i.group_id, i.resolved_at, i.detected_at])).toEqual([[id, 300, 100]]);
    expect(trackIncidents(third.changed, third.changed[0]!.anomalies, 400).changed).toEqual([]);
  });
});
