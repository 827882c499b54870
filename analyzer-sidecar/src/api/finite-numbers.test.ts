import fc from 'fast-check';
import { bearer, startTestApp, type TestApp } from '../test-support/test-app';
import { firstNonFinite, numericFields } from './finite-numbers';

interface OpenApiParameter {
  name: string;
  in: string;
  schema?: { type?: string | string[] };
}

describe('numeric query parameters', () => {
  test.each([
    [{ limit: 'Infinity' }, 'limit'],
    [{ limit: '-Infinity' }, 'limit'],
    [{ limit: '1e400' }, 'limit'],
    [{ limit: ['5', '+Infinity'] }, 'limit'],
    [{ limit: '10' }, undefined],
    [{ limit: 'NaN' }, undefined], // the schema refuses it
    [{ limit: 'abc' }, undefined],
    [{ other: 'Infinity' }, undefined],
  ])('the first non-finite field of %j is %s', (query, field) => {
    expect(firstNonFinite(query, ['limit'])).toBe(field);
  });

  it('finds the numeric fields of a schema', () => {
    expect(
      numericFields({
        properties: { a: { type: 'integer' }, b: { type: 'string' }, c: { type: ['number', 'null'] } },
      }),
    ).toEqual(['a', 'c']);
  });

  describe('on every route', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('answers a non-finite value of any numeric query parameter with a 400 naming it', async () => {
      const document = (await t.app.inject({ url: '/openapi.json' })).json() as {
        paths: Record<string, Record<string, { parameters?: OpenApiParameter[] }>>;
      };
      const cases: Array<[string, string, string]> = [];
      for (const [path, operations] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          for (const parameter of operation.parameters ?? []) {
            const types = [parameter.schema?.type ?? []].flat();
            if (parameter.in === 'query' && (types.includes('number') || types.includes('integer')))
              cases.push([method.toUpperCase(), path.replace(/\{[^}]+\}/g, 'x'), parameter.name]);
          }
        }
      }
      expect(cases.length).toBeGreaterThanOrEqual(8);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...cases),
          fc.constantFrom('Infinity', '-Infinity', '+Infinity', '1e400', '-1e999', '1' + '0'.repeat(400)),
          async ([method, path, name], value) => {
            const response = await t.app.inject({
              method: method as 'GET',
              url: `${path}?${name}=${encodeURIComponent(value)}`,
              headers: bearer('admin'),
            });
            expect(response.statusCode).toBe(400);
            expect(response.json()).toMatchObject({ error: 'bad_request', field: name });
          },
        ),
        { numRuns: 60 },
      );
    });
  });
});
