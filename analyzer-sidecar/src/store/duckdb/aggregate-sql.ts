/** Allow-listed aggregations: the catalog names the column, the query binds every value. */
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  AGGREGATE_METRICS,
  validateAggregateQuery,
  type AggregateQuery,
  type AggregateRow,
  type Aggregation,
} from '../aggregate-catalog';
import { filterConditions, SqlParams, whereClause } from './filter-sql';
import { TABLES } from '../record-tables';
import { allRowsView, quoteIdentifier } from './tables';

const AGGREGATE_SQL: Readonly<Record<Aggregation, (column: string) => string>> = {
  avg: (c) => `avg(${c})`,
  sum: (c) => `sum(${c})::DOUBLE`,
  count: (c) => `count(${c})::DOUBLE`,
  min: (c) => `min(${c})::DOUBLE`,
  max: (c) => `max(${c})::DOUBLE`,
  p50: (c) => `quantile_cont(${c}, 0.5)`,
  p95: (c) => `quantile_cont(${c}, 0.95)`,
  p99: (c) => `quantile_cont(${c}, 0.99)`,
};

const RFC3339 = `'%Y-%m-%dT%H:%M:%S.000Z'`;

export async function runAggregate(
  connection: DuckDBConnection,
  query: AggregateQuery,
): Promise<AggregateRow[]> {
  validateAggregateQuery(query);
  const metric = AGGREGATE_METRICS[query.metric];
  const table = TABLES[metric.table];
  const time = quoteIdentifier(table.timeColumn);
  const column = `r.${quoteIdentifier(metric.column)}`;
  const groups = query.groupBy.map((name) => {
    if (name === 'hour' || name === 'day') {
      return `strftime(date_trunc('${name}', epoch_ms(r.${time})), ${RFC3339}) AS ${quoteIdentifier(name)}`;
    }
    return `r.${quoteIdentifier(name)}::VARCHAR AS ${quoteIdentifier(name)}`;
  });
  const params = new SqlParams();
  const columnNames = table.columns.map((c) => c.name);
  const conditions = [
    `r.${time} >= ${params.bind(query.start)}::BIGINT`,
    `r.${time} < ${params.bind(query.end)}::BIGINT`,
    ...filterConditions(
      {
        ...query.filters,
        from: undefined,
        to: undefined,
        workflowIds: columnNames.includes('workflow_id') ? query.filters?.workflowIds : undefined,
      },
      {
        alias: 'r',
        time: table.timeColumn,
        hasStatus: columnNames.includes('status'),
        hasActionType: columnNames.includes('action_type'),
        actionTypeViaSteps: metric.table === 'executions',
      },
      params,
    ),
  ];
  const select = [
    ...groups,
    `${AGGREGATE_SQL[query.aggregation](column)} AS value`,
    `count(${column})::DOUBLE AS n`,
  ];
  const groupBy =
    query.groupBy.length === 0
      ? ''
      : `GROUP BY ${query.groupBy.map((_, i) => String(i + 1)).join(', ')} ORDER BY ${query.groupBy.map((_, i) => String(i + 1)).join(', ')}`;
  const result = await connection.runAndReadAll(
    `SELECT ${select.join(', ')} FROM ${quoteIdentifier(allRowsView(metric.table))} r ${whereClause(conditions)} ${groupBy}`,
    params.values,
  );
  return result.getRowObjects().map((row) => ({
    group: Object.fromEntries(query.groupBy.map((name) => [name, (row[name] as string | null) ?? null])),
    value: (row.value as number | null) ?? null,
    count: row.n as number,
  }));
}
