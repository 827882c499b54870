import React, { createContext, useContext, useMemo, type ReactNode } from 'react';

import { createAnalyzerClient, GRAFANA_ENDPOINTS, type AnalyzerClient, type AnalyzerEndpoints } from './client';

const AnalyzerContext = createContext<AnalyzerClient | undefined>(undefined);

/** Lets a host (Grafana, the standalone page, a test) choose where the API lives. */
export function AnalyzerProvider({ endpoints, children }: { endpoints: AnalyzerEndpoints; children: ReactNode }) {
  const client = useMemo(() => createAnalyzerClient(endpoints), [endpoints]);
  return <AnalyzerContext.Provider value={client}>{children}</AnalyzerContext.Provider>;
}

const defaultClient = createAnalyzerClient(GRAFANA_ENDPOINTS);

export function useAnalyzerClient(): AnalyzerClient {
  return useContext(AnalyzerContext) ?? defaultClient;
}
