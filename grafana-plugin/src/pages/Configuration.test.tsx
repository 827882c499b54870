import React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { PluginType, type AppPluginMeta } from '@grafana/data';

import { installFakeBackend } from '../test/fakeBackendSrv';
import { testIds } from '../testIds';
import {
  Configuration,
  isValidAnalyzerUrl,
  settingsUpdate,
  type AppSettings,
  type ConfigurationProps,
} from './Configuration';

const meta = (over: Partial<AppPluginMeta<AppSettings>> = {}) =>
  ({
    id: 'rpaanalytics-analytics-app',
    name: 'RPA Analytics',
    type: PluginType.app,
    enabled: false,
    jsonData: {},
    ...over,
  }) as AppPluginMeta<AppSettings>;

const renderConfig = (m: AppPluginMeta<AppSettings>) =>
  render(<Configuration {...({ plugin: { meta: m }, query: {} } as unknown as ConfigurationProps)} />);

describe('Configuration page', () => {
  const reload = jest.fn();
  beforeAll(() => {
    Object.defineProperty(window, 'location', { value: { ...window.location, reload }, writable: true });
  });

  test.each([
    ['http://rpa-analyzer:4319', true],
    ['https://a.example/x', true],
    ['rpa-analyzer:4319', false],
    ['', false],
  ])('isValidAnalyzerUrl(%p) = %p', (url, ok) => expect(isValidAnalyzerUrl(url)).toBe(ok));

  it('keeps configured secrets and trims the URL', () => {
    const body = settingsUpdate(meta({ secureJsonFields: { analyzerToken: true } }), {
      analyzerUrl: ' http://a:4319/ ',
      secrets: { analyzerToken: '', analyzerEditorToken: 'ed' },
      configured: { analyzerToken: true, analyzerEditorToken: false },
    });
    expect(body.jsonData).toEqual({ analyzerUrl: 'http://a:4319' });
    expect(body.secureJsonData).toEqual({ analyzerEditorToken: 'ed' });
    expect(body.enabled).toBe(true);
  });

  it('saves URL and tokens to the plugin settings', async () => {
    const backend = installFakeBackend({ '/settings': { data: {} } });
    renderConfig(meta());
    expect(screen.getByTestId(testIds.appConfig.submit)).toBeDisabled();
    fireEvent.change(screen.getByTestId(testIds.appConfig.analyzerUrl), {
      target: { value: 'http://rpa-analyzer:4319' },
    });
    fireEvent.change(screen.getByTestId(testIds.appConfig.viewerToken), { target: { value: 'view-1' } });
    fireEvent.click(screen.getByTestId(testIds.appConfig.submit));
    await waitFor(() => expect(reload).toHaveBeenCalled());
    const req = backend.requests[0]!;
    expect(req.url).toBe('/api/plugins/rpaanalytics-analytics-app/settings');
    expect(req.data).toMatchObject({
      enabled: true,
      jsonData: { analyzerUrl: 'http://rpa-analyzer:4319' },
      secureJsonData: { analyzerToken: 'view-1', analyzerEditorToken: '' },
    });
  });

  it('reports a failed save', async () => {
    installFakeBackend({ '/settings': { status: 403 } });
    renderConfig(meta({ jsonData: { analyzerUrl: 'http://a:4319' }, secureJsonFields: { analyzerToken: true } }));
    fireEvent.click(screen.getByTestId(testIds.appConfig.submit));
    expect(await screen.findByText(/Could not save/)).toBeInTheDocument();
  });
});
