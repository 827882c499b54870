import React, { useState, type FormEvent } from 'react';
import { lastValueFrom } from 'rxjs';
import { css } from '@emotion/css';
import type { AppPluginMeta, GrafanaTheme2, PluginConfigPageProps, PluginMeta } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet, Input, SecretInput, useStyles2 } from '@grafana/ui';

import { describeError } from '../api/describeError';
import { testIds } from '../testIds';

/** The app's settings: the URL in jsonData, the tokens in secureJsonData (they never reach the browser again). */
export interface AppSettings {
  analyzerUrl?: string;
}

export type ConfigurationProps = PluginConfigPageProps<AppPluginMeta<AppSettings>>;

type SecretName = 'analyzerToken' | 'analyzerEditorToken';

interface FormState {
  analyzerUrl: string;
  secrets: Record<SecretName, string>;
  configured: Record<SecretName, boolean>;
}

export function isValidAnalyzerUrl(url: string): boolean {
  return /^https?:\/\/[^\s/]+/.test(url.trim());
}

/** Settings body for POST /api/plugins/:id/settings; unchanged secrets are left out so they are kept. */
export function settingsUpdate(meta: AppPluginMeta<AppSettings>, form: FormState): Partial<PluginMeta<AppSettings>> {
  const secureJsonData: Record<string, string> = {};
  for (const name of ['analyzerToken', 'analyzerEditorToken'] as const) {
    if (!form.configured[name]) {
      secureJsonData[name] = form.secrets[name];
    }
  }
  return {
    enabled: true,
    pinned: meta.pinned ?? true,
    jsonData: { ...meta.jsonData, analyzerUrl: form.analyzerUrl.trim().replace(/\/+$/, '') },
    secureJsonData: Object.keys(secureJsonData).length > 0 ? secureJsonData : undefined,
  };
}

/** App configuration page: where the analyzer is and which tokens the Grafana server sends it. */
export function Configuration({ plugin }: ConfigurationProps) {
  const styles = useStyles2(getStyles);
  const { jsonData, secureJsonFields } = plugin.meta;
  const [form, setForm] = useState<FormState>({
    analyzerUrl: jsonData?.analyzerUrl ?? '',
    secrets: { analyzerToken: '', analyzerEditorToken: '' },
    configured: {
      analyzerToken: Boolean(secureJsonFields?.analyzerToken),
      analyzerEditorToken: Boolean(secureJsonFields?.analyzerEditorToken),
    },
  });
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const urlValid = isValidAnalyzerUrl(form.analyzerUrl);
  const canSave = urlValid && (form.configured.analyzerToken || form.secrets.analyzerToken !== '');

  const setSecret = (name: SecretName, value: string) =>
    setForm((f) => ({ ...f, secrets: { ...f.secrets, [name]: value.trim() } }));
  const resetSecret = (name: SecretName) =>
    setForm((f) => ({ ...f, secrets: { ...f.secrets, [name]: '' }, configured: { ...f.configured, [name]: false } }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canSave) {
      return;
    }
    try {
      await lastValueFrom(
        getBackendSrv().fetch({
          url: `/api/plugins/${plugin.meta.id}/settings`,
          method: 'POST',
          data: settingsUpdate(plugin.meta, form),
        })
      );
      setResult({ ok: true, text: 'Saved. Reloading so the app uses the new settings…' });
      // Grafana has no supported way to refresh an app's meta in place.
      window.location.reload();
    } catch (error) {
      const d = describeError(error);
      setResult({ ok: false, text: `Could not save: ${d.title}` });
    }
  };

  return (
    <form onSubmit={onSubmit} data-testid={testIds.appConfig.container}>
      <FieldSet label="Analyzer">
        <Field
          label="Analyzer URL"
          description="Base URL of the RPA analyzer as the Grafana server reaches it, e.g. http://rpa-analyzer:4319"
          invalid={form.analyzerUrl !== '' && !urlValid}
          error="Enter an http(s) URL"
        >
          <Input
            width={60}
            id="config-analyzer-url"
            data-testid={testIds.appConfig.analyzerUrl}
            value={form.analyzerUrl}
            placeholder="http://rpa-analyzer:4319"
            onChange={(e) => setForm({ ...form, analyzerUrl: e.currentTarget.value })}
          />
        </Field>
        <Field
          label="Viewer token"
          description="Sent by the Grafana server on every read (RPA_ANALYZER_TOKENS viewer:…)"
          className={styles.gap}
        >
          <SecretInput
            width={60}
            id="config-viewer-token"
            data-testid={testIds.appConfig.viewerToken}
            value={form.secrets.analyzerToken}
            isConfigured={form.configured.analyzerToken}
            placeholder="viewer token"
            onChange={(e) => setSecret('analyzerToken', e.currentTarget.value)}
            onReset={() => resetSecret('analyzerToken')}
          />
        </Field>
        <Field
          label="Editor token"
          description="Used only for writes such as marking an insight implemented (Editor role in Grafana). Optional."
          className={styles.gap}
        >
          <SecretInput
            width={60}
            id="config-editor-token"
            data-testid={testIds.appConfig.editorToken}
            value={form.secrets.analyzerEditorToken}
            isConfigured={form.configured.analyzerEditorToken}
            placeholder="editor token"
            onChange={(e) => setSecret('analyzerEditorToken', e.currentTarget.value)}
            onReset={() => resetSecret('analyzerEditorToken')}
          />
        </Field>
        {result && <Alert severity={result.ok ? 'success' : 'error'} title={result.text} />}
        <Button type="submit" data-testid={testIds.appConfig.submit} disabled={!canSave} className={styles.gap}>
          Save and enable
        </Button>
      </FieldSet>
    </form>
  );
}

export default Configuration;

const getStyles = (theme: GrafanaTheme2) => ({
  gap: css({ marginTop: theme.spacing(2) }),
});
