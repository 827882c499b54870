/** Insight implementations in a DuckDB table of their own (retention and archive leave it alone). */
import type { Insight } from '../../model/analysis';
import type { ImplementationStore, InsightImplementation } from '../implementation-store';
import type { DuckDbStore } from './duckdb-store';

const CREATE = `CREATE TABLE IF NOT EXISTS insight_implementations (
  insight_id VARCHAR PRIMARY KEY, workflow_id VARCHAR NOT NULL, implemented_at BIGINT NOT NULL,
  note VARCHAR, insight JSON NOT NULL)`;

export async function openImplementationTable(store: DuckDbStore): Promise<ImplementationStore> {
  await store.exclusive((connection) => connection.run(CREATE));
  return {
    async record(implementation: InsightImplementation): Promise<void> {
      const { insight_id, workflow_id, implemented_at, note, insight } = implementation;
      await store.exclusive((connection) =>
        connection.run(
          'INSERT OR REPLACE INTO insight_implementations VALUES ($1, $2, $3::BIGINT, $4, $5::JSON)',
          [insight_id, workflow_id, implemented_at, note, JSON.stringify(insight)],
        ),
      );
    },
    async list(): Promise<InsightImplementation[]> {
      const result = await store.read((connection) =>
        connection.runAndReadAll(
          `SELECT insight_id, workflow_id, implemented_at::DOUBLE AS implemented_at, note, insight::VARCHAR AS insight
           FROM insight_implementations ORDER BY implemented_at, insight_id`,
        ),
      );
      return result.getRowObjects().map((row) => ({
        insight_id: row.insight_id as string,
        workflow_id: row.workflow_id as string,
        implemented_at: row.implemented_at as number,
        note: row.note as string | null,
        insight: JSON.parse(row.insight as string) as Insight,
      }));
    },
  };
}
