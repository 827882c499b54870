/** A committed batch as feed entries (one per workflow it touched) and back. */
import { randomUUID } from 'node:crypto';
import { emptyBatch, type RecordBatch } from '../model/records';
import type { FeedEntry } from './cluster-tables';

/** What live analysis needs of a commit: resources have no part in it (and may have no workflow). */
type LiveRecords = Pick<RecordBatch, 'executions' | 'steps' | 'recoveries'>;

export function splitByWorkflow(batch: RecordBatch): Map<string, LiveRecords> {
  const parts = new Map<string, LiveRecords>();
  const part = (workflowId: string): LiveRecords => {
    let found = parts.get(workflowId);
    if (!found) parts.set(workflowId, (found = { executions: [], steps: [], recoveries: [] }));
    return found;
  };
  for (const e of batch.executions) part(e.workflow_id).executions.push(e);
  for (const s of batch.steps) part(s.workflow_id).steps.push(s);
  for (const r of batch.recoveries) part(r.workflow_id).recoveries.push(r);
  return parts;
}

export function recordEntries(batch: RecordBatch, instanceId: string, at: number): FeedEntry[] {
  const entryId = randomUUID();
  return [...splitByWorkflow(batch)].map(([workflowId, records]) => ({
    at,
    entry_id: entryId,
    instance_id: instanceId,
    workflow_id: workflowId,
    kind: 'records',
    payload: JSON.stringify(records),
  }));
}

export function eventEntry(
  event: { type: string; data: Record<string, unknown>; workflowIds: string[] },
  workflowId: string,
  instanceId: string,
  at: number,
): FeedEntry {
  return {
    at,
    entry_id: randomUUID(),
    instance_id: instanceId,
    workflow_id: workflowId,
    kind: 'event',
    payload: JSON.stringify(event),
  };
}

/** Joins record entries back into one batch (in feed order). */
export function batchOf(entries: readonly FeedEntry[]): RecordBatch {
  const batch = emptyBatch();
  for (const entry of entries) {
    if (entry.kind !== 'records') continue;
    const records = JSON.parse(entry.payload) as LiveRecords;
    batch.executions.push(...records.executions);
    batch.steps.push(...records.steps);
    batch.recoveries.push(...records.recoveries);
  }
  return batch;
}
