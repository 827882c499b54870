/** Parsing of query values the schemas cannot check alone (times, cursors). */
import type { ExecutionCursor, ExecutionFilter } from '../store/store';
import { BadRequestError } from './errors';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** RFC 3339 or epoch milliseconds → epoch milliseconds. */
export function parseTime(field: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d{1,15}$/.test(value)) return Number(value);
  const parsed = RFC3339.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(parsed))
    throw new BadRequestError(field, `${field} must be RFC 3339 or epoch milliseconds`);
  return parsed;
}

export interface FilterQuery {
  from?: string;
  to?: string;
  workflow_id?: string[];
  status?: string;
  action_type?: string;
}

export function toFilter(query: FilterQuery): ExecutionFilter {
  const from = parseTime('from', query.from);
  const to = parseTime('to', query.to);
  if (from !== undefined && to !== undefined && to < from)
    throw new BadRequestError('to', 'to must not be before from');
  return { from, to, workflowIds: query.workflow_id, status: query.status, actionType: query.action_type };
}

export function encodeCursor(cursor: ExecutionCursor): string {
  return Buffer.from(JSON.stringify([cursor.startedAt, cursor.executionId])).toString('base64url');
}

export function decodeCursor(value: string | undefined): ExecutionCursor | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      Number.isFinite(parsed[0]) &&
      typeof parsed[1] === 'string'
    ) {
      return { startedAt: parsed[0] as number, executionId: parsed[1] };
    }
  } catch {
    // reported below
  }
  throw new BadRequestError('cursor', 'cursor is not one this API returned');
}
