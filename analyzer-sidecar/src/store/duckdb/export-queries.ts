/**
 * The export datasets in SQL: executions and steps from the `<table>_all`
 * views (hot and archived rows), anomalies from the live table's JSON bodies.
 * Streams run on a borrowed connection of their own (a streaming result holds
 * its connection until drained); Parquet is written by DuckDB's COPY.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FormulaHandling } from '../../exports/csv';
import {
  EXPORT_COLUMNS,
  type ExportColumn,
  type ExportFilter,
  type ExportRow,
} from '../../exports/export-columns';
import type { ExportStore, StoredDataset, TextFormat } from '../export-store';
import { csvRecordSql, jsonlRecordSql } from './export-encoding-sql';
import type { DuckDbStore } from './duckdb-store';
import { EXECUTION_FILTER_COLUMNS, filterConditions, SqlParams, whereClause } from './filter-sql';
import { quoteIdentifier, quoteLiteral } from './tables';

interface Source {
  readonly from: string;
  /** The alias `value` reads columns through. */
  readonly alias: string;
  /** SQL of a column's stored value (times as BIGINT epoch ms, json as JSON text). */
  value(column: ExportColumn): string;
  conditions(filter: ExportFilter, params: SqlParams): string[];
  readonly order: string;
}

const STEP_COLUMNS = { ...EXECUTION_FILTER_COLUMNS, alias: 's', actionTypeViaSteps: false };

const SOURCES: Readonly<Record<StoredDataset, Source>> = {
  executions: {
    from: 'executions_all e',
    alias: 'e',
    value: (c) => `e.${quoteIdentifier(c.name)}`,
    conditions: (f, p) => filterConditions(f, EXECUTION_FILTER_COLUMNS, p),
    // storage order: sorting 10 M rows would hold them all before the first byte
    order: '',
  },
  steps: {
    from: 'steps_all s',
    alias: 's',
    value: (c) => `s.${quoteIdentifier(c.name)}`,
    conditions: (f, p) => filterConditions(f, STEP_COLUMNS, p),
    order: '',
  },
  anomalies: {
    from: 'anomalies a',
    alias: 'a',
    value: (c) => {
      const key = quoteLiteral(c.name);
      if (c.kind === 'json') return `(a.body->${key})`;
      if (c.kind === 'time') return `(a.body->>${key})::BIGINT`;
      if (c.kind === 'double') return `(a.body->>${key})::DOUBLE`;
      return `(a.body->>${key})`;
    },
    conditions: (f, p) => {
      const where: string[] = [];
      if (f.from !== undefined) where.push(`a.ended_at >= ${p.bind(f.from)}::BIGINT`);
      if (f.to !== undefined) where.push(`a.started_at < ${p.bind(f.to)}::BIGINT`);
      if (f.status !== undefined) where.push(`a.status = ${p.bind(f.status)}`);
      if (f.workflowIds?.length) where.push(`list_contains(${p.bindList(f.workflowIds)}, a.workflow_id)`);
      return where;
    },
    order: 'ORDER BY a.started_at, a.anomaly_id',
  },
};

/** A typed Parquet column; times as TIMESTAMP (UTC, millisecond values). */
function selectExpression(value: string, column: ExportColumn): string {
  const name = quoteIdentifier(column.name);
  switch (column.kind) {
    case 'time':
      return `epoch_ms(${value}::BIGINT) AS ${name}`;
    case 'json': // a JSON null is a missing value, not the text 'null'
      return `nullif(${value}::VARCHAR, 'null') AS ${name}`;
    case 'double':
      return `${value}::DOUBLE AS ${name}`;
    case 'integer':
      return `${value}::INTEGER AS ${name}`;
    case 'boolean':
      return `${value}::BOOLEAN AS ${name}`;
    default:
      return `${value}::VARCHAR AS ${name}`;
  }
}

const PARQUET_OPTIONS = '(FORMAT PARQUET, COMPRESSION ZSTD)';

/** The typed Parquet columns of a dataset's rows, read from its source alias. */
function parquetColumnsSql(dataset: StoredDataset): string {
  const source = SOURCES[dataset];
  return EXPORT_COLUMNS[dataset].map((c) => selectExpression(source.value(c), c)).join(', ');
}

/** One encoded record per row (the only column). */
function recordSql(dataset: StoredDataset, format: TextFormat, formulas: FormulaHandling): string {
  const source = SOURCES[dataset];
  const columns = EXPORT_COLUMNS[dataset];
  return format === 'csv'
    ? csvRecordSql(columns, source.value, formulas)
    : jsonlRecordSql(columns, source.value);
}

function parquetQuery(dataset: StoredDataset, filter: ExportFilter) {
  const source = SOURCES[dataset];
  const params = new SqlParams();
  const where = whereClause(source.conditions(filter, params));
  return {
    sql: `SELECT ${parquetColumnsSql(dataset)} FROM ${source.from} ${where} ${source.order}`,
    values: params.values,
  };
}

function encodedQuery(
  dataset: StoredDataset,
  filter: ExportFilter,
  format: TextFormat,
  formulas: FormulaHandling,
) {
  const source = SOURCES[dataset];
  const params = new SqlParams();
  const where = whereClause(source.conditions(filter, params));
  return {
    sql: `SELECT ${recordSql(dataset, format, formulas)} FROM ${source.from} ${where} ${source.order}`,
    values: params.values,
  };
}

/**
 * The same encodings over rows staged elsewhere (another backend's export):
 * `table` holds the dataset's stored columns (executions, steps: the record
 * table's; anomalies: `started_at`, `anomaly_id`, `body`), so every byte is
 * written by the same SQL as this backend's own exports.
 */
export function stagedExportSql(table: string, dataset: StoredDataset) {
  const from = `${quoteIdentifier(table)} ${SOURCES[dataset].alias}`;
  const order = SOURCES[dataset].order;
  return {
    records: (format: TextFormat, formulas: FormulaHandling) =>
      `SELECT ${recordSql(dataset, format, formulas)} FROM ${from} ${order}`,
    parquet: (path: string) =>
      `COPY (SELECT ${parquetColumnsSql(dataset)} FROM ${from} ${order}) TO ${quoteLiteral(path)} ${PARQUET_OPTIONS}`,
  };
}

async function copyToParquet(
  store: DuckDbStore,
  work: (c: DuckDBConnection) => Promise<void>,
): Promise<void> {
  const borrowed = await store.borrowConnection();
  try {
    await work(borrowed.connection);
  } finally {
    borrowed.release();
  }
}

export function createDuckDbExportStore(store: DuckDbStore): ExportStore {
  return {
    async *streamText(dataset, filter, format, formulas) {
      const { sql, values } = encodedQuery(dataset, filter, format, formulas);
      const borrowed = await store.borrowConnection();
      try {
        const result = await borrowed.connection.stream(sql, values);
        for (;;) {
          if (borrowed.signal.aborted) throw new Error('export stopped: the store is closing');
          const chunk = await result.fetchChunk();
          if (!chunk || chunk.rowCount === 0) return;
          yield (chunk.getColumns()[0] as string[]).join('');
        }
      } finally {
        borrowed.release();
      }
    },

    writeParquet(dataset, filter, path) {
      const { sql, values } = parquetQuery(dataset, filter);
      return copyToParquet(store, async (c) => {
        await c.run(`COPY (${sql}) TO ${quoteLiteral(path)} ${PARQUET_OPTIONS}`, values);
      });
    },

    writeRowsParquet(columns, rows, path) {
      return copyToParquet(store, (c) => writeRowsParquet(c, columns, rows, path));
    },
  };
}

/** Rows computed outside any store (insights) to Parquet, on any DuckDB connection. */
export async function writeRowsParquet(
  connection: DuckDBConnection,
  columns: readonly ExportColumn[],
  rows: readonly ExportRow[],
  path: string,
): Promise<void> {
  const list = columns
    .map((c) => {
      const key = quoteLiteral(c.name);
      const raw = c.kind === 'json' ? `(b->${key})` : `(b->>${key})`;
      return selectExpression(c.kind === 'time' ? `${raw}::BIGINT` : raw, c);
    })
    .join(', ');
  // one JSON array bound as text: an empty list of values would have no type to bind
  await connection.run(
    `COPY (SELECT ${list} FROM (SELECT unnest(($1::JSON)->'$[*]') AS b)) TO ${quoteLiteral(path)} ${PARQUET_OPTIONS}`,
    [JSON.stringify(rows)],
  );
}
