/** What the analysis services share: the store's two faces, the configuration, the clock, the cache. */
import type { FailureRule } from '../analysis/failure-categories';
import { QueryCache } from '../analysis/query-cache';
import type { AnalysisConfig } from '../config/config';
import type { AnalysisStore } from '../store/analysis-store';
import type { HealingStore } from '../store/healing-store';
import type { LiveStore } from '../store/live-store';
import type { Store } from '../store/store';

/** Live analysis as the periodic pass sees it: anomalies and incidents already judged on commit. */
export interface LiveAnalysis {
  readonly store: LiveStore;
  /** Resolves once every committed row is judged. */
  idle(): Promise<void>;
}

export interface AnalysisContext {
  readonly store: Store;
  readonly analysisStore: AnalysisStore;
  readonly config: AnalysisConfig;
  readonly now: () => number;
  readonly failureRules?: readonly FailureRule[];
  readonly cache: QueryCache<Promise<unknown> | undefined>;
  /** Without it, the periodic pass detects anomalies itself over the lookback. */
  readonly live?: LiveAnalysis;
  /** Self-healing, drift and healing-debt insights join the periodic pass when given. */
  readonly healingStore?: HealingStore;
}

/**
 * Answers cached until new data arrives for one of `workflows` (empty: any
 * workflow). The promise is cached, so concurrent requests share one query,
 * and a write during the query drops it like any other answer.
 */
export function cached<T>(
  context: AnalysisContext,
  key: string,
  workflows: readonly string[],
  compute: () => Promise<T>,
): Promise<T> {
  const hit = context.cache.get(key);
  if (hit !== undefined) return hit as Promise<T>;
  const value = compute();
  context.cache.set(key, value, workflows);
  value.catch(() => {
    if (context.cache.get(key) === value) context.cache.set(key, undefined, workflows);
  });
  return value;
}
