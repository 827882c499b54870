import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { diag } from '@opentelemetry/api';
import type { PrometheusExporter } from '@opentelemetry/exporter-prometheus';

/**
 * Serves the Prometheus exposition at `/metrics`. The exporter's own server
 * cannot listen on port 0 and does not tell which port it got; tests and
 * several executors on one host need both.
 */
export class MetricsServer {
  private readonly server: Server;
  readonly url: Promise<string | undefined>;

  constructor(exporter: PrometheusExporter, port: number, host: string | undefined) {
    this.server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0];
      if (path === '/metrics') exporter.getMetricsRequestHandler(request, response);
      else
        response
          .writeHead(404, { 'content-type': 'text/plain' })
          .end('Not found: the metrics are at /metrics\n');
    });
    this.server.unref();
    this.url = new Promise((resolve) => {
      this.server.once('error', (error) => {
        diag.warn(
          `@rpa-analytics/instrumentation: Prometheus endpoint not started on port ${port}: ${error.message}`,
        );
        resolve(undefined);
      });
      this.server.listen(port, host, () => {
        const address = this.server.address() as AddressInfo;
        const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        resolve(
          `http://${shownHost === '[::]' || shownHost === '0.0.0.0' ? 'localhost' : shownHost}:${address.port}/metrics`,
        );
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
