/**
 * The sidecar's own Prometheus metrics (prom-client), all `rpa_analyzer_*`
 * (https://prometheus.io/docs/practices/naming/). A fresh Registry per app
 * instance, so that two apps can run in one process.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { RECORD_TYPES, type RecordType } from '../model/records';

const PREFIX = 'rpa_analyzer_';

export interface MetricSources {
  rowCounts(): Promise<Record<RecordType, number>>;
  archiveBytes(): Record<RecordType, number>;
}

export interface AnalyzerMetrics {
  readonly registry: Registry;
  readonly spansIngested: Counter<'kind'>;
  readonly spansRejected: Counter<'reason'>;
  readonly requestsRefused: Counter<'signal' | 'status'>;
  readonly resourceSamplesIngested: Counter;
  readonly ingestDuration: Histogram<'signal'>;
  readonly writeBatchRows: Histogram;
  readonly flushDuration: Histogram;
  readonly walQuarantined: Counter;
  readonly retentionRows: Counter<'type' | 'action'>;
  /** Makes the row and archive gauges read from these sources at scrape time. */
  bindSources(sources: MetricSources): void;
}

export function createAnalyzerMetrics(): AnalyzerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  let sources: MetricSources | undefined;
  const registers = [registry];
  new Gauge({
    name: `${PREFIX}store_rows`,
    help: 'Rows in the hot store, by table',
    labelNames: ['table'],
    registers,
    async collect() {
      if (!sources) return;
      const counts = await sources.rowCounts();
      for (const type of RECORD_TYPES) this.set({ table: type }, counts[type]);
    },
  });
  new Gauge({
    name: `${PREFIX}archive_bytes`,
    help: 'Bytes of Parquet in the archive, by record type',
    labelNames: ['type'],
    registers,
    collect() {
      if (!sources) return;
      const bytes = sources.archiveBytes();
      for (const type of RECORD_TYPES) this.set({ type }, bytes[type]);
    },
  });
  return {
    registry,
    spansIngested: new Counter({
      name: `${PREFIX}spans_ingested_total`,
      help: 'RPA spans stored, by kind',
      labelNames: ['kind'],
      registers,
    }),
    spansRejected: new Counter({
      name: `${PREFIX}spans_rejected_total`,
      help: 'Spans rejected (OTLP partial success), by reason',
      labelNames: ['reason'],
      registers,
    }),
    requestsRefused: new Counter({
      name: `${PREFIX}otlp_requests_refused_total`,
      help: 'OTLP requests answered with an error status, by signal and status',
      labelNames: ['signal', 'status'],
      registers,
    }),
    resourceSamplesIngested: new Counter({
      name: `${PREFIX}resource_samples_ingested_total`,
      help: 'Resource samples stored',
      registers,
    }),
    ingestDuration: new Histogram({
      name: `${PREFIX}ingest_duration_seconds`,
      help: 'OTLP request handling time, from body read to durable commit',
      labelNames: ['signal'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    writeBatchRows: new Histogram({
      name: `${PREFIX}write_batch_rows`,
      help: 'Rows per store transaction (group commit)',
      buckets: [1, 10, 100, 500, 1000, 2500, 5000, 10000, 25000, 50000],
      registers,
    }),
    flushDuration: new Histogram({
      name: `${PREFIX}flush_duration_seconds`,
      help: 'Time to commit one write batch',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    walQuarantined: new Counter({
      name: `${PREFIX}wal_quarantined_total`,
      help: 'Write-ahead logs that could not be replayed and were moved aside',
      registers,
    }),
    retentionRows: new Counter({
      name: `${PREFIX}retention_rows_total`,
      help: 'Rows archived or deleted by retention, by record type',
      labelNames: ['type', 'action'],
      registers,
    }),
    bindSources(next) {
      sources = next;
    },
  };
}
