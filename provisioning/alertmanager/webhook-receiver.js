'use strict';
/*
 * The stack's stand-in for a chat bridge or ticketing hook (docker-compose
 * service `alert-webhook`): receives Alertmanager's webhook notifications
 * (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config) on
 * /rpa-team, /oncall and /platform and prints each as one JSON line, so
 * `docker compose logs alert-webhook` shows what was routed where. Replace the
 * URLs in alertmanager.yml with your own receivers; this one only logs.
 */
const { createServer } = require('node:http');

const PORT = Number(process.env.PORT ?? 5001);
const MAX_BODY_BYTES = 1024 * 1024;

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/health') {
    response.end('ok\n');
    return;
  }
  if (request.method !== 'POST') {
    response.writeHead(405).end();
    return;
  }
  const chunks = [];
  let size = 0;
  request.on('data', (chunk) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  });
  request.on('end', () => {
    if (size > MAX_BODY_BYTES) {
      response.writeHead(413).end();
      return;
    }
    try {
      const notification = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const alerts = (notification.alerts ?? []).map((alert) => ({
        status: alert.status,
        labels: alert.labels,
        summary: alert.annotations?.summary,
        runbook_url: alert.annotations?.runbook_url,
      }));
      console.log(JSON.stringify({ receiver: request.url, status: notification.status, alerts }));
      response.end();
    } catch {
      response.writeHead(400).end();
    }
  });
});

server.listen(PORT, () => console.log(`alert-webhook listening on :${PORT}`));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
