/**
 * Where a ClickHouse export's rows become bytes: a DuckDB in-memory database
 * of its own, spilling to its own temporary directory past a small memory
 * limit, so the DuckDB backend's export SQL (duckdb/export-queries.ts)
 * writes every CSV field, JSON value and Parquet column, and both backends'
 * exports are byte-identical by construction. ClickHouse 18.16 has no
 * Parquet output, and its number and time formatting differ from DuckDB's.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Anomaly } from '../../model/analysis';
import { appendRows } from '../duckdb/row-codec';
import { createTableSql } from '../duckdb/tables';
import type { StoredDataset } from '../export-store';
import { TABLES } from '../record-tables';

/** The staged rows' table: the DuckDB export SQL reads it in place of its own source. */
export const STAGE_TABLE = 'staged';

/** What a dataset's rows are when they reach the stage: records, or anomalies as their bodies. */
export type StagedRows = readonly object[] | readonly Anomaly[];

export interface StageOptions {
  readonly tempDir: string;
  readonly memoryLimit: string;
}

export class ExportStage {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    private readonly dir: string,
  ) {}

  static async open(options: StageOptions): Promise<ExportStage> {
    const dir = mkdtempSync(join(options.tempDir, 'rpa-export-stage-'));
    try {
      const instance = await DuckDBInstance.create(':memory:', {
        memory_limit: options.memoryLimit,
        threads: '1',
        temp_directory: dir,
      });
      return new ExportStage(instance, await instance.connect(), dir);
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Anomalies keep what their export reads: the ordering columns and the JSON body (as in DuckDB's live tables). */
  async createTable(dataset: StoredDataset): Promise<void> {
    await this.connection.run(
      dataset === 'anomalies'
        ? `CREATE TABLE ${STAGE_TABLE} (started_at BIGINT NOT NULL, anomaly_id VARCHAR NOT NULL, body VARCHAR NOT NULL)`
        : createTableSql(TABLES[dataset], STAGE_TABLE),
    );
  }

  async append(dataset: StoredDataset, rows: StagedRows): Promise<void> {
    const appender = await this.connection.createAppender(STAGE_TABLE);
    try {
      if (dataset === 'anomalies') {
        for (const anomaly of rows as readonly Anomaly[]) {
          appender.appendBigInt(BigInt(anomaly.started_at));
          appender.appendVarchar(anomaly.anomaly_id);
          appender.appendVarchar(JSON.stringify(anomaly));
          appender.endRow();
        }
      } else {
        appendRows(appender, TABLES[dataset], rows);
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  async clear(): Promise<void> {
    await this.connection.run(`DELETE FROM ${STAGE_TABLE}`);
  }

  /** A query's first column joined per result chunk (one chunk in memory at a time). */
  async *joined(sql: string): AsyncGenerator<string> {
    const result = await this.connection.stream(sql);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) return;
      yield (chunk.getColumns()[0] as string[]).join('');
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
