import React, { Suspense, lazy } from 'react';
import { AppPlugin, type AppRootProps } from '@grafana/data';
import { LoadingPlaceholder } from '@grafana/ui';

import { grafanaHost } from './api/grafanaHost';
import { HostProvider } from './api/HostContext';
import type { AppSettings, ConfigurationProps } from './pages/Configuration';

const LazyApp = lazy(() => import('./components/App/App'));
const LazyConfiguration = lazy(() => import('./pages/Configuration'));

const App = ({ meta }: AppRootProps<AppSettings>) => (
  <HostProvider host={grafanaHost(meta.jsonData)}>
    <Suspense fallback={<LoadingPlaceholder text="" />}>
      <LazyApp />
    </Suspense>
  </HostProvider>
);

const Configuration = (props: ConfigurationProps) => (
  <Suspense fallback={<LoadingPlaceholder text="" />}>
    <LazyConfiguration {...props} />
  </Suspense>
);

export const plugin = new AppPlugin<AppSettings>().setRootPage(App).addConfigPage({
  title: 'Configuration',
  icon: 'cog',
  body: Configuration,
  id: 'configuration',
});
