/** Owns the process: refuses an unprotected start, listens, closes gracefully on signals. */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { AnalyzerConfig } from './config/config';

/** How long a signal waits for the ordered close before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 15_000;

export class UnprotectedStartError extends Error {
  constructor() {
    super(
      'no API token configured (RPA_ANALYZER_TOKENS=viewer:<t1>,editor:<t2>,admin:<t3>, or "tokens" in the config file); ' +
        'pass --insecure-local to run without tokens, bound to 127.0.0.1 only',
    );
    this.name = 'UnprotectedStartError';
  }
}

/** OTLP ingestion reachable from other hosts must need a token, unless opened on purpose. */
export class OpenIngestError extends Error {
  constructor(host: string) {
    super(
      `OTLP ingestion on ${host} (not loopback) would take spans from anyone: set RPA_ANALYZER_INGEST_TOKEN ` +
        '(exporters send it with RPA_ANALYZER_HEADERS=authorization=Bearer%20<token>), bind 127.0.0.1, ' +
        'or set RPA_ANALYZER_INGEST_OPEN=true to accept unauthenticated spans deliberately',
    );
    this.name = 'OpenIngestError';
  }
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/i;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/** Starts the server; resolves with the app and the URL it listens on. */
export async function startServer(config: AnalyzerConfig): Promise<{ app: FastifyInstance; url: string }> {
  if (config.tokens.length === 0 && !config.insecureLocal) throw new UnprotectedStartError();
  const host = config.insecureLocal ? '127.0.0.1' : config.host;
  if (!isLoopback(host) && config.ingestToken === undefined && !config.ingestOpen)
    throw new OpenIngestError(host);
  const app = await buildApp({ config, logger: { level: config.logLevel } });
  const url = await app.listen({ port: config.port, host });
  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) {
      app.log.warn(`${signal} again: exiting now (what was acknowledged is already committed)`);
      process.exit(1);
    }
    closing = true;
    app.log.info(`${signal}: closing (committing what was accepted)`);
    // A stuck close (a client that never finishes its request, say) must not keep
    // the process alive: every 2xx was sent after its COMMIT, so exiting loses nothing acknowledged.
    setTimeout(() => {
      app.log.error(`close did not finish within ${SHUTDOWN_GRACE_MS} ms: exiting`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    app
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        app.log.error({ err: error }, 'close failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  return { app, url };
}
