/**
 * `GET /analytics/stream` (Server-Sent Events, `Last-Event-ID` resume) and
 * `GET /analytics/stream/ws` (WebSocket, the same events as JSON messages),
 * both filterable by `workflow_id`. Streams end when the app closes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/websocket';
import type { WebSocket } from 'ws';
import type { EventBus, LiveEvent } from '../services/live/event-bus';
import { BadRequestError } from './errors';
import { presentLiveEvent } from './present-live';
import { streamRouteSchema } from './schemas/live-schemas';
import { StreamClient, type Transport } from './stream-client';

interface StreamQuery {
  workflow_id?: string[];
  last_event_id?: number;
}

const HEARTBEAT_MS = 15_000;
/** A WebSocket with more than this waiting is full: progress coalesces until it drains. */
const WS_HIGH_WATER = 1 << 20;

function lastEventId(request: FastifyRequest<{ Querystring: StreamQuery }>): number | undefined {
  const header = request.headers['last-event-id'];
  const raw = typeof header === 'string' && header !== '' ? header : request.query.last_event_id;
  if (raw === undefined) return undefined;
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 0) throw new BadRequestError('Last-Event-ID', 'must be an event id');
  return id;
}

export function sseFrame(event: LiveEvent, now: number): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(presentLiveEvent(event, now))}\n\n`;
}

export async function streamRoutes(
  app: FastifyInstance,
  options: { bus: EventBus; now: () => number; onClients?: (count: () => number) => void },
) {
  const { bus, now } = options;
  const closers = new Set<() => void>();
  options.onClients?.(() => closers.size);
  app.addHook('preClose', async () => {
    for (const close of [...closers]) close();
  });

  /** Subscribes a client: the missed events first (or a reset), then live ones; returns the unsubscriber. */
  function attach(client: StreamClient, after: number | undefined, onReset: () => void): () => void {
    if (after !== undefined) {
      const missed = bus.since(after);
      if (missed === null) onReset();
      else for (const event of missed) client.push(event);
    }
    return bus.subscribe((event) => client.push(event));
  }

  app.get<{ Querystring: StreamQuery }>(
    '/analytics/stream',
    { config: { access: 'viewer' }, schema: streamRouteSchema },
    (request, reply: FastifyReply) => {
      const after = lastEventId(request);
      const raw = reply.raw;
      reply.hijack();
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write(`retry: 2000\n: last event ${bus.lastId}\n\n`);
      const transport: Transport = {
        send: (event) => raw.write(sseFrame(event, now())),
        onReady: (resume) => raw.once('drain', resume),
      };
      const ids = request.query.workflow_id;
      const client = new StreamClient(transport, ids && ids.length > 0 ? new Set(ids) : null);
      const unsubscribe = attach(client, after, () => raw.write(`event: reset\ndata: {}\n\n`));
      const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS).unref();
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
        client.close();
        closers.delete(close);
        raw.end();
      };
      closers.add(close);
      request.raw.once('close', close);
    },
  );

  app.get<{ Querystring: StreamQuery }>(
    '/analytics/stream/ws',
    {
      websocket: true,
      config: { access: 'viewer' },
      schema: {
        ...streamRouteSchema,
        summary: 'Live events over a WebSocket (JSON messages { id, type, data })',
      },
    },
    (socket: WebSocket, request: FastifyRequest<{ Querystring: StreamQuery }>) => {
      const transport: Transport = {
        send(event) {
          socket.send(
            JSON.stringify({ id: event.id, type: event.type, data: presentLiveEvent(event, now()) }),
          );
          return socket.bufferedAmount < WS_HIGH_WATER;
        },
        onReady(resume) {
          const poll = setInterval(() => {
            if (socket.bufferedAmount < WS_HIGH_WATER) {
              clearInterval(poll);
              resume();
            }
          }, 20);
        },
      };
      const ids = request.query.workflow_id;
      const client = new StreamClient(transport, ids && ids.length > 0 ? new Set(ids) : null);
      let after: number | undefined;
      try {
        after = lastEventId(request);
      } catch {
        socket.close(1008, 'bad last_event_id');
        return;
      }
      const unsubscribe = attach(client, after, () => socket.send(JSON.stringify({ type: 'reset' })));
      const close = () => {
        unsubscribe();
        client.close();
        closers.delete(close);
        if (socket.readyState === socket.OPEN) socket.close(1001, 'analyzer closing');
      };
      closers.add(close);
      socket.once('close', close);
    },
  );
}
