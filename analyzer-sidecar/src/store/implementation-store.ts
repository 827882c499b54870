/**
 * Insight implementation tracking, persisted: which insights were implemented
 * when, with the insight as it stood then (its expectation is what the
 * following period is measured against).
 */
import type { Insight } from '../model/analysis';

export interface InsightImplementation {
  insight_id: string;
  workflow_id: string;
  /** Epoch ms. */
  implemented_at: number;
  note: string | null;
  /** What the user reported observing, as given. */
  reported_impact: Record<string, unknown> | null;
  insight: Insight;
}

export interface ImplementationStore {
  /** Records (or replaces) the implementation of an insight. */
  record(implementation: InsightImplementation): Promise<void>;
  /** Forgets the implementation of an insight (no-op when none). */
  remove(insightId: string): Promise<void>;
  /** Every recorded implementation, oldest first. */
  list(): Promise<InsightImplementation[]>;
}
