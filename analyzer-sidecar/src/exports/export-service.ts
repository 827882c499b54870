/**
 * Opens an export: the dataset's records encoded as CSV or JSON Lines while
 * they are pulled from the store (one chunk in memory at a time: the HTTP
 * socket's backpressure paces the query), or written to a temporary Parquet file by the
 * store and streamed from disk, the file deleted once the stream closes.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ExportStore, StoredDataset } from '../store/export-store';
import { csvHeader, csvRecord, type FormulaHandling } from './csv';
import {
  EXPORT_COLUMNS,
  FORMAT_MEDIA,
  type ExportDataset,
  type ExportFilter,
  type ExportFormat,
  type ExportRow,
} from './export-columns';
import { jsonlRecord } from './jsonl';

export interface ExportRequest {
  readonly dataset: ExportDataset;
  readonly format: ExportFormat;
  readonly filter: ExportFilter;
  readonly formulas: FormulaHandling;
}

export interface OpenedExport {
  readonly contentType: string;
  readonly filename: string;
  readonly body: Readable;
}

export interface ExportServiceOptions {
  readonly store: ExportStore;
  /** Insights as served now (they live in the analysis snapshot, not in a table). */
  readonly insights: (filter: ExportFilter) => Promise<ExportRow[]>;
  /** Where Parquet files are written before they are sent. */
  readonly tempDir: string;
  readonly now: () => number;
}

function compactTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
}

export function exportFilename(request: ExportRequest, now: number): string {
  const from = compactTime(request.filter.from ?? 0);
  const to = compactTime(request.filter.to ?? now);
  return `${request.dataset}-${from}-${to}.${FORMAT_MEDIA[request.format].extension}`;
}

/** Rows computed here (insights) encoded in JavaScript. */
function encodeRows(request: ExportRequest, rows: readonly ExportRow[]): string {
  const columns = EXPORT_COLUMNS[request.dataset];
  let text = '';
  for (const row of rows)
    text += request.format === 'csv' ? csvRecord(columns, row, request.formulas) : jsonlRecord(columns, row);
  return text;
}

async function* withHeader(request: ExportRequest, records: AsyncIterable<string>): AsyncGenerator<string> {
  if (request.format === 'csv') yield csvHeader(EXPORT_COLUMNS[request.dataset]);
  for await (const text of records) if (text) yield text;
}

export function createExportService(options: ExportServiceOptions) {
  const { store } = options;

  async function* records(request: ExportRequest): AsyncGenerator<string> {
    const format = request.format === 'csv' ? 'csv' : 'jsonl';
    if (request.dataset === 'insights') yield encodeRows(request, await options.insights(request.filter));
    else yield* store.streamText(request.dataset as StoredDataset, request.filter, format, request.formulas);
  }

  async function parquet(request: ExportRequest): Promise<Readable> {
    mkdirSync(options.tempDir, { recursive: true });
    const path = join(options.tempDir, `export-${randomUUID()}.parquet`);
    try {
      if (request.dataset === 'insights')
        await store.writeRowsParquet(EXPORT_COLUMNS.insights, await options.insights(request.filter), path);
      else await store.writeParquet(request.dataset as StoredDataset, request.filter, path);
    } catch (error) {
      rmSync(path, { force: true });
      throw error;
    }
    const file = createReadStream(path);
    file.once('close', () => rmSync(path, { force: true }));
    return file;
  }

  /** Parquet is written before this resolves (so its errors are still HTTP errors); text streams lazily. */
  async function open(request: ExportRequest): Promise<OpenedExport> {
    const body =
      request.format === 'parquet'
        ? await parquet(request)
        : Readable.from(withHeader(request, records(request)), { objectMode: false });
    return {
      contentType: FORMAT_MEDIA[request.format].contentType,
      filename: exportFilename(request, options.now()),
      body,
    };
  }

  return { open };
}

export type ExportService = ReturnType<typeof createExportService>;
