import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookDelivery {
  /** The receiver path (`/rpa-team`, `/oncall`, `/platform`): which route it took. */
  path: string;
  status: string;
  alerts: Array<{ status: string; labels: Record<string, string> }>;
}

/** Stands in for the chat bridge the Alertmanager webhooks would call; records deliveries. */
export class WebhookReceiver {
  readonly deliveries: WebhookDelivery[] = [];
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const payload = JSON.parse(body) as Omit<WebhookDelivery, 'path'>;
        this.deliveries.push({ path: request.url ?? '', status: payload.status, alerts: payload.alerts });
        response.end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
