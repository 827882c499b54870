/** The ClickHouse answers to the analysis-level questions, on the store's router. */
import type { AnalysisStore } from '../analysis-store';
import type { ClickHouseStore } from './clickhouse-store';
import { queryRunningExecutions, querySeriesRecords } from './series-sql';
import {
  queryDurationSpreads,
  queryFailures,
  queryResourceUsage,
  queryWindowedOutcomes,
  queryWorkflowIds,
} from './workflow-summary-sql';

export function createClickHouseAnalysisStore(store: ClickHouseStore): AnalysisStore {
  return {
    failures: (filter) => store.read((c) => queryFailures(c, filter)),
    durationSpreads: (filter) => store.read((c) => queryDurationSpreads(c, filter)),
    resourceUsage: (filter) => store.read((c) => queryResourceUsage(c, filter)),
    seriesRecords: (filter) => store.read((c) => querySeriesRecords(c, filter)),
    runningExecutions: (since) => store.read((c) => queryRunningExecutions(c, since)),
    windowedOutcomes: (filter, windowMs) => store.read((c) => queryWindowedOutcomes(c, filter, windowMs)),
    workflowIds: (filter) => store.read((c) => queryWorkflowIds(c, filter)),
  };
}
