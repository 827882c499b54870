// Writes a .br and a .gz twin beside every compressible file of the standalone bundle, once at
// build time, so the analyzer serves them (@fastify/static, by Accept-Encoding) without compressing
// per request. A twin that saves too little is not written: the original goes out instead.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.ttf', '.txt']);
/** Below this a file fits one packet anyway; above the ratio the twin is not worth a second file. */
const MIN_BYTES = 1024;
const MAX_RATIO = 0.9;

const br = promisify(brotliCompress);
const gz = promisify(gzip);

async function* filesUnder(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      yield* filesUnder(full);
    } else if (entry.isFile()) {
      yield full;
    }
  }
}

/** @returns {Promise<{ files: number, bytes: number, br: number, gz: number }>} sizes before and after */
export async function precompressBundle(dir) {
  const totals = { files: 0, bytes: 0, br: 0, gz: 0 };
  for await (const file of filesUnder(dir)) {
    if (!COMPRESSIBLE.has(path.extname(file))) {
      continue;
    }
    const { size } = await stat(file);
    if (size < MIN_BYTES) {
      continue;
    }
    const content = await readFile(file);
    const [brotli, gzipped] = await Promise.all([
      br(content, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: size,
        },
      }),
      gz(content, { level: constants.Z_BEST_COMPRESSION }),
    ]);
    totals.files++;
    totals.bytes += size;
    if (brotli.length <= size * MAX_RATIO) {
      await writeFile(`${file}.br`, brotli);
      totals.br += brotli.length;
    }
    if (gzipped.length <= size * MAX_RATIO) {
      await writeFile(`${file}.gz`, gzipped);
      totals.gz += gzipped.length;
    }
  }
  return totals;
}
