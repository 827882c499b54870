#!/usr/bin/env node
/** `rpa-analyzer serve --port <n> --data-dir <dir> [--config <file>] [--store duckdb|clickhouse] [--insecure-local]` */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config/config';
import { OpenIngestError, startServer, UnprotectedStartError } from './server';
import { StoreCorruptionError } from './store/duckdb/store-corruption';

const USAGE =
  'usage: rpa-analyzer serve --port <n> --data-dir <dir> [--config <file>] [--store duckdb|clickhouse] [--insecure-local]';

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      config: { type: 'string' },
      store: { type: 'string' },
      'insecure-local': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || positionals[0] !== 'serve' || positionals.length !== 1) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new ConfigError('--port', 'must be an integer in [0, 65535]');
  }
  const config = loadConfig({
    port,
    dataDir: values['data-dir'],
    configFile: values.config,
    store: values.store,
    insecureLocal: values['insecure-local'] || undefined,
  });
  const { url } = await startServer(config);
  process.stdout.write(`rpa-analyzer listening on ${url}\n`);
}

/** Exit status of a start refused because the database files would lose acknowledged data. */
const EXIT_STORE_CORRUPT = 3;

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof StoreCorruptionError) {
    process.stderr.write(`rpa-analyzer: store ${error.kind}: ${error.message}\n`);
    process.exit(EXIT_STORE_CORRUPT);
  }
  if (
    error instanceof ConfigError ||
    error instanceof UnprotectedStartError ||
    error instanceof OpenIngestError ||
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  ) {
    process.stderr.write(`rpa-analyzer: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(`rpa-analyzer: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
