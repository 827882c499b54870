/**
 * A report as plain data, before any format: sections of text, charts and
 * tables. The PDF and HTML renderers draw the same document.
 */
import type { ChartScene } from './charts/chart-scene';

export interface ReportTable {
  readonly columns: readonly { readonly title: string; readonly width: number; readonly align?: 'right' }[];
  readonly rows: readonly (readonly string[])[];
  /** Shown instead of an empty table. */
  readonly empty: string;
}

export interface ReportSection {
  readonly heading: string;
  readonly text?: string;
  readonly chart?: ChartScene;
  readonly table?: ReportTable;
}

export interface ReportDocument {
  readonly title: string;
  /** The range and filters, as a reader should see them. */
  readonly subtitle: string;
  readonly generatedAt: number;
  /** Headline figures, label → value. */
  readonly summary: readonly (readonly [string, string])[];
  readonly sections: readonly ReportSection[];
}
