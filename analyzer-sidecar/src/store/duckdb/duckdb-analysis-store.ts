/** The DuckDB answers to the analysis-level questions, on the store's read connections. */
import type { ResourceUsage } from '../../analysis/resource-usage';
import type {
  AnalysisStore,
  DurationSpread,
  FailureRow,
  RunningExecutionAge,
  SeriesRecords,
  WindowedOutcomes,
} from '../analysis-store';
import type { ExecutionFilter } from '../store';
import type { DuckDbStore } from './duckdb-store';
import { queryFailures } from './failure-sql';
import { queryRunningExecutions, querySeriesRecords } from './series-sql';
import {
  queryDurationSpreads,
  queryResourceUsage,
  queryWindowedOutcomes,
  queryWorkflowIds,
} from './workflow-summary-sql';

export function createDuckDbAnalysisStore(store: DuckDbStore): AnalysisStore {
  return {
    failures: (filter: ExecutionFilter): Promise<FailureRow[]> => store.read((c) => queryFailures(c, filter)),
    durationSpreads: (filter: ExecutionFilter): Promise<DurationSpread[]> =>
      store.read((c) => queryDurationSpreads(c, filter)),
    resourceUsage: (filter: ExecutionFilter): Promise<ResourceUsage[]> =>
      store.read((c) => queryResourceUsage(c, filter)),
    seriesRecords: (filter: ExecutionFilter): Promise<SeriesRecords> =>
      store.read((c) => querySeriesRecords(c, filter)),
    runningExecutions: (since: number): Promise<RunningExecutionAge[]> =>
      store.read((c) => queryRunningExecutions(c, since)),
    windowedOutcomes: (
      filter: ExecutionFilter & { from: number },
      windowMs: number,
    ): Promise<WindowedOutcomes[]> => store.read((c) => queryWindowedOutcomes(c, filter, windowMs)),
    workflowIds: (filter: ExecutionFilter): Promise<string[]> =>
      store.read((c) => queryWorkflowIds(c, filter)),
  };
}
