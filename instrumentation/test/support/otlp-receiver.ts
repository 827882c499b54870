import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as protobuf from 'protobufjs';

/** A decoded span, attributes flattened to plain values. */
export interface DecodedSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  startNanos: bigint;
  endNanos: bigint;
  attributes: Record<string, unknown>;
  status: { code: number; message: string };
  events: Array<{ name: string; attributes: Record<string, unknown> }>;
  resource: Record<string, unknown>;
}

export interface ReceivedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

const root = new protobuf.Root().loadSync(join(__dirname, '..', 'fixtures', 'otlp-trace.proto'), {
  keepCase: true,
});
const ExportTraceServiceRequest = root.lookupType('opentelemetry.proto.ExportTraceServiceRequest');

/**
 * A local OTLP/HTTP receiver: it stores every request and decodes trace
 * exports with protobufjs from the published proto definitions, independently
 * of the SDK's own serializer.
 */
export class OtlpReceiver {
  readonly requests: ReceivedRequest[] = [];
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks);
        const body = request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        this.requests.push({ path: request.url ?? '', headers: request.headers, body });
        response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Every span of every `/v1/traces` request received so far. */
  spans(): DecodedSpan[] {
    return this.requests.filter((r) => r.path === '/v1/traces').flatMap((r) => decodeTraceRequest(r.body));
  }
}

export function decodeTraceRequest(body: Buffer): DecodedSpan[] {
  const message = ExportTraceServiceRequest.toObject(ExportTraceServiceRequest.decode(body), {
    longs: String,
    bytes: Buffer,
    defaults: true,
    oneofs: false,
  }) as { resource_spans?: unknown[] };
  const spans: DecodedSpan[] = [];
  for (const resourceSpans of (message.resource_spans ?? []) as RawResourceSpans[]) {
    const resource = flatten(resourceSpans.resource?.attributes ?? []);
    for (const scopeSpans of resourceSpans.scope_spans ?? []) {
      for (const span of scopeSpans.spans ?? []) spans.push(toDecodedSpan(span, resource));
    }
  }
  return spans;
}

interface RawKeyValue {
  key: string;
  value?: Record<string, unknown>;
}
interface RawSpan {
  name: string;
  trace_id: Buffer;
  span_id: Buffer;
  parent_span_id: Buffer;
  start_time_unix_nano: string;
  end_time_unix_nano: string;
  attributes: RawKeyValue[];
  status?: { code: number; message: string };
  events: Array<{ name: string; attributes: RawKeyValue[] }>;
}
interface RawResourceSpans {
  resource?: { attributes: RawKeyValue[] };
  scope_spans?: Array<{ spans?: RawSpan[] }>;
}

function toDecodedSpan(span: RawSpan, resource: Record<string, unknown>): DecodedSpan {
  return {
    name: span.name,
    traceId: Buffer.from(span.trace_id).toString('hex'),
    spanId: Buffer.from(span.span_id).toString('hex'),
    parentSpanId: Buffer.from(span.parent_span_id).toString('hex'),
    startNanos: BigInt(span.start_time_unix_nano),
    endNanos: BigInt(span.end_time_unix_nano),
    attributes: flatten(span.attributes),
    status: { code: span.status?.code ?? 0, message: span.status?.message ?? '' },
    events: span.events.map((e) => ({ name: e.name, attributes: flatten(e.attributes) })),
    resource,
  };
}

function flatten(keyValues: RawKeyValue[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const { key, value } of keyValues) {
    if (!value) continue;
    if ('string_value' in value) result[key] = value.string_value;
    else if ('bool_value' in value) result[key] = value.bool_value;
    else if ('int_value' in value) result[key] = Number(value.int_value);
    else if ('double_value' in value) result[key] = value.double_value;
  }
  return result;
}
