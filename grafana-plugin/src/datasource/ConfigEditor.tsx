import React from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Field, Input, SecretInput } from '@grafana/ui';

import type { AnalyzerDataSourceOptions, AnalyzerSecureOptions } from './types';

type Props = DataSourcePluginOptionsEditorProps<AnalyzerDataSourceOptions, AnalyzerSecureOptions>;

/** The analyzer URL (as the Grafana server reaches it) and its viewer token, kept server-side. */
export function ConfigEditor({ options, onOptionsChange }: Props) {
  const configured = Boolean(options.secureJsonFields?.analyzerToken);
  return (
    <>
      <Field label="Analyzer URL" description="e.g. http://rpa-analyzer:4319">
        <Input
          width={50}
          value={options.jsonData.analyzerUrl ?? ''}
          placeholder="http://rpa-analyzer:4319"
          onChange={(e) =>
            onOptionsChange({
              ...options,
              jsonData: { ...options.jsonData, analyzerUrl: e.currentTarget.value.trim() },
            })
          }
        />
      </Field>
      <Field label="Viewer token" description="A viewer token of RPA_ANALYZER_TOKENS; never sent to browsers">
        <SecretInput
          width={50}
          isConfigured={configured}
          value={options.secureJsonData?.analyzerToken ?? ''}
          placeholder="viewer token"
          onChange={(e) =>
            onOptionsChange({ ...options, secureJsonData: { analyzerToken: e.currentTarget.value.trim() } })
          }
          onReset={() =>
            onOptionsChange({
              ...options,
              secureJsonFields: { ...options.secureJsonFields, analyzerToken: false },
              secureJsonData: { analyzerToken: '' },
            })
          }
        />
      </Field>
    </>
  );
}
