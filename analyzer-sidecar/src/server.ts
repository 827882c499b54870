/** Owns the process: refuses an unprotected start, listens, closes gracefully on signals. */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { AnalyzerConfig } from './config/config';

export class UnprotectedStartError extends Error {
  constructor() {
    super(
      'no API token configured (RPA_ANALYZER_TOKENS=viewer:<t1>,editor:<t2>,admin:<t3>, or "tokens" in the config file); ' +
        'pass --insecure-local to run without tokens, bound to 127.0.0.1 only',
    );
    this.name = 'UnprotectedStartError';
  }
}

export async function startServer(config: AnalyzerConfig): Promise<FastifyInstance> {
  if (config.tokens.length === 0 && !config.insecureLocal) throw new UnprotectedStartError();
  const host = config.insecureLocal ? '127.0.0.1' : config.host;
  const app = await buildApp({ config, logger: { level: config.logLevel } });
  await app.listen({ port: config.port, host });
  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: closing (committing what was accepted)`);
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
  return app;
}
