/**
 * Event-loop delay the resource sampler adds to an executor: p99 of
 * monitorEventLoopDelay with the sampler on (default and fast intervals)
 * against the sampler off, over the same light step workload.
 *
 *   npm run bench -w instrumentation      (BENCH_SAMPLER_SECONDS to change)
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { metrics, trace } from '@opentelemetry/api';
import { createRpa } from '@rpa-analytics/instrumentation';
import { median } from './measure';

const SECONDS = Number(process.env.BENCH_SAMPLER_SECONDS ?? 8);
const RUNS = Number(process.env.BENCH_SAMPLER_RUNS ?? 3);

async function p99DelayMs(resourceIntervalMs: number): Promise<number> {
  const rpa = createRpa({ metricsPort: -1, resourceIntervalMs }).start();
  // Let the worker start and take its first (slowest) samples before measuring.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const execution = rpa.startExecution({ workflowId: 'sampler-bench' });
  const workload = setInterval(() => execution.startStep({ nodeId: 'n', actionType: 'click' }).end(), 5);
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  clearInterval(workload);
  histogram.disable();
  execution.end();
  await rpa.shutdown();
  trace.disable();
  metrics.disable();
  return histogram.percentile(99) / 1e6;
}

async function main(): Promise<void> {
  const settings: Array<[string, number]> = [
    ['sampler off', 0],
    ['sampler every 1000 ms (default)', 1000],
    ['sampler every 100 ms', 100],
  ];
  const results = new Map<string, number[]>(settings.map(([name]) => [name, []]));
  for (let run = 0; run < RUNS; run += 1) {
    for (const [name, interval] of settings) results.get(name)?.push(await p99DelayMs(interval));
  }
  const off = median(results.get('sampler off') as number[]);
  console.log(`event-loop delay p99, median of ${RUNS} runs x ${SECONDS} s`);
  for (const [name] of settings) {
    const p99 = median(results.get(name) as number[]);
    console.log(
      `  ${name.padEnd(34)} p99 ${p99.toFixed(2)} ms   added ${(p99 - off).toFixed(2)} ms (target < 2 ms)`,
    );
  }
}

void main();
