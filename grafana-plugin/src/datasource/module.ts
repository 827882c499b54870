import { DataSourcePlugin } from '@grafana/data';

import { ConfigEditor } from './ConfigEditor';
import { AnalyzerDataSource } from './datasource';
import { QueryEditor } from './QueryEditor';
import type { AnalyzerDataSourceOptions, AnalyzerQuery } from './types';

export const plugin = new DataSourcePlugin<AnalyzerDataSource, AnalyzerQuery, AnalyzerDataSourceOptions>(
  AnalyzerDataSource
)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
