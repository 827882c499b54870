/**
 * Everything the analyzer keeps, behind the interfaces the services use, as
 * one backend provides them: the embedded DuckDB file (duckdb-backend.ts) or
 * a ClickHouse cluster several analyzers share (clickhouse-backend.ts). The
 * app is wired from this and never names a backend.
 */
import type { RecordRetention } from '../archive/retention-job';
import type { ClusterTables } from '../cluster/cluster-tables';
import type { StoreKind } from '../config/store-config';
import type { RecordType } from '../model/records';
import type { AnalysisStore } from '../store/analysis-store';
import type { ExportStore } from '../store/export-store';
import type { HealingStore } from '../store/healing-store';
import type { ImplementationStore } from '../store/implementation-store';
import type { LiveStore } from '../store/live-store';
import type { ScheduleStore, ShareLinkStore } from '../store/schedule-store';
import type { Store } from '../store/store';
import type { WorkflowSettingsStore } from '../store/workflow-settings-store';

export interface StoreBackend {
  readonly kind: StoreKind;
  readonly store: Store;
  readonly analysis: AnalysisStore;
  readonly healing: HealingStore;
  readonly live: LiveStore;
  readonly settings: WorkflowSettingsStore;
  readonly implementations: ImplementationStore;
  readonly schedules: ScheduleStore;
  readonly links: ShareLinkStore;
  readonly exports: ExportStore;
  readonly retention: RecordRetention & {
    /** Forgets start markers older than `before` (executions that will not end); how many were running. */
    forgetRunningBefore(before: number): Promise<number>;
  };
  /** Bytes in colder storage per record type (the Parquet archive; none on ClickHouse). */
  archiveBytes(): Record<RecordType, number>;
  /** Where analyzers sharing this backend coordinate; absent for a backend one analyzer owns (DuckDB). */
  readonly cluster?: () => Promise<ClusterTables>;
  /** Starts the backend's own background work (DuckDB: clustering executions by workflow). */
  startJobs(): void;
  /** Stops its jobs, waits for running work and closes the connections. */
  close(): Promise<void>;
}

export const NO_ARCHIVE_BYTES: Readonly<Record<RecordType, number>> = {
  executions: 0,
  steps: 0,
  recoveries: 0,
  resources: 0,
};
