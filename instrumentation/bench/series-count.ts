/**
 * Prometheus series and scrape size of an executor at fleet sizing: every
 * combination of WORKFLOWS workflows x ACTIONS action types x 3 step statuses
 * seen once, each workflow's executions in its 3 statuses, a confidence and a
 * retry per step. Prints the series count and bytes of one scrape, with the
 * default series budget and with none (what every label set would cost).
 *
 *   npm run bench -w instrumentation      (BENCH_WORKFLOWS, BENCH_ACTIONS to change)
 */
import { createRpa } from '@rpa-analytics/instrumentation';

const WORKFLOWS = Number(process.env.BENCH_WORKFLOWS ?? 200);
const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 15);
const STEP_STATUSES = ['completed', 'failed', 'skipped'] as const;

async function measure(label: string, seriesBudget: number | undefined): Promise<void> {
  const rpa = createRpa({
    metricsPort: 0,
    metricsHost: '127.0.0.1',
    resourceIntervalMs: 0,
    flushOnSignals: false,
    ...(seriesBudget !== undefined && { seriesBudget }),
  });
  for (let w = 0; w < WORKFLOWS; w += 1) {
    for (const ending of ['end', 'fail', 'cancel'] as const) {
      const execution = rpa.startExecution({ workflowId: `workflow-${w}` });
      for (let a = 0; a < ACTIONS; a += 1) {
        for (const status of STEP_STATUSES) {
          const step = execution.startStep({ nodeId: `node-${a}`, actionType: `action-${a}` });
          step.setConfidence(0.9).recordRetry();
          if (status === 'completed') step.end();
          else if (status === 'failed') step.fail(new Error('boom'));
          else step.skip();
        }
      }
      if (ending === 'fail') execution.fail(new Error('boom'));
      else execution[ending]();
    }
  }
  const body = await (await fetch((await rpa.metricsReady()) as string)).text();
  const series = body.split('\n').filter((line) => line && !line.startsWith('#'));
  const rpaSeries = series.filter((line) => line.startsWith('rpa_'));
  const overflow = series.filter((line) => line.includes('otel_metric_overflow="true"')).length;
  console.log(`  ${label}`);
  console.log(
    `    series per scrape            ${String(series.length).padStart(8)}   (rpa_*: ${rpaSeries.length})`,
  );
  console.log(
    `    bytes per scrape             ${String(body.length).padStart(8)}   (${(body.length / 1e6).toFixed(2)} MB)`,
  );
  console.log(`    overflow series              ${String(overflow).padStart(8)}`);
  console.log(
    `    dropped (cardinality)        ${String(rpa.droppedTelemetry().cardinality_overflow ?? 0).padStart(8)} samples`,
  );
  await rpa.shutdown();
}

async function main(): Promise<void> {
  console.log(`series at ${WORKFLOWS} workflows x ${ACTIONS} actions x 3 statuses (node ${process.version})`);
  await measure(`series budget: default (${process.env.RPA_METRICS_SERIES_BUDGET ?? 20000})`, undefined);
  await measure('series budget: none', Number.MAX_SAFE_INTEGER);
}

void main();
