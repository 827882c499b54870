import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import path from 'path';

import { validatorFor } from './schemaValidation';

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');

function pluginJsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      return name === 'node_modules' || name === 'dashboards' ? [] : pluginJsonFiles(full);
    }
    return name === 'plugin.json' ? [full] : [];
  });
}

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const validatePlugin = validatorFor('plugin');

interface Include {
  type: string;
  path?: string;
}

describe('plugin.json (source)', () => {
  const files = pluginJsonFiles(SRC);

  it('finds the app and its nested plugins', () => {
    expect(files.map((f) => path.relative(SRC, f)).sort()).toEqual([
      'datasource/plugin.json',
      'panels/comparison/plugin.json',
      'panels/insight/plugin.json',
      'plugin.json',
    ]);
  });

  test.each(files.map((f) => [path.relative(SRC, f), f]))('%s is valid against the plugin schema', (_name, file) => {
    expect(validatePlugin(read(file))).toEqual([]);
  });

  it('declares every nested plugin in the app includes', () => {
    const app = read(path.join(SRC, 'plugin.json'));
    const included = (app.includes as Include[])
      .filter((i) => i.type === 'panel' || i.type === 'datasource')
      .map((i) => i.path);
    const nested = files.filter((f) => f !== path.join(SRC, 'plugin.json')).map((f) => path.relative(SRC, f));
    expect(included.sort()).toEqual(nested.sort());
    for (const file of nested) {
      expect(
        existsSync(path.join(SRC, path.dirname(file), 'module.ts')) ||
          existsSync(path.join(SRC, path.dirname(file), 'module.tsx'))
      ).toBe(true);
    }
  });

  it('proxies the analyzer with server-side tokens: viewer for reads, editor for writes', () => {
    const app = read(path.join(SRC, 'plugin.json'));
    const routes = app.routes as Array<{
      path: string;
      method?: string;
      reqRole: string;
      url: string;
      headers: Array<{ content: string }>;
    }>;
    expect(routes.map((r) => [r.path, r.reqRole, r.method])).toEqual([
      ['analyzer', 'Viewer', 'GET'],
      ['analyzer-editor', 'Editor', 'POST'],
      // Editors list and revoke their share links with the editor token (the analyzer scopes them to it).
      ['analyzer-editor', 'Editor', 'GET'],
      // Schedules change (enable, disable, edit) by PATCH.
      ['analyzer-editor', 'Editor', 'PATCH'],
      ['analyzer-editor', 'Editor', 'DELETE'],
    ]);
    expect(routes.every((r) => r.url === '{{ .JsonData.analyzerUrl }}')).toBe(true);
    expect(routes[0]!.headers[0]!.content).toBe('Bearer {{ .SecureJsonData.analyzerToken }}');
    for (const editorRoute of routes.slice(1)) {
      expect(editorRoute.headers[0]!.content).toBe('Bearer {{ .SecureJsonData.analyzerEditorToken }}');
    }
  });
});

const hasDist = existsSync(path.join(DIST, 'plugin.json'));

(hasDist ? describe : describe.skip)('dist/ (after npm run build)', () => {
  const app = hasDist ? read(path.join(DIST, 'plugin.json')) : { includes: [] };

  test.each((hasDist ? pluginJsonFiles(DIST) : []).map((f) => [path.relative(DIST, f), f]))(
    '%s is valid against the plugin schema',
    (_name, file) => {
      const json = read(file);
      expect(validatePlugin(json)).toEqual([]);
      expect(JSON.stringify(json)).not.toMatch(/%(VERSION|TODAY|PLUGIN_ID)%/);
      for (const logo of [json.info.logos.small, json.info.logos.large]) {
        expect(existsSync(path.join(path.dirname(file), logo))).toBe(true);
      }
    }
  );

  test.each((app.includes as Include[]).filter((i) => i.type !== 'page').map((i) => [i.type, i.path!]))(
    'included %s %s is in dist',
    (type, file) => {
      expect(existsSync(path.join(DIST, file))).toBe(true);
      if (type === 'panel' || type === 'datasource') {
        expect(existsSync(path.join(DIST, path.dirname(file), 'module.js'))).toBe(true);
      }
    }
  );

  it('has the app module', () => {
    expect(existsSync(path.join(DIST, 'module.js'))).toBe(true);
  });
});
