/**
 * `/openapi.json` without a server: builds the app in a throwaway data folder, reads the
 * document @fastify/swagger produced from the routes, and closes it. The plugin's type
 * generator (grafana-plugin/scripts/generate-types.mjs) reads the API from here.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../app';
import { DEFAULT_ANALYSIS, DEFAULT_INGEST, type AnalyzerConfig } from '../../config/config';

export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rpa-openapi-'));
  const config: AnalyzerConfig = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    insecureLocal: true,
    logLevel: 'silent',
    tokens: [],
    ingestToken: undefined,
    duckdb: { memoryLimit: '256MB', threads: 1, tempDir: undefined },
    retentionIntervalMs: 0,
    ingest: DEFAULT_INGEST,
    analysis: { ...DEFAULT_ANALYSIS, refreshIntervalMs: 0 },
  };
  const app = await buildApp({ config });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
