/** Settings of the standalone UI the analyzer serves at /ui (see ui/ui-routes.ts). */
import { join } from 'node:path';

export interface UiConfig {
  /** The built standalone bundle (`npm run build:standalone -w grafana-plugin`). */
  readonly dir: string;
  /** Lifetime of a signed-in browser session. */
  readonly sessionTtlMs: number;
  /** Live sessions kept at most; past it the oldest is dropped (default 1000). */
  readonly maxSessions?: number;
  /** Grafana's base URL, for the trace links of the standalone UI (none: trace ids are shown). */
  readonly grafanaUrl?: string | undefined;
}

/** The repository's bundle, resolved from this package (src/config or dist/config alike). */
export const DEFAULT_UI_DIR = join(__dirname, '..', '..', '..', 'grafana-plugin', 'dist-standalone');

export const DEFAULT_MAX_SESSIONS = 1000;

export const DEFAULT_UI: UiConfig = {
  dir: DEFAULT_UI_DIR,
  sessionTtlMs: 12 * 3_600_000,
};
