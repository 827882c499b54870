/**
 * `npm run bench:live -w analyzer-sidecar`: live analysis figures, asserts nothing.
 *   BENCH_LIVE_WORKFLOWS (default 40)  spikes posted for commit → anomaly
 *   BENCH_LIVE_ALERTS    (default 10)  spikes for commit → alert active in a real Alertmanager
 *   BENCH_LIVE_STEPS     (default 300) steps ended by the executor for step end → SSE
 */
import { cpus, loadavg } from 'node:os';
import {
  benchAlertmanager,
  benchCommitToAnomaly,
  benchSpikesAndCost,
  benchSseLatency,
  benchStoredDetection,
} from './live-bench';

const envInt = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)}`);
  const spikes = await benchSpikesAndCost();
  const s = spikes.score;
  console.log(
    `spikes: single-run spikes (6x, 100x) at severity >= 0.7: recall ${s.found}/${s.planted} = ${(s.recall * 100).toFixed(1)} %, ` +
      `precision ${(s.precision * 100).toFixed(1)} % of ${s.flagged} anomalies`,
  );
  console.log(
    `detection: pure, incremental in commits of 2000 spans: ${spikes.pureMicrosPerSpan.toFixed(2)} µs CPU/span over ${spikes.spans} spans`,
  );
  const stored = await benchStoredDetection();
  console.log(
    `detection: through the writer into DuckDB, judged and stored on commit: ${stored.spans} spans in ${stored.seconds.toFixed(2)} s, ` +
      `${stored.ingestAndDetectMicrosPerSpan.toFixed(1)} µs CPU/span for commit + detection (${stored.anomalies} anomalies stored)`,
  );
  const commit = await benchCommitToAnomaly(envInt('BENCH_LIVE_WORKFLOWS', 40));
  console.log(
    `commit -> anomaly open in GET /analytics/anomalies: p50 ${ms(commit.p50)}, p99 ${ms(commit.p99)}, max ${ms(commit.max)} (${commit.samples} spikes)`,
  );
  const am = await benchAlertmanager(envInt('BENCH_LIVE_ALERTS', 10));
  console.log(
    `commit -> alert active in a real Alertmanager (v2 API): p50 ${ms(am.p50)}, p99 ${ms(am.p99)} (${am.samples} spikes)`,
  );
  const sse = await benchSseLatency(envInt('BENCH_LIVE_STEPS', 300), 20);
  console.log(
    `executor step end -> SSE client (SDK batch processor 100 ms, OTLP/HTTP): p50 ${ms(sse.p50)}, p99 ${ms(sse.p99)} (${sse.samples} events, ${sse.lost} lost)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
