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
  readonly storeCorruption: Counter<'kind'>;
  readonly retentionRows: Counter<'type' | 'action'>;
  /** Makes the row and archive gauges read from these sources at scrape time. */
  bindSources(sources: MetricSources): void;
}

export function createAnalyzerMetrics(): AnalyzerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  const sources: { current?: MetricSources } = {};
  registerSourceGauges(registry, sources);
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: L[] = []): Counter<L> =>
    new Counter({ name: `${PREFIX}${name}`, help, labelNames, registers });
  const histogram = <L extends string>(
    name: string,
    help: string,
    buckets: number[],
    labelNames: L[] = [],
  ): Histogram<L> => new Histogram({ name: `${PREFIX}${name}`, help, buckets, labelNames, registers });
  return {
    registry,
    spansIngested: counter('spans_ingested_total', 'RPA spans stored, by kind', ['kind']),
    spansRejected: counter('spans_rejected_total', 'Spans rejected (OTLP partial success), by reason', [
      'reason',
    ]),
    requestsRefused: counter('otlp_requests_refused_total', 'OTLP requests answered with an error status', [
      'signal',
      'status',
    ]),
    resourceSamplesIngested: counter('resource_samples_ingested_total', 'Resource samples stored'),
    ingestDuration: histogram(
      'ingest_duration_seconds',
      'OTLP request handling time, from body read to durable commit',
      SECONDS_BUCKETS,
      ['signal'],
    ),
    writeBatchRows: histogram('write_batch_rows', 'Rows per store transaction (group commit)', ROWS_BUCKETS),
    flushDuration: histogram('flush_duration_seconds', 'Time to commit one write batch', SECONDS_BUCKETS),
    walQuarantined: counter(
      'wal_quarantined_total',
      'Write-ahead logs that could not be replayed and were moved aside',
    ),
    storeCorruption: counter(
      'store_corruption_total',
      'Problems found in the database files at open (wal_torn, wal_foreign, wal_unreplayable, wal_without_db, db_corrupt)',
      ['kind'],
    ),
    retentionRows: counter('retention_rows_total', 'Rows archived or deleted by retention', [
      'type',
      'action',
    ]),
    bindSources(next) {
      sources.current = next;
    },
  };
}

const SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const ROWS_BUCKETS = [1, 10, 100, 500, 1000, 2500, 5000, 10000, 25000, 50000];

/** Gauges read at scrape time from the store and the archive. */
function registerSourceGauges(registry: Registry, sources: { current?: MetricSources }): void {
  new Gauge({
    name: `${PREFIX}store_rows`,
    help: 'Rows in the hot store, by table',
    labelNames: ['table'],
    registers: [registry],
    async collect() {
      if (!sources.current) return;
      const counts = await sources.current.rowCounts();
      for (const type of RECORD_TYPES) this.set({ table: type }, counts[type]);
    },
  });
  new Gauge({
    name: `${PREFIX}archive_bytes`,
    help: 'Bytes of Parquet in the archive, by record type',
    labelNames: ['type'],
    registers: [registry],
    collect() {
      if (!sources.current) return;
      const bytes = sources.current.archiveBytes();
      for (const type of RECORD_TYPES) this.set({ type }, bytes[type]);
    },
  });
}
