import type { InterpolateFunction } from '@grafana/data';

/**
 * Expands a panel option that may hold template variables into a list of workflow ids.
 * `All` (or an unresolved variable) means no filter.
 */
export function interpolateWorkflowIds(value: string, replaceVariables: InterpolateFunction): string[] {
  if (!value.trim()) {
    return [];
  }
  const expanded = replaceVariables(value, undefined, 'csv');
  return expanded
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== '$__all' && s !== 'All' && !s.startsWith('$'));
}
