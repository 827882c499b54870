/** Self-healing answers as the API serves them: epoch-ms fields as RFC 3339 strings. */
import type { RunExpectation } from '../analysis/cadence/expected-runs';
import type { ElementDrift } from '../analysis/drift/confidence-drift';
import type { HealingDebt } from '../analysis/healing/healing-debt';
import type { HealingRow } from '../analysis/healing/healing-stats';
import type { WorkflowSettings } from '../store/workflow-settings-store';
import { isoTime } from './present';

const isoOrNull = (ms: number | null) => (ms === null ? null : isoTime(ms));

export const presentRecovery = (r: HealingRow) => ({
  ...r,
  started_at: isoTime(r.started_at),
  completed_at: isoTime(r.completed_at),
  later_failure_at: isoOrNull(r.later_failure_at),
});

export const presentDrift = (d: ElementDrift) => ({
  ...d,
  first_failure_at: isoOrNull(d.first_failure_at),
  executions: d.executions.map((e) => ({ ...e, started_at: isoTime(e.started_at) })),
});

export const presentDebt = (d: HealingDebt) => ({
  ...d,
  first_healed_at: isoTime(d.first_healed_at),
  last_healed_at: isoTime(d.last_healed_at),
});

export const presentExpectation = (e: RunExpectation) => ({
  ...e,
  last_started_at: isoOrNull(e.last_started_at),
  expected_at: isoTime(e.expected_at),
});

export const presentSettings = (s: WorkflowSettings) => ({ ...s, updated_at: isoTime(s.updated_at) });
