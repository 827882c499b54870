import React, { Suspense, lazy, useMemo } from 'react';
import { AppPlugin, type AppRootProps } from '@grafana/data';
import { getDataSourceSrv, getTemplateSrv } from '@grafana/runtime';
import { LoadingPlaceholder } from '@grafana/ui';

import { grafanaHost } from './api/grafanaHost';
import { HostProvider } from './api/HostContext';
import { STACK_TEMPO_UID, TempoDataSource } from './components/traceLink';
import { registerExtensions } from './extensions/register';
import type { AppSettings, ConfigurationProps } from './pages/Configuration';

const LazyApp = lazy(() => import('./components/App/App'));
const LazyConfiguration = lazy(() => import('./pages/Configuration'));

/** The installation's Tempo data source for trace links: the default one, else the first, else the stack's uid. */
function grafanaTempoUid(): string {
  const tempos = getDataSourceSrv().getList({ type: 'tempo' });
  return (tempos.find((ds) => ds.isDefault) ?? tempos[0])?.uid ?? STACK_TEMPO_UID;
}

const App = ({ meta }: AppRootProps<AppSettings>) => {
  const tempoUid = useMemo(() => grafanaTempoUid(), []);
  return (
    <HostProvider host={grafanaHost(meta.jsonData)}>
      <TempoDataSource.Provider value={tempoUid}>
        <Suspense fallback={<LoadingPlaceholder text="" />}>
          <LazyApp />
        </Suspense>
      </TempoDataSource.Provider>
    </HostProvider>
  );
};

const Configuration = (props: ConfigurationProps) => (
  <Suspense fallback={<LoadingPlaceholder text="" />}>
    <LazyConfiguration {...props} />
  </Suspense>
);

/** `$workflow` on the current dashboard, for the panel-menu link (Grafana's template service). */
const interpolate = (value: string) => getTemplateSrv().replace(value);

export const plugin = registerExtensions(
  new AppPlugin<AppSettings>().setRootPage(App).addConfigPage({
    title: 'Configuration',
    icon: 'cog',
    body: Configuration,
    id: 'configuration',
  }),
  interpolate
);
