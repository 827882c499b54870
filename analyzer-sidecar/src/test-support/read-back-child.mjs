// Reads exports back with parsers independent of the analyzer, in a process of
// its own (both are ES modules): `parquet FILE` prints the rows (hyparquet),
// `pdf FILE` prints each page's text and drawing/image operator counts (pdf.js).
import { readFileSync } from 'node:fs';
import process from 'node:process';

const [kind, file] = process.argv.slice(2);

async function parquet() {
  const { parquetReadObjects, asyncBufferFromFile } = await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  const rows = await parquetReadObjects({ file: await asyncBufferFromFile(file), compressors });
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? Number(v) : v,
      ]),
    ),
  );
}

async function pdf() {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false })
    .promise;
  const paint = new Set([pdfjs.OPS.fill, pdfjs.OPS.stroke, pdfjs.OPS.fillStroke, pdfjs.OPS.eoFill]);
  const images = new Set([pdfjs.OPS.paintImageXObject, pdfjs.OPS.paintInlineImageXObject]);
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const text = (await page.getTextContent()).items.map((item) => item.str).join(' ');
    const ops = await page.getOperatorList();
    let paths = 0;
    let paints = 0;
    let imageCount = 0;
    for (const op of ops.fnArray) {
      if (op === pdfjs.OPS.constructPath) paths++;
      if (paint.has(op)) paints++;
      if (images.has(op)) imageCount++;
    }
    pages.push({ text, paths, paints, images: imageCount });
  }
  const fonts = readFileSync(file, 'latin1').match(/\/FontFile2/g)?.length ?? 0;
  return { numPages: doc.numPages, embeddedFonts: fonts, pages };
}

const result = kind === 'parquet' ? await parquet() : await pdf();
process.stdout.write(JSON.stringify(result));
