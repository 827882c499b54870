/**
 * Best practices from comparing similar workflows (seed task 7.3). Workflows
 * are similar when the sets of action types they use overlap (Jaccard ≥ 0.5).
 * For each action type a workflow shares with a similar peer that runs it at
 * least 1.5× faster, on at least 10 steps each, the workflow gets an insight
 * naming the peer and the evidence, expecting half the gap closed; likewise
 * for a peer whose success rate is at least 10 points higher.
 */
import { formatNumber as fmt, type InsightDraft } from './build-insight';
import { INSIGHT_THRESHOLDS as T, type WorkflowAnalysis } from './workflow-analysis';

interface ActionStats {
  count: number;
  avg: number;
}

export function actionStats(a: WorkflowAnalysis): Map<string, ActionStats> {
  const totals = new Map<string, { count: number; total: number }>();
  for (const n of a.nodes) {
    const t = totals.get(n.action_type) ?? { count: 0, total: 0 };
    totals.set(n.action_type, { count: t.count + n.count, total: t.total + n.total_duration_ms });
  }
  return new Map(
    [...totals]
      .filter(([, t]) => t.count > 0)
      .map(([k, t]) => [k, { count: t.count, avg: t.total / t.count }]),
  );
}

export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const union = new Set([...a, ...b]).size;
  return union === 0 ? 0 : [...a].filter((x) => b.has(x)).length / union;
}

function fasterPeerInsight(
  a: WorkflowAnalysis,
  action: string,
  own: ActionStats,
  peer: WorkflowAnalysis,
  theirs: ActionStats,
): InsightDraft | null {
  const avg = a.performance.avg_duration_ms;
  const runs = a.performance.execution_count;
  if (avg === null || runs === 0) return null;
  // Closing half of the gap: the peer's steps may do less work under the same action type.
  const saved = Math.min(avg * 0.9, (0.5 * (own.avg - theirs.avg) * own.count) / runs);
  return {
    workflow_id: a.workflow_id,
    category: 'best_practice',
    key: `peer-speed:${action}`,
    title: `${peer.workflow_id} runs ${action} steps ${(own.avg / theirs.avg).toFixed(1)}× faster`,
    description: `Here, ${action} steps average ${fmt(own.avg)} ms over ${own.count} steps; in the similar workflow ${peer.workflow_id} they average ${fmt(theirs.avg)} ms over ${theirs.count}.`,
    recommendation: `Look at how ${peer.workflow_id} implements its ${action} steps (waits, selectors, reuse of the application session) and apply the same here.`,
    ease: 'medium',
    metric: 'avg_duration_ms',
    baseline_value: avg,
    expected_value: avg - saved,
    evidence: Math.min(own.count, theirs.count),
    supporting_data: { action_type: action, peer_workflow_id: peer.workflow_id, own, peer: theirs },
  };
}

function bestSpeedInsights(a: WorkflowAnalysis, peers: readonly WorkflowAnalysis[]): InsightDraft[] {
  const mine = actionStats(a);
  const drafts: InsightDraft[] = [];
  for (const [action, own] of [...mine].sort(([x], [y]) => (x < y ? -1 : 1))) {
    if (own.count < T.minPeerSteps) continue;
    let best: { peer: WorkflowAnalysis; stats: ActionStats } | null = null;
    for (const peer of peers) {
      const theirs = actionStats(peer).get(action);
      if (!theirs || theirs.count < T.minPeerSteps || own.avg < T.peerSpeedup * theirs.avg) continue;
      if (!best || theirs.avg < best.stats.avg) best = { peer, stats: theirs };
    }
    const draft = best && fasterPeerInsight(a, action, own, best.peer, best.stats);
    if (draft) drafts.push(draft);
  }
  return drafts;
}

function successPeerInsight(a: WorkflowAnalysis, peers: readonly WorkflowAnalysis[]): InsightDraft | null {
  const own = a.reliability;
  if (!own || own.success_rate === null || own.total < T.minFinishedForReliability) return null;
  const rate = (p: WorkflowAnalysis) =>
    (p.reliability && p.reliability.total >= T.minFinishedForReliability
      ? p.reliability.success_rate
      : null) ?? -1;
  const peer = [...peers].sort((x, y) => rate(y) - rate(x))[0];
  if (!peer || rate(peer) < own.success_rate + T.peerSuccessGap) return null;
  return {
    workflow_id: a.workflow_id,
    category: 'best_practice',
    key: `peer-success:${peer.workflow_id}`,
    title: `Similar workflow ${peer.workflow_id} succeeds ${rate(peer).toFixed(1)} % of the time against ${own.success_rate.toFixed(1)} %`,
    description: `${peer.workflow_id} uses mostly the same actions and fails far less (${peer.reliability?.failed} of ${peer.reliability?.total} against ${own.failed} of ${own.total}).`,
    recommendation: `Compare the error handling, waits and retry policy of ${peer.workflow_id} with this workflow's and adopt what differs.`,
    ease: 'medium',
    metric: 'success_rate',
    baseline_value: own.success_rate,
    expected_value: own.success_rate + 0.5 * (rate(peer) - own.success_rate),
    evidence: Math.min(own.total, peer.reliability?.total ?? 0),
    unit: ' %',
    supporting_data: { peer_workflow_id: peer.workflow_id, own: own, peer: peer.reliability },
  };
}

/** Best-practice drafts for every workflow against its similar peers. */
export function bestPracticeInsights(analyses: readonly WorkflowAnalysis[]): InsightDraft[] {
  const actionSets = new Map(analyses.map((a) => [a.workflow_id, new Set(actionStats(a).keys())]));
  return analyses.flatMap((a) => {
    const mine = actionSets.get(a.workflow_id) as Set<string>;
    const peers = analyses.filter(
      (p) =>
        p.workflow_id !== a.workflow_id &&
        similarity(mine, actionSets.get(p.workflow_id) as Set<string>) >= T.peerSimilarity,
    );
    const success = successPeerInsight(a, peers);
    return [...bestSpeedInsights(a, peers), ...(success ? [success] : [])];
  });
}
