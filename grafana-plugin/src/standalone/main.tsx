import React from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { setBackendSrv } from '@grafana/runtime';

import { createFetchBackendSrv } from './fetchBackendSrv';
import { StandaloneApp, type StandaloneOptions } from './StandaloneApp';

declare global {
  interface Window {
    __grafana_public_path__?: string;
  }
}

/**
 * Mounts the standalone page. Options come from the call, else from the page URL
 * (`?theme=light`), else from the element's data attributes (`data-api-base`,
 * `data-theme`, `data-grafana-url`, which the analyzer fills from RPA_ANALYZER_GRAFANA_URL); the analyzer serves this bundle
 * at /ui and answers API calls same-origin with its session cookie.
 */
export function mountRpaAnalytics(element: HTMLElement, options: Partial<StandaloneOptions> = {}): Root {
  const apiBase = (options.apiBase ?? element.dataset.apiBase ?? '').replace(/\/+$/, '');
  const requested = options.theme ?? new URLSearchParams(window.location.search).get('theme') ?? element.dataset.theme;
  const theme = requested === 'light' ? 'light' : 'dark';
  // @grafana/ui loads its icons from <public path>build/img/icons/: serve them beside this bundle.
  window.__grafana_public_path__ = new URL('public/', import.meta.url).href;
  setBackendSrv(createFetchBackendSrv());
  const root = createRoot(element);
  const grafanaUrl = options.grafanaUrl ?? (element.dataset.grafanaUrl || null);
  root.render(<StandaloneApp apiBase={apiBase} theme={theme} grafanaUrl={grafanaUrl} />);
  return root;
}

const auto = document.getElementById('rpa-analytics-root');
if (auto) {
  mountRpaAnalytics(auto);
}
