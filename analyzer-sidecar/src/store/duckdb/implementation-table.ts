/** Insight implementations in a DuckDB table of their own (retention and archive leave it alone). */
import type { Insight } from '../../model/analysis';
import type { ImplementationStore, InsightImplementation } from '../implementation-store';
import type { DuckDbStore } from './duckdb-store';

const CREATE = `CREATE TABLE IF NOT EXISTS insight_implementations (
  insight_id VARCHAR PRIMARY KEY, workflow_id VARCHAR NOT NULL, implemented_at BIGINT NOT NULL,
  note VARCHAR, reported_impact JSON, insight JSON NOT NULL)`;

export async function openImplementationTable(store: DuckDbStore): Promise<ImplementationStore> {
  await store.exclusive((connection) => connection.run(CREATE));
  return {
    async record(implementation: InsightImplementation): Promise<void> {
      const { insight_id, workflow_id, implemented_at, note, reported_impact, insight } = implementation;
      const reported = reported_impact === null ? null : JSON.stringify(reported_impact);
      await store.exclusive((connection) =>
        connection.run(
          'INSERT OR REPLACE INTO insight_implementations VALUES ($1, $2, $3::BIGINT, $4, $5::JSON, $6::JSON)',
          [insight_id, workflow_id, implemented_at, note, reported, JSON.stringify(insight)],
        ),
      );
    },
    async remove(insightId: string): Promise<void> {
      await store.exclusive((connection) =>
        connection.run('DELETE FROM insight_implementations WHERE insight_id = $1', [insightId]),
      );
    },
    async list(): Promise<InsightImplementation[]> {
      const result = await store.read((connection) =>
        connection.runAndReadAll(
          `SELECT insight_id, workflow_id, implemented_at::DOUBLE AS implemented_at, note, reported_impact::VARCHAR AS reported_impact, insight::VARCHAR AS insight
           FROM insight_implementations ORDER BY implemented_at, insight_id`,
        ),
      );
      return result.getRowObjects().map((row) => ({
        insight_id: row.insight_id as string,
        workflow_id: row.workflow_id as string,
        implemented_at: row.implemented_at as number,
        note: row.note as string | null,
        reported_impact:
          row.reported_impact === null
            ? null
            : (JSON.parse(row.reported_impact as string) as Record<string, unknown>),
        insight: JSON.parse(row.insight as string) as Insight,
      }));
    },
  };
}
