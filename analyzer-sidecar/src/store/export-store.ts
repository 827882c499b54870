/**
 * What exports ask of the store: the records of a dataset encoded, as a stream of chunks
 * (memory bounded by one chunk, whatever the row count), and the same rows
 * written straight to a Parquet file by the backend. Each backend owns its SQL
 * (DuckDB's is `duckdb/export-queries.ts`).
 */
import type { FormulaHandling } from '../exports/csv';
import type { ExportColumn, ExportFilter, ExportRow } from '../exports/export-columns';

export type StoredDataset = 'executions' | 'steps' | 'anomalies';
export type TextFormat = 'csv' | 'jsonl';

export interface ExportStore {
  /**
   * The dataset's records encoded as CSV (without header) or JSON Lines, a
   * chunk of records per string, in storage order; stops early (and frees its
   * connection) when the consumer returns.
   */
  streamText(
    dataset: StoredDataset,
    filter: ExportFilter,
    format: TextFormat,
    formulas: FormulaHandling,
  ): AsyncGenerator<string>;
  /** Writes the dataset's rows to a ZSTD-compressed Parquet file at `path`. */
  writeParquet(dataset: StoredDataset, filter: ExportFilter, path: string): Promise<void>;
  /** Writes rows computed outside the store (insights) to a Parquet file with the columns' types. */
  writeRowsParquet(columns: readonly ExportColumn[], rows: readonly ExportRow[], path: string): Promise<void>;
}
