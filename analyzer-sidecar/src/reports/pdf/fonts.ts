/**
 * The report font, embedded (subset) in every PDF: DejaVu Sans from the
 * dejavu-fonts-ttf package, so glyphs (accents, CJK-free Unicode, arrows)
 * render the same on every viewer and machine, never a viewer's substitute.
 */
import { dirname, join } from 'node:path';

const fontDir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const REPORT_FONTS = {
  regular: join(fontDir, 'DejaVuSans.ttf'),
  bold: join(fontDir, 'DejaVuSans-Bold.ttf'),
} as const;
