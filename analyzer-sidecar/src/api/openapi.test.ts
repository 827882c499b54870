/**
 * `/openapi.json` is a valid OpenAPI 3 document (checked by an independent
 * validator, run in its own process because it is an ES module), documents
 * every route, and gives every analysis route an example answer.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, type TestApp } from '../test-support/test-app';

const VALIDATE = `
import { Validator } from '@seriousme/openapi-schema-validator';
const result = await new Validator().validate(process.argv[1]);
process.stdout.write(JSON.stringify(result));
`;

/** `METHOD /path` of every route, from Fastify's own route tree, with `{param}` as OpenAPI writes it. */
function registeredRoutes(tree: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    const path = stack.join('').replace(/:(\w+)/g, '{$1}');
    for (const method of (match[3] ?? '').split(', ').filter((m) => m && m !== 'HEAD'))
      routes.push(`${method} ${path}`);
  }
  return routes;
}

describe('/openapi.json', () => {
  let t: TestApp;
  let doc: { openapi: string; paths: Record<string, Record<string, Record<string, unknown>>> };
  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.app.inject({ url: '/openapi.json' })).json();
  });
  afterAll(() => t.close());

  it('is a valid OpenAPI 3 document', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    const file = join(t.dataDir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', VALIDATE, file],
      { cwd: __dirname, timeout: 30_000 },
    );
    const result = JSON.parse(stdout) as { valid: boolean; errors?: unknown };
    expect(result.errors ?? null).toBeNull();
    expect(result.valid).toBe(true);
  });

  it('documents every route', () => {
    const routes = registeredRoutes(t.app.printRoutes({ commonPrefix: false })).filter(
      // The standalone UI's pages (ui/ui-routes.ts) are a web page, not API; @fastify/websocket hides
      // its upgrade routes (the /analytics/stream operation documents /analytics/stream/ws).
      (r) =>
        r !== 'GET /openapi.json' &&
        r !== 'GET /analytics/stream/ws' &&
        !/^(GET|HEAD|POST) \/ui(\/|\*|$)/.test(r),
    );
    expect(routes.length).toBeGreaterThan(15);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(expect.arrayContaining(routes.sort()));
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /analytics/insights/{id}/implementation',
        'POST /reports/schedules',
        'GET /reports/schedules/{id}/deliveries',
        'POST /share-links',
        'GET /shared/{token}',
      ]),
    );
  });

  it('names every JSON body in components.schemas (the plugin generates its types from them)', () => {
    const schemas = (doc as unknown as { components: { schemas: Record<string, unknown> } }).components
      .schemas;
    const bodies = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([method, op]) => {
        const { requestBody, responses } = op as {
          requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
          responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
        };
        return [requestBody, ...Object.values(responses)].flatMap((body) =>
          Object.entries(body?.content ?? {})
            .filter(([type]) => type.includes('json'))
            .map(([, media]) => ({ at: `${method} ${path}`, ref: media.schema.$ref })),
        );
      }),
    );
    expect(bodies.length).toBeGreaterThan(50);
    expect(bodies.filter((b) => b.ref === undefined)).toEqual([]);
    for (const { ref } of bodies) expect(schemas[ref!.replace('#/components/schemas/', '')]).toBeDefined();
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(['Anomaly', 'Insight', 'ExecutionMetrics', 'PerformanceStats', 'Error']),
    );
  });

  it.each([
    '/analytics/performance',
    '/analytics/bottlenecks',
    '/analytics/degradation',
    '/analytics/success-rates',
    '/analytics/failures',
    '/analytics/reliability',
    '/analytics/compare',
    '/analytics/anomalies',
    '/analytics/insights',
    '/analytics/insights/{id}/implementation',
    '/analytics/healing',
    '/analytics/healing/failures-after-recovery',
    '/analytics/confidence-drift',
    '/analytics/healing-debt',
    '/analytics/time-saved',
    '/analytics/expected-runs',
    '/analytics/queue-times',
    '/analytics/workflow-settings',
    '/analytics/workflow-settings/{workflow_id}',
  ])('gives %s an example answer', (path) => {
    const operation = Object.values(doc.paths[path] ?? {})[0] as {
      responses: Record<string, { content: Record<string, { example?: unknown }> }>;
    };
    expect(operation.responses['200']!.content['application/json']!.example).toBeDefined();
  });
});
