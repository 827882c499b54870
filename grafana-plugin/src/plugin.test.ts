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

  it('proxies the analyzer with server-side tokens: RBAC read action for reads, write action for writes', () => {
    const app = read(path.join(SRC, 'plugin.json'));
    const routes = app.routes as Array<{
      path: string;
      method?: string;
      reqRole?: string;
      reqAction: string;
      url: string;
      headers: Array<{ content: string }>;
    }>;
    expect(routes.map((r) => [r.path, r.reqAction, r.method])).toEqual([
      ['analyzer', `${app.id}.analytics:read`, 'GET'],
      ['analyzer-editor', `${app.id}.analytics:write`, 'POST'],
      // Editors list and revoke their share links with the editor token (the analyzer scopes them to it).
      ['analyzer-editor', `${app.id}.analytics:write`, 'GET'],
      // Schedules change (enable, disable, edit) by PATCH.
      ['analyzer-editor', `${app.id}.analytics:write`, 'PATCH'],
      // Workflow settings (time saved, expected runs) are replaced whole by PUT.
      ['analyzer-editor', `${app.id}.analytics:write`, 'PUT'],
      ['analyzer-editor', `${app.id}.analytics:write`, 'DELETE'],
    ]);
    // Grafana checks reqAction instead of reqRole when a route has one: no route keeps a bare role check.
    expect(routes.filter((r) => r.reqRole !== undefined)).toEqual([]);
    expect(routes.every((r) => r.url === '{{ .JsonData.analyzerUrl }}')).toBe(true);
    expect(routes[0]!.headers[0]!.content).toBe('Bearer {{ .SecureJsonData.analyzerToken }}');
    for (const editorRoute of routes.slice(1)) {
      expect(editorRoute.headers[0]!.content).toBe('Bearer {{ .SecureJsonData.analyzerEditorToken }}');
    }
  });
});

describe('plugin.json RBAC, catalog and extensions', () => {
  const app = read(path.join(SRC, 'plugin.json'));
  const roles = app.roles as Array<{
    role: { name: string; permissions: Array<{ action: string }> };
    grants: string[];
  }>;
  const defined = new Map(roles.flatMap((r) => r.role.permissions.map((p) => [p.action, r.grants] as const)));

  it('defines its actions in roles granted to the basic roles, prefixed with the plugin id', () => {
    expect(Object.fromEntries(defined)).toEqual({
      [`${app.id}.analytics:read`]: ['Viewer'],
      [`${app.id}.analytics:write`]: ['Editor'],
    });
  });

  it('guards every app page and route with an action one of its roles defines', () => {
    const pages = (app.includes as Array<Include & { action?: string }>).filter(
      (i) => i.type === 'page' && i.path?.startsWith('/a/')
    );
    expect(pages.length).toBeGreaterThan(4);
    const used = [...pages.map((p) => p.action), ...app.routes.map((r: { reqAction?: string }) => r.reqAction)];
    for (const action of used) {
      expect([action, defined.has(action!)]).toEqual([action, true]);
    }
  });

  it('lists real PNG screenshots and the catalog links', () => {
    const screenshots = app.info.screenshots as Array<{ name: string; path: string }>;
    expect(screenshots.length).toBeGreaterThanOrEqual(4);
    for (const shot of screenshots) {
      const bytes = readFileSync(path.join(SRC, shot.path));
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      // Width and height from the IHDR chunk: a real page capture, not a placeholder.
      expect(bytes.readUInt32BE(16)).toBeGreaterThanOrEqual(1000);
      expect(bytes.readUInt32BE(20)).toBeGreaterThanOrEqual(600);
    }
    expect((app.info.links as Array<{ name: string }>).map((l) => l.name.toLowerCase())).toEqual(
      expect.arrayContaining(['documentation', 'repository', 'license', 'raise issue'])
    );
    expect(existsSync(path.join(SRC, 'README.md'))).toBe(true);
  });

  it('declares its extension points by the ids Grafana exports', () => {
    const targets = (app.extensions.addedLinks as Array<{ targets: string[] }>).flatMap((l) => l.targets);
    expect(targets.sort()).toEqual([
      'grafana/dashboard/panel/menu',
      'grafana/explore/toolbar/action',
      'grafana/traceview/header/actions',
    ]);
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
      for (const image of [
        json.info.logos.small,
        json.info.logos.large,
        ...(json.info.screenshots ?? []).map((s: { path: string }) => s.path),
      ]) {
        expect(existsSync(path.join(path.dirname(file), image))).toBe(true);
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
