/** Schemas of the live routes: incidents, executions in flight, the event stream. */
import * as E from './analysis-examples';
import * as S from './analysis-model-schemas';
import { lifecycleStatus } from './analysis-route-schemas';
import { component, nullableString, rfc3339 } from './common';
import {
  cursorParam,
  limitParam,
  listOf,
  rangeProperties,
  routeSchema,
  workflowIdsParam,
} from './route-schema';

export const liveExecutionSchema = component('LiveExecution', {
  type: 'object',
  properties: {
    execution_id: { type: 'string' },
    workflow_id: { type: 'string' },
    status: { type: 'string', enum: ['running', 'completed', 'failed', 'cancelled'] },
    started_at: rfc3339,
    completed_at: { ...rfc3339, type: ['string', 'null'] },
    elapsed_ms: { type: 'number' },
    steps_total: { type: ['integer', 'null'] },
    steps_completed: { type: 'integer' },
    steps_failed: { type: 'integer' },
    current_step: {
      type: ['object', 'null'],
      properties: { node_id: { type: 'string' }, action_type: { type: 'string' } },
    },
    last_activity_at: rfc3339,
    service_name: nullableString,
    host_name: nullableString,
  },
} as const);

const liveExecutionExample = {
  execution_id: 'a1b2',
  workflow_id: 'wf-invoice',
  status: 'running',
  started_at: '2026-11-21T10:00:00.000Z',
  completed_at: null,
  elapsed_ms: 12500,
  steps_total: 12,
  steps_completed: 4,
  steps_failed: 0,
  current_step: { node_id: 'fill-form', action_type: 'type' },
  last_activity_at: '2026-11-21T10:00:11.900Z',
};

export const liveExecutionsRouteSchema = routeSchema({
  summary: 'Executions in flight with their progress (step i of n, current step, elapsed), oldest first',
  description:
    'Started by the `rpa.execution.started` marker (or, from executors without it, by their first step); gone once the execution span arrives.',
  querystring: { properties: { workflow_id: workflowIdsParam, limit: limitParam, cursor: cursorParam } },
  ok: listOf(liveExecutionSchema),
  example: { items: [liveExecutionExample], total: 1, next_cursor: null },
});

export const incidentsRouteSchema = routeSchema({
  summary: 'Incidents (anomalies of several workflows correlated in time) with their lifecycle, newest first',
  querystring: {
    properties: {
      ...rangeProperties,
      status: lifecycleStatus,
      workflow_id: workflowIdsParam,
      min_severity: { type: 'number', minimum: 0, maximum: 1, default: 0 },
      limit: limitParam,
      cursor: cursorParam,
    },
  },
  ok: listOf(S.anomalyGroupSchema),
  example: {
    items: [
      {
        group_id: 'incident-0a1b2c3d4e5f6a7b',
        status: 'open',
        severity: 0.82,
        detected_at: '2026-11-20T10:05:00.000Z',
        resolved_at: null,
        workflow_ids: ['wf-invoice', 'wf-orders'],
        started_at: '2026-11-20T10:02:11.120Z',
        ended_at: '2026-11-20T10:48:40.901Z',
        anomalies: [E.anomalyExample],
      },
    ],
    total: 1,
    next_cursor: null,
  },
});

const streamDescription =
  'Server-Sent Events. Each event has an `id:` (a sequence number), an `event:` (execution.started, execution.progress, ' +
  'execution.ended, anomaly.opened, anomaly.resolved, incident.opened, incident.resolved) and `data:` (JSON: execution.* ' +
  'the live execution fields, anomaly.* the Anomaly, incident.* the correlated group with its status). Reconnecting with ' +
  '`Last-Event-ID` (or `last_event_id`) replays what was missed; an `event: reset` says the gap is too old to replay. ' +
  'Progress events of one execution are coalesced when the client reads slower than they come. The WebSocket endpoint ' +
  '`/analytics/stream/ws` carries the same events as JSON messages `{ id, type, data }`.';

export const streamRouteSchema = {
  summary: 'Live events: executions started/progress/ended, anomalies and incidents opened/resolved',
  description: streamDescription,
  tags: ['live'],
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      workflow_id: workflowIdsParam,
      last_event_id: {
        type: 'integer',
        minimum: 0,
        description: 'Resume after this event (as Last-Event-ID)',
      },
    },
  },
  response: {
    200: {
      description: 'text/event-stream',
      content: { 'text/event-stream': { schema: { type: 'string' } } },
    },
  },
} as const;
