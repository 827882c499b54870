/** Settings of the standalone UI the analyzer serves at /ui (see ui/ui-routes.ts). */
import { join } from 'node:path';

export interface UiConfig {
  /** The built standalone bundle (`npm run build:standalone -w grafana-plugin`). */
  readonly dir: string;
  /** Lifetime of a signed-in browser session. */
  readonly sessionTtlMs: number;
}

/** The repository's bundle, resolved from this package (src/config or dist/config alike). */
export const DEFAULT_UI_DIR = join(__dirname, '..', '..', '..', 'grafana-plugin', 'dist-standalone');

export const DEFAULT_UI: UiConfig = {
  dir: DEFAULT_UI_DIR,
  sessionTtlMs: 12 * 3_600_000,
};
