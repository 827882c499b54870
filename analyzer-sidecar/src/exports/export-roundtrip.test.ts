/**
 * Property 16: every export parses back to the rows it was made from, with
 * parsers that share nothing with the analyzer: csv-parse for CSV, JSON.parse
 * per line for JSON Lines, hyparquet for Parquet. Strings are hostile (quotes,
 * commas, CR/LF, formula starts, any Unicode); filters are random too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text as readText } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { DuckDbStore } from '../store/duckdb/duckdb-store';
import { createDuckDbExportStore } from '../store/duckdb/export-queries';
import { openLiveTables } from '../store/duckdb/live-tables';
import type { LiveStore } from '../store/live-store';
import { readParquetRows } from '../test-support/read-back';
import { escapeFormula, type FormulaHandling } from './csv';
import {
  EXPORT_COLUMNS,
  type ExportColumn,
  type ExportDataset,
  type ExportFilter,
  type ExportFormat,
  type ExportRow,
} from './export-columns';
import {
  anomalyArbitrary,
  executionArbitrary,
  insightRowArbitrary,
  stepArbitrary,
  T0,
} from './export-arbitraries';
import { createExportService } from './export-service';
import { writeFileSync } from 'node:fs';

const HOUR = 3_600_000;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** A value as each format must give it back (times: RFC 3339 UTC with ms; CSV: text with the formula rule). */
function expected(
  column: ExportColumn,
  value: unknown,
  format: ExportFormat,
  formulas: FormulaHandling,
): unknown {
  if (value === null || value === undefined) return null;
  if (column.kind === 'time') return new Date(value as number).toISOString();
  if (column.kind === 'text' && format === 'csv' && formulas === 'escape')
    return escapeFormula(value as string);
  return value;
}

/** A field read back, turned into the same shape as `expected` (numbers and JSON parsed). */
function decoded(column: ExportColumn, value: unknown, format: ExportFormat): unknown {
  if (value === null || value === undefined) return null;
  if (column.kind === 'json' && format !== 'jsonl') return JSON.parse(value as string);
  if (format !== 'csv') return value;
  if (column.kind === 'double' || column.kind === 'integer') return Number(value);
  if (column.kind === 'boolean') return value === 'true';
  return value;
}

const sortKey = (row: Record<string, unknown>) => JSON.stringify(row);

describe('exports (Property 16)', () => {
  let dir: string;
  let store: DuckDbStore;
  let live: LiveStore;
  let insights: ExportRow[] = [];
  let run = 0;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rpa-export-'));
    store = await DuckDbStore.open(
      { path: join(dir, 'store.duckdb'), memoryLimit: '256MB', threads: 1, tempDir: undefined },
      { log: quiet },
    );
    live = await openLiveTables(store);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const service = () =>
    createExportService({
      store: createDuckDbExportStore(store),
      insights: async (filter) =>
        insights.filter(
          (r) =>
            (filter.from ?? -Infinity) <= (r.created_at as number) &&
            (r.created_at as number) < (filter.to ?? Infinity),
        ),
      tempDir: join(dir, 'exports'),
      now: () => T0 + 100 * HOUR,
    });

  async function exported(
    dataset: ExportDataset,
    format: ExportFormat,
    filter: ExportFilter,
    formulas: FormulaHandling,
  ) {
    const opened = await service().open({ dataset, format, filter, formulas });
    const columns = EXPORT_COLUMNS[dataset];
    if (format === 'parquet') {
      const file = join(dir, `read-${run}.parquet`);
      writeFileSync(file, Buffer.from(await opened.body.toArray().then((c) => Buffer.concat(c))));
      return (await readParquetRows(file)).map((row) =>
        Object.fromEntries(columns.map((c) => [c.name, decoded(c, row[c.name], format)])),
      );
    }
    const text = await readText(opened.body);
    if (format === 'jsonl') {
      expect(text === '' || text.endsWith('\n')).toBe(true);
      const lines = text.split('\n').slice(0, -1);
      return lines.map((line) => {
        const row = JSON.parse(line) as Record<string, unknown>;
        expect(Object.keys(row)).toEqual(columns.map((c) => c.name));
        return Object.fromEntries(columns.map((c) => [c.name, decoded(c, row[c.name], format)]));
      });
    }
    expect(text.endsWith('\r\n')).toBe(true);
    const records = parse(text, {
      record_delimiter: '\r\n',
      cast: (value: string, context: { quoting: boolean }) =>
        value === '' && !context.quoting ? null : value,
    }) as (string | null)[][];
    expect(records[0]).toEqual(columns.map((c) => c.name));
    return records.slice(1).map((fields) => {
      expect(fields).toHaveLength(columns.length);
      return Object.fromEntries(columns.map((c, i) => [c.name, decoded(c, fields[i], format)]));
    });
  }

  function expectRows(
    dataset: ExportDataset,
    rows: readonly ExportRow[],
    format: ExportFormat,
    formulas: FormulaHandling,
  ) {
    const columns = EXPORT_COLUMNS[dataset];
    return rows.map((row) =>
      Object.fromEntries(columns.map((c) => [c.name, expected(c, row[c.name], format, formulas)])),
    );
  }

  const filterArbitrary = fc.record({
    from: fc.option(fc.integer({ min: T0 - HOUR, max: T0 + 30 * HOUR }), { nil: undefined }),
    span: fc.option(fc.integer({ min: 0, max: 60 * HOUR }), { nil: undefined }),
    onlyA: fc.boolean(),
    status: fc.option(fc.constantFrom('completed', 'failed', 'skipped', 'cancelled', 'open', 'resolved'), {
      nil: undefined,
    }),
    formulas: fc.constantFrom<FormulaHandling>('escape', 'keep'),
  });

  it.each(['csv', 'jsonl', 'parquet'] as const)(
    '%s: executions, steps, anomalies and insights parse back to their rows',
    async (format) => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .array(fc.nat(), { minLength: 0, maxLength: 6 })
            .chain((seeds) =>
              fc.tuple(
                fc.tuple(...seeds.map((_, i) => executionArbitrary(`e${i}`, i % 2 ? 'b' : 'a'))),
                fc.tuple(...seeds.map((_, i) => stepArbitrary(`s${i}`, `e${i}`, i % 2 ? 'b' : 'a'))),
                fc.tuple(...seeds.map((_, i) => anomalyArbitrary(`x${i}`, i % 2 ? 'b' : 'a'))),
              ),
            ),
          fc.array(insightRowArbitrary, { maxLength: 4 }),
          filterArbitrary,
          async ([executions, steps, anomalies], insightRows, f) => {
            run++;
            const wf = (w: string) => `run${run}-${format}-${w}`;
            // ids unique per run: the store drops a row it already holds (same id and start)
            const id = (x: string) => `${run}-${format}-${x}`;
            const execs = executions.map((e) => ({
              ...e,
              execution_id: id(e.execution_id),
              workflow_id: wf(e.workflow_id),
            }));
            const stepRows = steps.map((s) => ({
              ...s,
              step_id: id(s.step_id),
              execution_id: id(s.execution_id),
              workflow_id: wf(s.workflow_id),
            }));
            const anomalyRows = anomalies.map((a) => ({
              ...a,
              anomaly_id: id(a.anomaly_id),
              workflow_id: wf(a.workflow_id),
            }));
            await store.insert({ executions: execs, steps: stepRows, recoveries: [], resources: [] });
            await live.saveDetection({ states: [], anomalies: anomalyRows, incidents: [] });
            insights = insightRows;
            const from = f.from;
            const to = f.span === undefined ? undefined : (from ?? T0) + f.span;
            const ids = f.onlyA ? [wf('a')] : [wf('a'), wf('b')];
            const filter = { from, to, workflowIds: ids };
            const inRange = (t: number) => (from === undefined || t >= from) && (to === undefined || t < to);
            const cases: [ExportDataset, readonly ExportRow[], string | undefined][] = [
              [
                'executions',
                execs.filter((e) => ids.includes(e.workflow_id) && inRange(e.started_at)),
                'cancelled',
              ],
              [
                'steps',
                stepRows.filter((s) => ids.includes(s.workflow_id) && inRange(s.started_at)),
                'skipped',
              ],
              [
                'anomalies',
                anomalyRows.filter(
                  (a) =>
                    ids.includes(a.workflow_id) &&
                    (from === undefined || a.ended_at >= from) &&
                    (to === undefined || a.started_at < to),
                ),
                'open',
              ],
              ['insights', insightRows.filter((r) => inRange(r.created_at as number)), undefined],
            ];
            for (const [dataset, rows, status] of cases) {
              const useStatus = status !== undefined && f.status === status;
              const want = useStatus ? rows.filter((r) => r.status === status) : rows;
              const got = await exported(
                dataset,
                format,
                {
                  ...filter,
                  ...(useStatus && { status }),
                  ...(dataset === 'insights' && { workflowIds: undefined }),
                },
                f.formulas,
              );
              expect(got.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1))).toEqual(
                expectRows(dataset, want, format, f.formulas).sort((a, b) =>
                  sortKey(a) < sortKey(b) ? -1 : 1,
                ),
              );
            }
          },
        ),
        { numRuns: format === 'parquet' ? 12 : 40 },
      );
    },
  );
});
