import type { Anomaly } from '../../model/analysis';
import { correlateAnomalies } from './correlate-anomalies';

const MIN = 60_000;

function anomaly(id: string, workflow_id: string, startMin: number, endMin: number): Anomaly {
  return {
    anomaly_id: id,
    workflow_id,
    metric_name: 'execution_duration_ms',
    kind: 'collective',
    status: 'resolved',
    detected_at: 0,
    resolved_at: 0,
    severity: 0.5,
    deviation: 4,
    baseline_value: 1,
    actual_value: 2,
    description: '',
    recommended_action: null,
    started_at: startMin * MIN,
    ended_at: endMin * MIN,
    execution_ids: [],
  };
}

describe('correlateAnomalies', () => {
  test.each([
    [
      'overlapping workflows form one incident',
      [
        ['a', 'w1', 0, 10],
        ['b', 'w2', 5, 20],
      ],
      [['w1', 'w2']],
    ],
    [
      'within the window they chain',
      [
        ['a', 'w1', 0, 10],
        ['b', 'w2', 35, 40],
      ],
      [['w1', 'w2']],
    ],
    [
      'past the window they do not',
      [
        ['a', 'w1', 0, 10],
        ['b', 'w2', 41, 50],
      ],
      [],
    ],
    [
      'one workflow alone is not systemic',
      [
        ['a', 'w1', 0, 10],
        ['b', 'w1', 5, 20],
      ],
      [],
    ],
    [
      'two incidents stay apart',
      [
        ['a', 'w1', 0, 10],
        ['b', 'w2', 1, 9],
        ['c', 'w3', 500, 510],
        ['d', 'w4', 505, 520],
      ],
      [
        ['w1', 'w2'],
        ['w3', 'w4'],
      ],
    ],
  ] as const)('%s', (_, rows, expected) => {
    const groups = correlateAnomalies(rows.map(([id, wf, s, e]) => anomaly(id, wf, s, e)));
    expect(groups.map((g) => g.workflow_ids)).toEqual(expected);
  });

  it('spans its members and has an id from its members', () => {
    const members = [anomaly('a', 'w1', 0, 10), anomaly('b', 'w2', 5, 20)];
    const [g1] = correlateAnomalies(members);
    const [g2] = correlateAnomalies([...members].reverse());
    expect([g1!.started_at, g1!.ended_at, g1!.anomalies.length]).toEqual([0, 20 * MIN, 2]);
    expect(g1!.group_id).toBe(g2!.group_id);
  });
});
