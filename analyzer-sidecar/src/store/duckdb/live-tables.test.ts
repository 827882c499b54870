import type { ImplementationStore } from '../implementation-store';
import type { LiveStore } from '../live-store';
import { describeLiveStoreConformance } from '../test-support/live-store-conformance';
import {
  describeImplementationStoreConformance,
  describeWorkflowSettingsConformance,
} from '../test-support/shared-state-conformance';
import type { WorkflowSettingsStore } from '../workflow-settings-store';
import { DuckDbStore } from './duckdb-store';
import { openImplementationTable } from './implementation-table';
import { openLiveTables } from './live-tables';
import { openWorkflowSettingsTable } from './workflow-settings-table';

const TABLES = [
  'executions',
  'steps',
  'recoveries',
  'resources',
  'execution_starts',
  'detector_series',
  'anomalies',
  'incidents',
  'workflow_settings',
  'insight_implementations',
];

let store: DuckDbStore;
let live: LiveStore;
let settings: WorkflowSettingsStore;
let implementations: ImplementationStore;
beforeAll(async () => {
  store = await DuckDbStore.open(
    { path: ':memory:', memoryLimit: '512MB', threads: 1, tempDir: undefined },
    { log: { info: () => {}, warn: () => {}, error: () => {} } },
  );
  live = await openLiveTables(store);
  settings = await openWorkflowSettingsTable(store);
  implementations = await openImplementationTable(store);
});
afterAll(() => store.close());

const clear = () =>
  store.exclusive(async (c) => {
    for (const table of TABLES) await c.run(`DELETE FROM ${table}`);
  });

describeLiveStoreConformance('DuckDB', { store: () => store, live: () => live, clear });
describeWorkflowSettingsConformance('DuckDB', { settings: () => settings, clear });
describeImplementationStoreConformance('DuckDB', { implementations: () => implementations, clear });
