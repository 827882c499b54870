/**
 * `npm run bench:export`: PDF/HTML render time per report template, and
 * CSV / JSON Lines / Parquet export rows/s with peak RSS for BENCH_EXPORT_ROWS
 * steps (default 10 M). REPORT_SAMPLES_DIR: also write each rendered report there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchExports, describeExport } from './export-bench';
import { benchReports } from './report-bench';

async function main(): Promise<void> {
  const rows = Number(process.env.BENCH_EXPORT_ROWS ?? 10_000_000);
  const memoryLimit = process.env.BENCH_DUCKDB_MEMORY ?? '1GB';
  const reports = await benchReports(process.env.REPORT_SAMPLES_DIR);
  console.log('report render (warm, one render each):');
  for (const r of reports)
    console.log(
      `  ${r.template.padEnd(10)} pdf ${r.pdfMs.toFixed(0).padStart(6)} ms ${(r.pdfBytes / 1024).toFixed(0).padStart(5)} KiB   html ${r.htmlMs.toFixed(0).padStart(5)} ms ${(r.htmlBytes / 1024).toFixed(0).padStart(5)} KiB`,
    );
  const dataDir = mkdtempSync(join(tmpdir(), 'rpa-export-bench-'));
  try {
    const figures = await benchExports(dataDir, rows, memoryLimit);
    console.log(`exports of ${rows.toLocaleString('en-US')} steps (DuckDB memory_limit ${memoryLimit}):`);
    for (const f of figures) console.log(describeExport(f));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
