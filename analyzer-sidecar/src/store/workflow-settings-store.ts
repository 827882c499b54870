/**
 * Per-workflow settings an editor sets: the manual effort and cost a case
 * takes without the bot (time saved / ROI) and the expected cadence (missing
 * runs). Persisted by the backend (DuckDB: duckdb/workflow-settings-table.ts).
 */
export interface WorkflowSettings {
  readonly workflow_id: string;
  /** Minutes a person needs for one case; null: not configured (no savings computed). */
  readonly manual_minutes_per_case: number | null;
  /** Cost of one hour of that work, in `currency`. */
  readonly cost_per_hour: number | null;
  readonly currency: string | null;
  /** Minutes a failed run costs someone on top (noticing, redoing). */
  readonly failure_handling_minutes: number;
  /** Cron expression of the expected runs; null: learned from history. */
  readonly cron: string | null;
  /** IANA zone of the cron expression. */
  readonly timezone: string;
  /** Allowed lateness of an expected run, minutes; null: the default (cron 15 min, learned half the gap). */
  readonly tolerance_minutes: number | null;
  /** Epoch ms of the last change. */
  readonly updated_at: number;
}

export interface WorkflowSettingsStore {
  /** Every workflow's settings, by workflow id. */
  list(): Promise<WorkflowSettings[]>;
  get(workflowId: string): Promise<WorkflowSettings | null>;
  /** Creates or replaces one workflow's settings. */
  put(settings: WorkflowSettings): Promise<void>;
  /** Forgets them; whether there were any. */
  remove(workflowId: string): Promise<boolean>;
}
