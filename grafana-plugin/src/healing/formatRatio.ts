import { formatPercent } from '../components/format';

/** A ratio the analyzer sends in [0, 1] (success, recovery rate) as a percentage; null as a dash. */
export function formatRatio(value: number | null | undefined, digits = 1): string {
  return formatPercent(value === null || value === undefined ? value : value * 100, digits);
}
