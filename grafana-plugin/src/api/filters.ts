/** The analyzer's common filters (contract: from, to, workflow_id repeatable, status, action_type). */
export interface AnalyzerFilters {
  /** Epoch milliseconds or RFC 3339. */
  from?: number | string;
  to?: number | string;
  workflowIds?: string[];
  status?: string;
  actionType?: string;
}

export type QueryValue = string | number | boolean | undefined | null | Array<string | number>;

/** Serializes params; arrays become repeated keys (`workflow_id=a&workflow_id=b`), empty values are dropped. */
export function buildQueryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (v === undefined || v === null || v === '') {
        continue;
      }
      search.append(key, String(v));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function filterParams(filters: AnalyzerFilters = {}): Record<string, QueryValue> {
  return {
    from: filters.from,
    to: filters.to,
    workflow_id: filters.workflowIds?.filter((id) => id !== ''),
    status: filters.status,
    action_type: filters.actionType,
  };
}
