/**
 * The export-store conformance suite every backend passes.
 *
 * Property 16: every export parses back to the rows it was made from, with
 * parsers that share nothing with the analyzer: csv-parse for CSV, JSON.parse
 * per line for JSON Lines, hyparquet for Parquet. Strings are hostile (quotes,
 * commas, CR/LF, formula starts, any Unicode); filters are random too.
 * Besides: text comes in chunks of whole records, and a consumer that stops
 * early leaves the store able to export again.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { text as readText } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { makeStep } from '../../analysis/test-support/records';
import { escapeFormula, type FormulaHandling } from '../../exports/csv';
import {
  EXPORT_COLUMNS,
  type ExportColumn,
  type ExportDataset,
  type ExportFilter,
  type ExportFormat,
  type ExportRow,
} from '../../exports/export-columns';
import {
  anomalyArbitrary,
  executionArbitrary,
  insightRowArbitrary,
  stepArbitrary,
  T0,
} from '../../exports/export-arbitraries';
import { createExportService } from '../../exports/export-service';
import type { Anomaly } from '../../model/analysis';
import type { RecordBatch } from '../../model/records';
import { readParquetRows } from '../../test-support/read-back';
import type { ExportStore } from '../export-store';

export interface ExportStoreHarness {
  exports(): ExportStore;
  insert(batch: RecordBatch): Promise<void>;
  saveAnomalies(anomalies: readonly Anomaly[]): Promise<void>;
  /** A directory the suite may write files to. */
  dir(): string;
  /** Property runs per format (the round trip's, before Parquet's third). */
  readonly runs?: number;
}

const HOUR = 3_600_000;

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

export function describeExportStoreConformance(backend: string, harness: ExportStoreHarness): void {
  describe(`ExportStore conformance: ${backend}`, () => {
    let insights: ExportRow[] = [];
    let run = 0;
    const dir = () => harness.dir();

    const service = () =>
      createExportService({
        store: harness.exports(),
        insights: async (filter) =>
          insights.filter(
            (r) =>
              (filter.from ?? -Infinity) <= (r.created_at as number) &&
              (r.created_at as number) < (filter.to ?? Infinity),
          ),
        tempDir: join(dir(), 'exports'),
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
        const file = join(dir(), `read-${run}.parquet`);
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
              await harness.insert({ executions: execs, steps: stepRows, recoveries: [], resources: [] });
              await harness.saveAnomalies(anomalyRows);
              insights = insightRows;
              const from = f.from;
              const to = f.span === undefined ? undefined : (from ?? T0) + f.span;
              const ids = f.onlyA ? [wf('a')] : [wf('a'), wf('b')];
              const filter = { from, to, workflowIds: ids };
              const inRange = (t: number) =>
                (from === undefined || t >= from) && (to === undefined || t < to);
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
          { numRuns: Math.ceil((harness.runs ?? 40) / (format === 'parquet' ? 3 : 1)) },
        );
      },
    );

    it('streams text in chunks of whole records, and can export again after a consumer stops early', async () => {
      const workflow = `chunked-${backend}`;
      const steps = Array.from({ length: 5000 }, (_, i) =>
        makeStep({
          step_id: `c${i}`,
          execution_id: `ce${i % 50}`,
          workflow_id: workflow,
          started_at: T0 + i,
        }),
      );
      await harness.insert({ executions: [], steps, recoveries: [], resources: [] });
      const filter = { workflowIds: [workflow] };
      const chunks: string[] = [];
      for await (const chunk of harness.exports().streamText('steps', filter, 'jsonl', 'escape'))
        chunks.push(chunk);
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks.every((chunk) => chunk.endsWith('}\n'))).toBe(true);
      const ids = chunks.flatMap((chunk) =>
        chunk
          .split('\n')
          .slice(0, -1)
          .map((line) => JSON.parse(line).step_id),
      );
      expect(ids.sort()).toEqual(steps.map((s) => s.step_id).sort());
      for (let i = 0; i < 3; i++) {
        for await (const chunk of harness.exports().streamText('steps', filter, 'csv', 'keep')) {
          expect(chunk.endsWith('\r\n')).toBe(true);
          break;
        }
      }
      let records = 0;
      for await (const chunk of harness.exports().streamText('steps', filter, 'csv', 'keep'))
        records += chunk.split('\r\n').length - 1;
      expect(records).toBe(steps.length);
    });
  });
}
