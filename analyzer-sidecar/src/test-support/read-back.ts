/** Runs read-back-child.mjs (hyparquet, pdf.js: ES modules) in a child process and returns what it read. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const SCRIPT = join(__dirname, 'read-back-child.mjs');

async function readBack(kind: 'parquet' | 'pdf', file: string): Promise<unknown> {
  const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT, kind, file], {
    cwd: __dirname,
    timeout: 60_000,
    maxBuffer: 256 * 2 ** 20,
  });
  return JSON.parse(stdout);
}

export function readParquetRows(file: string): Promise<Record<string, unknown>[]> {
  return readBack('parquet', file) as Promise<Record<string, unknown>[]>;
}

export interface PdfPage {
  text: string;
  /** Path constructions (vector drawing). */
  paths: number;
  /** Fill and stroke operators. */
  paints: number;
  /** Image XObjects painted. */
  images: number;
}

export function readPdf(
  file: string,
): Promise<{ numPages: number; embeddedFonts: number; pages: PdfPage[] }> {
  return readBack('pdf', file) as Promise<{ numPages: number; embeddedFonts: number; pages: PdfPage[] }>;
}
