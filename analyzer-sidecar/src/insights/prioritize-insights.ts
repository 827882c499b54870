/** Seed `prioritize_insights` (Property 14): highest priority_score first; ties by id, so the order is total. */
import type { Insight } from '../model/analysis';

export function prioritizeInsights(insights: readonly Insight[]): Insight[] {
  return [...insights].sort(
    (a, b) =>
      b.priority_score - a.priority_score ||
      (a.insight_id < b.insight_id ? -1 : a.insight_id > b.insight_id ? 1 : 0),
  );
}
