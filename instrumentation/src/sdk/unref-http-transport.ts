import * as http from 'node:http';
import * as https from 'node:https';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import {
  OTLPExporterError,
  type ExportResponse,
  type IExporterTransport,
} from '@opentelemetry/otlp-exporter-base';

const gzipAsync = promisify(gzip);

/** What the transport needs of an OTLP/HTTP exporter configuration. */
export interface HttpTransportOptions {
  readonly url: string;
  readonly headers: () => Promise<Record<string, string>>;
  readonly compression: 'gzip' | 'none';
  readonly agentFactory: (protocol: string) => http.Agent | https.Agent | Promise<http.Agent | https.Agent>;
}

// OpenTelemetry's exporter retry policy: up to 5 retries, backoff from 1 s by 1.5 up to 5 s, ±20 % jitter.
const MAX_RETRIES = 5;
const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 5000;
/** The statuses the OTLP/HTTP specification says to retry. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/**
 * OTLP/HTTP transport whose sockets and retry timers never keep the
 * executor's process alive: with the analyzer or Tempo down, OpenTelemetry's
 * own transport holds a finished process open for as long as it retries (10 s
 * and more). The flush on shutdown and exit keeps the process up for its
 * bounded grace instead, so nothing is cut short while it may still arrive.
 */
export class UnrefHttpTransport implements IExporterTransport {
  private agent: Promise<http.Agent | https.Agent> | undefined;

  constructor(private readonly options: HttpTransportOptions) {}

  async send(data: Uint8Array, timeoutMillis: number): Promise<ExportResponse> {
    const deadline = Date.now() + timeoutMillis;
    let backoff = INITIAL_BACKOFF_MS;
    for (let retries = 0; ; retries += 1) {
      const response = await this.post(data, Math.max(1, deadline - Date.now()));
      if (response.status !== 'retryable' || retries >= MAX_RETRIES) return response;
      const wait = response.retryInMillis ?? backoff * (0.8 + Math.random() * 0.4);
      backoff = Math.min(backoff * 1.5, MAX_BACKOFF_MS);
      if (wait > deadline - Date.now()) return response;
      await new Promise((resolve) => setTimeout(resolve, wait).unref());
    }
  }

  shutdown(): void {
    void this.agent?.then((agent) => agent.destroy()).catch(() => undefined);
  }

  private async post(data: Uint8Array, timeoutMillis: number): Promise<ExportResponse> {
    const url = new URL(this.options.url);
    this.agent ??= Promise.resolve(this.options.agentFactory(url.protocol));
    const [agent, headers] = await Promise.all([this.agent, this.options.headers()]);
    const gzipped = this.options.compression === 'gzip';
    const body = gzipped ? await gzipAsync(data) : data;
    const request = url.protocol === 'https:' ? https.request : http.request;
    return new Promise<ExportResponse>((resolve) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            ...headers,
            ...(gzipped && { 'Content-Encoding': 'gzip' }),
            'Content-Length': body.length,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve(classify(res, Buffer.concat(chunks))));
          res.on('error', (error) => resolve({ status: 'retryable', error }));
        },
      );
      req.on('socket', (socket) => socket.unref());
      req.setTimeout(timeoutMillis, () => {
        req.destroy();
        resolve({ status: 'retryable', error: new Error('Request timed out') });
      });
      req.on('error', (error) => resolve({ status: 'retryable', error }));
      req.end(body);
    });
  }
}

function classify(res: http.IncomingMessage, body: Buffer): ExportResponse {
  const status = res.statusCode ?? 0;
  if (status >= 200 && status < 300) return { status: 'success', data: body };
  if (RETRYABLE_STATUSES.has(status)) {
    return { status: 'retryable', retryInMillis: parseRetryAfter(res.headers['retry-after']) };
  }
  return {
    status: 'failure',
    error: new OTLPExporterError(res.statusMessage, status, body.toString()),
  };
}

/** `Retry-After`: seconds, or an HTTP date. */
export function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}
