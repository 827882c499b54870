/**
 * Allow-listed aggregations (../aggregate-catalog) in ClickHouse: the catalog
 * names the column, every value is a literal. Percentiles are type 7 from the
 * sorted sample; an aggregation over no values is NULL, as in SQL elsewhere.
 */
import {
  AGGREGATE_METRICS,
  validateAggregateQuery,
  type AggregateQuery,
  type AggregateRow,
  type Aggregation,
} from '../aggregate-catalog';
import { TABLES } from '../record-tables';
import type { ClickHouseConnection } from './connection';
import { filterConditions, whereClause } from './filter-sql';
import { executionRowsSql } from './schema';
import { identifier, int64Literal } from './sql-literal';
import { type7Quantile } from './stats-sql';

/** Inner aggregate per group; `values` is the group's sorted non-null values where a percentile needs them. */
const INNER: Readonly<Record<Aggregation, (column: string) => string>> = {
  avg: (c) => `avg(${c})`,
  sum: (c) => `toFloat64(sum(${c}))`,
  count: (c) => `toFloat64(count(${c}))`,
  min: (c) => `toFloat64(min(${c}))`,
  max: (c) => `toFloat64(max(${c}))`,
  p50: (c) => `arraySort(groupArray(toFloat64(${c})))`,
  p95: (c) => `arraySort(groupArray(toFloat64(${c})))`,
  p99: (c) => `arraySort(groupArray(toFloat64(${c})))`,
};

const PERCENTILE: Partial<Record<Aggregation, number>> = { p50: 0.5, p95: 0.95, p99: 0.99 };

const RFC3339 = `'%Y-%m-%dT%H:%M:%S.000Z'`;

export async function runAggregate(
  connection: ClickHouseConnection,
  query: AggregateQuery,
): Promise<AggregateRow[]> {
  validateAggregateQuery(query);
  const metric = AGGREGATE_METRICS[query.metric];
  const table = TABLES[metric.table];
  const time = identifier(table.timeColumn);
  const column = identifier(metric.column);
  const groups = query.groupBy.map((name, i) => {
    const alias = `g${i}`;
    if (name === 'hour' || name === 'day') {
      const start = name === 'hour' ? 'toStartOfHour' : 'toStartOfDay';
      return `formatDateTime(${start}(toDateTime(intDiv(${time}, 1000), 'UTC')), ${RFC3339}, 'UTC') AS ${alias}`;
    }
    return `toString(${identifier(name)}) AS ${alias}`;
  });
  const columnNames = table.columns.map((c) => c.name);
  const conditions = [
    `${time} >= ${int64Literal(query.start)}`,
    `${time} < ${int64Literal(query.end)}`,
    ...filterConditions(
      { ...query.filters, from: undefined, to: undefined },
      {
        time: table.timeColumn,
        hasWorkflow: columnNames.includes('workflow_id'),
        hasStatus: columnNames.includes('status'),
        hasActionType: columnNames.includes('action_type'),
        actionTypeViaSteps: metric.table === 'executions',
      },
    ),
  ];
  const source =
    metric.table === 'executions'
      ? executionRowsSql({
          conditions,
          includeRunning: query.filters?.status === undefined || query.filters.status === 'running',
          workflowIds: query.filters?.workflowIds,
        })
      : `${identifier(metric.table)} FINAL ${whereClause(conditions)}`;
  const groupNames = query.groupBy.map((_, i) => `g${i}`);
  const inner = [...groups, `${INNER[query.aggregation](column)} AS agg`, `toFloat64(count(${column})) AS n`];
  const p = PERCENTILE[query.aggregation];
  const value = p === undefined ? 'agg' : type7Quantile('agg', 'length(agg)', p);
  // A count of nothing is 0; every other aggregation of nothing is NULL.
  const guarded = query.aggregation === 'count' ? value : `if(n = 0, NULL, ${value})`;
  const groupBy = groupNames.length === 0 ? '' : `GROUP BY ${groupNames.join(', ')}`;
  const orderBy = groupNames.length === 0 ? '' : `ORDER BY ${groupNames.join(', ')}`;
  const rows = await connection.rows<Record<string, unknown>>(
    `SELECT ${[...groupNames, `${guarded} AS value`, 'n'].join(', ')}
     FROM (SELECT ${inner.join(', ')} FROM ${source} ${groupBy}) ${orderBy}`,
  );
  return rows.map((row) => ({
    group: Object.fromEntries(
      query.groupBy.map((name, i) => [name, (row[`g${i}`] as string | null) ?? null]),
    ),
    value: (row.value as number | null) ?? null,
    count: row.n as number,
  }));
}
