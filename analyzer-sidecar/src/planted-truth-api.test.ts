/**
 * Acceptance: a planted three-week history travels through the real
 * instrumentation (recordExecution with explicit times) over OTLP into a
 * listening sidecar, and the analysis API recovers what was planted: each
 * workflow's bottleneck, exactly the degraded workflow, the failure counts by
 * category, at least 90 % of the spikes, the cross-workflow incident as one
 * correlated group, and an insight for the degraded workflow.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as P from './analysis/test-support/planted-history';
import { FAILURE_SAMPLES } from './analysis/test-support/synthetic-history';
import type { ExecutionRecord, StepRecord } from './model/records';
import { bearer, startTestApp, type TestApp } from './test-support/test-app';

const FEEDER = `
const { readFileSync } = require('node:fs');
const { createRpa } = require('@rpa-analytics/instrumentation');
(async () => {
  const rpa = createRpa({ metricsPort: -1, resourceIntervalMs: 0, analyzerUrl: process.argv[1] });
  const executions = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  for (let i = 0; i < executions.length; i++) {
    rpa.recordExecution(executions[i]);
    if (i % 300 === 299) await rpa.forceFlush();
  }
  await rpa.forceFlush();
  await rpa.shutdown();
  process.stdout.write(JSON.stringify({ dropped: rpa.droppedTelemetry() }));
})();
`;

/** The error codes executors report, by planted category. */
const ERROR_TYPES: Record<string, string> = {
  timeout: 'TIMEOUT',
  element_not_found: 'ELEMENT_NOT_FOUND',
  network: 'ECONNRESET',
};

const NOW = Date.now();
const SHIFT = NOW - (P.PLANTED_FROM + P.PLANTED_DAYS * P.DAY);
const { executions, steps } = P.plantedHistory();
const workflows = P.plantedWorkflows().map((w) => w.workflow_id);

function categoryOf(e: ExecutionRecord): string {
  return Object.entries(FAILURE_SAMPLES).find(([, s]) => s.message === e.error_message)?.[0] as string;
}

function toRecorded(e: ExecutionRecord, own: StepRecord[]): object {
  const category = e.status === 'failed' ? categoryOf(e) : undefined;
  const errorType = category && (ERROR_TYPES[category] ?? e.error_type);
  return {
    executionId: e.execution_id,
    workflowId: e.workflow_id,
    startedAt: e.started_at + SHIFT,
    completedAt: (e.completed_at as number) + SHIFT,
    status: e.status,
    stepsTotal: e.steps_total,
    ...(errorType && { errorType, errorMessage: e.error_message }),
    steps: own.map((s) => ({
      stepId: s.step_id,
      nodeId: s.node_id,
      actionType: s.action_type,
      startedAt: s.started_at + SHIFT,
      completedAt: s.completed_at + SHIFT,
      status: s.status,
      ...(s.status === 'failed' && { errorType, errorDetails: e.error_message }),
    })),
  };
}

describe('planted truth through OTLP and the analysis API', () => {
  let t: TestApp;
  const get = async (url: string) => (await t.app.inject({ url, headers: bearer('viewer') })).json();

  beforeAll(async () => {
    t = await startTestApp({
      analysis: {
        degradationCurrentMs: 7 * P.DAY,
        degradationBaselineMs: 14 * P.DAY + P.HOUR,
        anomalyLookbackMs: 22 * P.DAY,
      },
    });
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const stepsOf = new Map<string, StepRecord[]>();
    for (const s of steps) stepsOf.set(s.execution_id, [...(stepsOf.get(s.execution_id) ?? []), s]);
    const file = join(t.dataDir, 'history.json');
    writeFileSync(
      file,
      JSON.stringify(executions.map((e) => toRecorded(e, stepsOf.get(e.execution_id) ?? []))),
    );
    const feeder = await promisify(execFile)(process.execPath, ['-e', FEEDER, url, file], {
      cwd: __dirname,
      timeout: 240_000,
      maxBuffer: 1 << 20,
    });
    expect(feeder.stderr).toBe('');
    expect(JSON.parse(feeder.stdout)).toEqual({ dropped: {} });
    await t.app.analyzer.writer.flush();
    expect(await t.app.analyzer.store.rowCounts()).toMatchObject({
      executions: executions.length,
      steps: steps.length,
    });
  }, 300_000);
  afterAll(() => t.close());

  it.each(workflows)('finds the planted bottleneck of %s first', async (wf) => {
    const { items } = await get(`/analytics/bottlenecks?workflow_id=${wf}`);
    expect(items[0].node_id).toBe(P.plantedBottleneck(wf));
    expect(items[0].share_of_execution_time).toBeGreaterThan(0.5);
  });

  it('flags exactly the degraded workflow', async () => {
    const flagged: string[] = [];
    for (const wf of workflows)
      if ((await get(`/analytics/degradation?workflow_id=${wf}`)).degraded) flagged.push(wf);
    expect(flagged).toEqual([P.DEGRADING]);
  });

  it.each(workflows)('counts the failures of %s by category exactly', async (wf) => {
    const planted = new Map<string, number>();
    for (const e of executions.filter((x) => x.workflow_id === wf && x.status === 'failed'))
      planted.set(categoryOf(e), (planted.get(categoryOf(e)) ?? 0) + 1);
    const { categories } = await get(`/analytics/failures?workflow_id=${wf}`);
    expect(
      new Map(categories.map((c: { category: string; count: number }) => [c.category, c.count])),
    ).toEqual(planted);
  });

  it('finds at least 90 % of the planted spikes and the incident as one correlated group', async () => {
    const { items, correlated_groups } = await get('/analytics/anomalies');
    const time = (iso: string) => Date.parse(iso) - SHIFT;
    const spikes = P.plantedSpikes();
    const found = spikes.filter((s) =>
      items.some(
        (a: { workflow_id: string; metric_name: string; started_at: string; ended_at: string }) =>
          a.workflow_id === s.workflow_id &&
          a.metric_name === s.metric &&
          time(a.started_at) < s.event.to &&
          time(a.ended_at) >= s.event.from,
      ),
    );
    expect(found.length / spikes.length).toBeGreaterThanOrEqual(0.9);
    const incident = correlated_groups.filter(
      (g: { started_at: string; ended_at: string }) =>
        time(g.started_at) < P.INCIDENT.to && time(g.ended_at) >= P.INCIDENT.from,
    );
    expect(incident).toHaveLength(1);
    expect(incident[0].workflow_ids).toEqual(P.INCIDENT.workflow_ids);
  });

  it('lists a degradation insight for the degraded workflow, highest priority first', async () => {
    const { items } = await get('/analytics/insights?limit=1000');
    const scores = items.map((i: { priority_score: number }) => i.priority_score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const degradation = items.filter((i: { supporting_data: object }) => 'degradation' in i.supporting_data);
    expect(degradation.map((i: { workflow_id: string }) => i.workflow_id)).toEqual([P.DEGRADING]);
  });
});
