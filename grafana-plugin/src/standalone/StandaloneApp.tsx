import React, { useMemo } from 'react';
import { HashRouter, NavLink, Route, Routes } from 'react-router-dom';
import { css } from '@emotion/css';
import { createTheme, type GrafanaTheme2 } from '@grafana/data';
import { Button, GlobalStyles, ThemeContext, useStyles2 } from '@grafana/ui';

import { AnalyzerProvider } from '../api/AnalyzerContext';
import { HostProvider } from '../api/HostContext';
import type { AnalyzerEndpoints } from '../api/client';
import { App } from '../components/App/App';
import { TraceLinkBase } from '../components/traceLink';
import { ROUTES } from '../constants';
import { testIds } from '../testIds';
import { PanelsPage } from './PanelsPage';
import { useSessionHost } from './useSessionHost';

export const PANELS_ROUTE = 'panels';

const NAV: Array<[string, string]> = [
  [ROUTES.Overview, 'Overview'],
  [ROUTES.Workflow, 'Workflow'],
  [ROUTES.Insights, 'Insights'],
  [ROUTES.Anomalies, 'Anomalies'],
  [ROUTES.Compare, 'Compare'],
  [ROUTES.Live, 'Live'],
  [ROUTES.Reports, 'Reports'],
  [ROUTES.Healing, 'Self-healing'],
  [PANELS_ROUTE, 'Panels'],
];

function Layout({ apiBase }: { apiBase: string }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.page}>
      <nav className={styles.nav} data-testid={testIds.nav.container}>
        <strong className={styles.brand}>RPA Analytics</strong>
        {NAV.map(([route, label]) => (
          <NavLink
            key={route}
            to={`/${route}`}
            className={({ isActive }) => (isActive ? `${styles.link} ${styles.active}` : styles.link)}
          >
            {label}
          </NavLink>
        ))}
        {/* The analyzer ends its session cookie here (an HttpOnly cookie: the page cannot). */}
        <form method="post" action={`${apiBase}/ui/logout`} className={styles.signOut}>
          <Button type="submit" size="sm" variant="secondary" fill="text" icon="signout">
            Sign out
          </Button>
        </form>
      </nav>
      <main className={styles.main}>
        <Routes>
          <Route path={`/${PANELS_ROUTE}`} element={<PanelsPage />} />
          <Route path="/*" element={<App />} />
        </Routes>
      </main>
    </div>
  );
}

export interface StandaloneOptions {
  /** Same-origin prefix the analyzer serves its API under ('' for the origin's root). */
  apiBase: string;
  theme: 'dark' | 'light';
  /** Grafana's base URL for trace links, or null when none is configured (ids shown instead). */
  grafanaUrl: string | null;
}

/** The app's pages and panels with real @grafana/ui outside Grafana; state lives in the URL hash. */
export function StandaloneApp({ apiBase, theme, grafanaUrl }: StandaloneOptions) {
  const grafanaTheme = useMemo(() => createTheme({ colors: { mode: theme } }), [theme]);
  const endpoints: AnalyzerEndpoints = useMemo(() => ({ viewerBase: apiBase, editorBase: apiBase }), [apiBase]);
  const host = useSessionHost(apiBase);
  return (
    <ThemeContext.Provider value={grafanaTheme}>
      <GlobalStyles />
      <AnalyzerProvider endpoints={endpoints}>
        <HostProvider host={host}>
          <TraceLinkBase.Provider value={grafanaUrl}>
            <HashRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
              <Layout apiBase={apiBase} />
            </HashRouter>
          </TraceLinkBase.Provider>
        </HostProvider>
      </AnalyzerProvider>
    </ThemeContext.Provider>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ minHeight: '100vh', background: theme.colors.background.canvas }),
  nav: css({
    display: 'flex',
    gap: theme.spacing(2),
    alignItems: 'center',
    padding: theme.spacing(1.5, 3),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    background: theme.colors.background.primary,
  }),
  brand: css({ marginRight: theme.spacing(2) }),
  signOut: css({ marginLeft: 'auto' }),
  link: css({ color: theme.colors.text.secondary, '&:hover': { color: theme.colors.text.primary } }),
  active: css({ color: theme.colors.text.primary, borderBottom: `2px solid ${theme.colors.primary.main}` }),
  main: css({ padding: theme.spacing(3) }),
});
