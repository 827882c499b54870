/** What the analysis services share: the store's two faces, the configuration, the clock, the cache. */
import type { FailureRule } from '../analysis/failure-categories';
import { QueryCache } from '../analysis/query-cache';
import type { AnalysisConfig } from '../config/config';
import type { AnalysisStore } from '../store/analysis-store';
import type { Store } from '../store/store';

export interface AnalysisContext {
  readonly store: Store;
  readonly analysisStore: AnalysisStore;
  readonly config: AnalysisConfig;
  readonly now: () => number;
  readonly failureRules?: readonly FailureRule[];
  readonly cache: QueryCache<unknown>;
}

/** Answers cached until new data arrives for one of `workflows` (empty: any workflow). */
export async function cached<T>(
  context: AnalysisContext,
  key: string,
  workflows: readonly string[],
  compute: () => Promise<T>,
): Promise<T> {
  const hit = context.cache.get(key);
  if (hit !== undefined) return hit as T;
  const value = await compute();
  context.cache.set(key, value, workflows);
  return value;
}
