import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { diag } from '@opentelemetry/api';
import type { PrometheusExporter } from '@opentelemetry/exporter-prometheus';

/** The code of the process warning emitted when the Prometheus endpoint cannot listen. */
export const METRICS_PORT_WARNING_CODE = 'RPA_METRICS_NOT_LISTENING';

/**
 * Serves the Prometheus exposition at `/metrics`. The exporter's own server
 * cannot listen on port 0 and does not tell which port it got; tests and
 * several executors on one host need both. The server is unref'd: it never
 * keeps the executor's process alive.
 */
export class MetricsServer {
  private readonly server: Server;
  /** Settles once the server listens (its URL) or failed to (undefined). */
  readonly ready: Promise<string | undefined>;

  constructor(exporter: PrometheusExporter, port: number, host: string | undefined) {
    this.server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0];
      if (path === '/metrics') exporter.getMetricsRequestHandler(request, response);
      else
        response
          .writeHead(404, { 'content-type': 'text/plain' })
          .end('Not found: the metrics are at /metrics\n');
    });
    this.ready = new Promise((resolve) => {
      this.server.once('error', (error: NodeJS.ErrnoException) => {
        reportNotListening(port, host, error);
        resolve(undefined);
      });
      this.server.once('listening', () => resolve(this.url));
    });
    // With an IP address (or none), Node binds synchronously: `url` is right as soon as this returns.
    this.server.listen(port, host);
    this.server.unref();
  }

  /** The URL of `/metrics` while the server listens; undefined before, after, or when it could not. */
  get url(): string | undefined {
    if (!this.server.listening) return undefined;
    const address = this.server.address() as AddressInfo;
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const reachableHost = shownHost === '[::]' || shownHost === '0.0.0.0' ? 'localhost' : shownHost;
    return `http://${reachableHost}:${address.port}/metrics`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

function reportNotListening(port: number, host: string | undefined, error: NodeJS.ErrnoException): void {
  const where = `${host ?? '*'}:${port}`;
  const why =
    error.code === 'EADDRINUSE'
      ? `port ${port} is already in use (another executor or exporter?)`
      : error.message;
  const message =
    `@rpa-analytics/instrumentation: the Prometheus endpoint is NOT listening on ${where}: ${why}. ` +
    'Set RPA_METRICS_PORT to a free port (0 picks one, -1 disables the endpoint).';
  diag.warn(message);
  process.emitWarning(message, { code: METRICS_PORT_WARNING_CODE });
}
