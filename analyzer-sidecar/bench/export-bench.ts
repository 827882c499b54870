/**
 * Export throughput and memory: N steps generated into a store, then exported
 * whole as CSV, JSON Lines and Parquet through the export service into a sink
 * that discards the bytes (as fast as the export can go).
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExportFormat } from '../src/exports/export-columns';
import { createExportService } from '../src/exports/export-service';
import { createDuckDbExportStore } from '../src/store/duckdb/export-queries';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store';
import type { ExportStore } from '../src/store/export-store';
import { generateSteps } from './generate-steps';
import { withPeakRss } from './peak-rss';

export interface ExportFigures {
  format: ExportFormat;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  megabytes: number;
  startRssMb: number;
  peakRssMb: number;
  peakHeapMb: number;
}

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

export async function benchExports(
  dataDir: string,
  steps: number,
  memoryLimit: string,
): Promise<ExportFigures[]> {
  const store = await DuckDbStore.open(
    { path: join(dataDir, 'store.duckdb'), memoryLimit, threads: 2, tempDir: join(dataDir, 'tmp') },
    { log: quiet },
  );
  try {
    await store.exclusive((c) => generateSteps(c, steps, 50, Date.UTC(2026, 0, 1)));
    return await measureExports(createDuckDbExportStore(store), join(dataDir, 'tmp', 'exports'), steps);
  } finally {
    await store.close();
  }
}

/** Every step exported as CSV, JSON Lines and Parquet through the export service, timed, RSS sampled. */
export async function measureExports(
  store: ExportStore,
  tempDir: string,
  steps: number,
): Promise<ExportFigures[]> {
  const service = createExportService({
    store,
    insights: async () => [],
    tempDir,
    now: Date.now,
  });
  const figures: ExportFigures[] = [];
  for (const format of ['csv', 'jsonl', 'parquet'] as const) {
    let bytes = 0;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    });
    const started = process.hrtime.bigint();
    const { peakRssMb, startRssMb, peakHeapMb } = await withPeakRss(async () => {
      const opened = await service.open({ dataset: 'steps', format, filter: {}, formulas: 'escape' });
      await pipeline(opened.body, sink);
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    figures.push({
      format,
      rows: steps,
      seconds,
      rowsPerSecond: steps / seconds,
      megabytes: bytes / 2 ** 20,
      startRssMb,
      peakRssMb,
      peakHeapMb,
    });
  }
  return figures;
}

export function describeExport(f: ExportFigures): string {
  return `  ${f.format.padEnd(8)} ${f.seconds.toFixed(1).padStart(7)} s ${Math.round(f.rowsPerSecond).toLocaleString('en-US').padStart(11)} rows/s ${f.megabytes.toFixed(0).padStart(6)} MiB out   RSS ${f.startRssMb.toFixed(0)} → peak ${f.peakRssMb.toFixed(0)} MiB, JS heap peak ${f.peakHeapMb.toFixed(0)} MiB`;
}
