import { AppPlugin, DataSourcePlugin, PanelPlugin } from '@grafana/data';

import { plugin as datasource } from './datasource/module';
import { plugin as app } from './module';
import { plugin as comparison } from './panels/comparison/module';
import { plugin as insight } from './panels/insight/module';

describe('module entry points', () => {
  it('export the plugin objects Grafana loads', () => {
    expect(app).toBeInstanceOf(AppPlugin);
    expect(app.configPages?.map((p) => p.id)).toEqual(['configuration']);
    expect(insight).toBeInstanceOf(PanelPlugin);
    expect(comparison).toBeInstanceOf(PanelPlugin);
    expect(datasource).toBeInstanceOf(DataSourcePlugin);
    expect(datasource.components.QueryEditor).toBeDefined();
    expect(datasource.components.ConfigEditor).toBeDefined();
  });
});
