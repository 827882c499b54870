/**
 * Gauges of expected runs and confidence drift for alert rules
 * (provisioning/prometheus/rules: RpaExpectedRunMissing, RpaConfidenceDrift).
 * Published whole after each check: a workflow no longer reported loses its series.
 */
import { ANALYZER_ALERT_METRICS as M } from '@rpa-analytics/conventions';
import { Gauge, type Registry } from 'prom-client';
import type { RunExpectation } from '../analysis/cadence/expected-runs';

const LABEL = 'rpa_workflow_id';

export function createHealingGauges(registry: Registry) {
  const registers = [registry];
  const missing = new Gauge({
    name: M.runMissing,
    help: 'Whether an expected run has not started within its tolerance (1) or not (0)',
    labelNames: [LABEL],
    registers,
  });
  const overdue = new Gauge({
    name: M.runOverdue,
    help: 'How long past its tolerance the missing expected run is, seconds',
    labelNames: [LABEL],
    registers,
  });
  const drift = new Gauge({
    name: M.confidenceDriftTargets,
    help: 'Target elements whose visual-match confidence is drifting down (one-sided Mann-Kendall, alpha per element-week)',
    labelNames: [LABEL],
    registers,
  });
  return {
    publishExpectations(expectations: readonly RunExpectation[]): void {
      missing.reset();
      overdue.reset();
      for (const e of expectations) {
        missing.set({ [LABEL]: e.workflow_id }, e.missing ? 1 : 0);
        overdue.set({ [LABEL]: e.workflow_id }, e.overdue_ms / 1000);
      }
    },
    /** Flagged targets per workflow; workflows with tested targets and none flagged get 0. */
    publishDrift(counts: ReadonlyMap<string, number>): void {
      drift.reset();
      for (const [workflow, n] of counts) drift.set({ [LABEL]: workflow }, n);
    },
  };
}

export type HealingGauges = ReturnType<typeof createHealingGauges>;
