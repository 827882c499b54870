import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeStep } from '../../analysis/test-support/records';
import type { FormulaHandling } from '../../exports/csv';
import { anomalyArbitrary, executionArbitrary, stepArbitrary, T0 } from '../../exports/export-arbitraries';
import { ClickHouseCluster } from '../../test-support/clickhouse-cluster';
import { readParquetRows } from '../../test-support/read-back';
import { DuckDbStore } from '../duckdb/duckdb-store';
import { createDuckDbExportStore } from '../duckdb/export-queries';
import { openLiveTables } from '../duckdb/live-tables';
import { quoteLiteral } from '../duckdb/tables';
import type { ExportStore, StoredDataset, TextFormat } from '../export-store';
import type { LiveStore } from '../live-store';
import type { ScheduleStore, ShareLinkStore } from '../schedule-store';
import { describeExportStoreConformance } from '../test-support/export-store-conformance';
import { describeReportStoreConformance } from '../test-support/report-store-conformance';
import { makeLogEntry, makeSchedule } from '../test-support/schedule-model';
import { ClickHouseStore } from './clickhouse-store';
import { createClickHouseExportStore } from './export-sql';
import { openClickHouseReportTables } from './report-tables';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

// A real cluster: Debian's clickhouse-server as a router over two shards (scripts/ensure-system-deps.sh installs it).
let cluster: ClickHouseCluster;
let store: ClickHouseStore;
let tables: { schedules: ScheduleStore; links: ShareLinkStore };
// Anomalies live with the live state (a LiveStore); both backends' exports read them from this DuckDB one.
let duck: DuckDbStore;
let live: LiveStore;
let dir: string;

const REPORT_TABLES = ['report_schedules', 'report_schedule_runs', 'report_deliveries', 'share_links'];
const clearReports = () =>
  store.read(async (c) => {
    for (const table of REPORT_TABLES) await c.command(`TRUNCATE TABLE ${table}`);
  });

beforeAll(async () => {
  cluster = await ClickHouseCluster.start(2);
  store = await ClickHouseStore.open(cluster.options);
  tables = await openClickHouseReportTables(store);
  dir = mkdtempSync(join(tmpdir(), 'rpa-ch-export-'));
  duck = await DuckDbStore.open(
    { path: ':memory:', memoryLimit: '256MB', threads: 1, tempDir: undefined },
    { log: quiet },
  );
  live = await openLiveTables(duck);
}, 120_000);

afterAll(async () => {
  await store?.close();
  await duck?.close();
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const stageDir = () => join(dir, 'stage');
const clickHouseExports = () => {
  mkdirSync(stageDir(), { recursive: true });
  return createClickHouseExportStore(store, { anomalies: live, chunkRows: 1000, tempDir: stageDir() });
};

describeReportStoreConformance('ClickHouse router + 2 shards', { tables: () => tables, clear: clearReports });

describe('ClickHouse report tables across analyzer instances', () => {
  const HOUR = 3_600_000;
  beforeEach(clearReports);

  it('keeps insertion order and the latest change when an instance clock lags an hour behind', async () => {
    const ahead = tables;
    const behind = await openClickHouseReportTables(store, { now: () => Date.now() - HOUR });
    await ahead.schedules.insert(makeSchedule('s'));
    const entries = Array.from({ length: 6 }, (_, n) => makeLogEntry('s', n));
    for (const [n, entry] of entries.entries()) await (n % 2 ? behind : ahead).schedules.appendLog(entry);
    expect((await ahead.schedules.log('s', 10)).items).toEqual([...entries].reverse());
    // The lagging instance's PATCH comes after the other's changes and wins, as it would on one instance.
    await ahead.schedules.recordOutcome('s', 5, 'failed');
    await behind.schedules.updateSpec(makeSchedule('s', { name: 'from behind', next_run_at: 7 }));
    expect(await ahead.schedules.advance('s', makeSchedule('s').next_run_at, 8)).toBe(false);
    expect(await ahead.schedules.get('s')).toMatchObject({
      name: 'from behind',
      next_run_at: 7,
      last_run_at: 5,
      last_outcome: 'failed',
    });
    await behind.links.insert({
      link_id: 'l',
      token_hash: 'h',
      owner: 'o',
      target: { template: 'fleet', format: 'pdf', from: 0, to: 1 },
      created_at: 1,
      expires_at: 2,
      revoked_at: null,
    });
    await ahead.links.revoke('l', 1);
    await behind.links.revoke('l', 2);
    expect((await behind.links.get('l'))?.revoked_at).toBe(1);
  });

  it('answers alike from every instance', async () => {
    const other = await openClickHouseReportTables(store);
    await tables.schedules.insert(makeSchedule('s'));
    await other.schedules.advance('s', makeSchedule('s').next_run_at, 1);
    expect(await tables.schedules.get('s')).toEqual(await other.schedules.get('s'));
    expect((await tables.schedules.get('s'))?.next_run_at).toBe(1);
  });
});

describeExportStoreConformance('ClickHouse router + 2 shards', {
  exports: clickHouseExports,
  insert: async (batch) => {
    await store.insert(batch);
  },
  saveAnomalies: (anomalies) => live.saveDetection({ states: [], anomalies, incidents: [] }),
  dir: () => dir,
  runs: 12,
});

/** CSV records (CRLF outside quotes ends one) or JSON Lines, each with its terminator. */
function records(text: string, format: TextFormat): string[] {
  if (format === 'jsonl') return text.split(/(?<=\n)/);
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (!quoted && text[i] === '\r' && text[i + 1] === '\n') {
      out.push(text.slice(start, i + 2));
      start = i + 2;
    }
  }
  expect(start).toBe(text.length);
  return out;
}

async function textOf(
  exports: ExportStore,
  dataset: StoredDataset,
  filter: object,
  format: TextFormat,
  formulas: FormulaHandling,
): Promise<string> {
  let text = '';
  for await (const chunk of exports.streamText(dataset, filter, format, formulas)) text += chunk;
  return text;
}

async function parquetSchema(path: string): Promise<unknown[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const result = await connection.runAndReadAll(
      `SELECT name, type, converted_type, logical_type::VARCHAR FROM parquet_schema(${quoteLiteral(path)})`,
    );
    return result.getRows();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const byJson = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
/** Control characters, quotes and formula starts on top of the export arbitraries' hostile text. */
const controls = fc.string({ unit: 'binary-ascii', maxLength: 6 });

describe('ClickHouse exports are byte for byte the DuckDB backend exports', () => {
  let run = 0;
  it('CSV (both formula rules), JSON Lines and Parquet of executions, steps and anomalies', async () => {
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(
        fc
          .nat({ max: 5 })
          .chain((n) =>
            fc.tuple(
              fc.tuple(
                ...Array.from({ length: n }, (_, i) => executionArbitrary(`e${i}`, i % 2 ? 'b' : 'a')),
              ),
              fc.tuple(
                ...Array.from({ length: n }, (_, i) => stepArbitrary(`s${i}`, `e${i}`, i % 2 ? 'b' : 'a')),
              ),
              fc.tuple(...Array.from({ length: n }, (_, i) => anomalyArbitrary(`x${i}`, i % 2 ? 'b' : 'a'))),
              fc.array(controls, { minLength: 3 * n, maxLength: 3 * n }),
            ),
          ),
        fc.option(fc.integer({ min: T0, max: T0 + 48 * 3_600_000 }), { nil: undefined }),
        fc.boolean(),
        async ([executions, steps, anomalies, extra], from, onlyA) => {
          run++;
          const wf = (w: string) => `eq${run}-${w}`;
          const id = (x: string) => `eq${run}-${x}`;
          const batch = {
            executions: executions.map((e, i) => ({
              ...e,
              execution_id: id(e.execution_id),
              workflow_id: wf(e.workflow_id),
              error_message: extra[3 * i] ?? null,
            })),
            steps: steps.map((s, i) => ({
              ...s,
              step_id: id(s.step_id),
              execution_id: id(s.execution_id),
              workflow_id: wf(s.workflow_id),
              node_id: `${extra[3 * i + 1]}${s.node_id}`,
            })),
            recoveries: [],
            resources: [],
          };
          const anomalyRows = anomalies.map((a, i) => ({
            ...a,
            anomaly_id: id(a.anomaly_id),
            workflow_id: wf(a.workflow_id),
            description: `${extra[3 * i + 2]}${a.description}`,
          }));
          await duck.insert(batch);
          await store.insert(batch);
          await live.saveDetection({ states: [], anomalies: anomalyRows, incidents: [] });
          const filter = { from, workflowIds: onlyA ? [wf('a')] : [wf('a'), wf('b')] };
          const backends = [createDuckDbExportStore(duck), clickHouseExports()] as const;
          for (const dataset of ['executions', 'steps', 'anomalies'] as const) {
            for (const [format, formulas] of [
              ['csv', 'escape'],
              ['csv', 'keep'],
              ['jsonl', 'escape'],
            ] as const) {
              const [want, got] = await Promise.all(
                backends.map((b) => textOf(b, dataset, filter, format, formulas)),
              );
              if (want !== '') nonEmpty++;
              // Executions and steps come in storage order (each backend's own); anomalies are ordered.
              if (dataset === 'anomalies') expect(got).toBe(want);
              else expect(records(got!, format).sort()).toEqual(records(want!, format).sort());
            }
            const [duckFile, clickFile] = ['duck', 'click'].map((b) =>
              join(dir, `eq-${run}-${dataset}-${b}.parquet`),
            );
            await backends[0].writeParquet(dataset, filter, duckFile!);
            await backends[1].writeParquet(dataset, filter, clickFile!);
            expect(await parquetSchema(clickFile!)).toEqual(await parquetSchema(duckFile!));
            const [want, got] = await Promise.all([readParquetRows(duckFile!), readParquetRows(clickFile!)]);
            expect(got.sort(byJson)).toEqual(want.sort(byJson));
          }
        },
      ),
      { numRuns: 8 },
    );
    expect(nonEmpty).toBeGreaterThan(0);
    // Every export's staging database and its spill directory are gone.
    expect(readdirSync(stageDir())).toEqual([]);
  }, 240_000);

  it('stops the ClickHouse query and removes its stage when the consumer returns early', async () => {
    const workflow = 'early-stop';
    const steps = Array.from({ length: 30_000 }, (_, i) =>
      makeStep({
        step_id: `es${i}`,
        execution_id: `ee${i % 100}`,
        workflow_id: workflow,
        started_at: T0 + i,
      }),
    );
    // In batches: one insert's duplicate lookup lists every id (18.16 caps a query's AST).
    for (let i = 0; i < steps.length; i += 5000)
      await store.insert({ executions: [], steps: steps.slice(i, i + 5000), recoveries: [], resources: [] });
    const exports = clickHouseExports();
    for await (const chunk of exports.streamText('steps', { workflowIds: [workflow] }, 'csv', 'escape')) {
      expect(chunk.length).toBeGreaterThan(0);
      break;
    }
    expect(readdirSync(stageDir())).toEqual([]);
    const running = async () =>
      (
        await store.read((c) =>
          c.rows<{ n: number }>(
            "SELECT toFloat64(count()) AS n FROM system.processes WHERE query LIKE '%FROM steps FINAL%' AND query NOT LIKE '%system.processes%'",
          ),
        )
      )[0]?.n;
    for (let i = 0; i < 50 && (await running()) !== 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await running()).toBe(0);
  });
});
