import { hoistComponents, operationName } from './hoist-components';

const anomaly = { title: 'Anomaly', type: 'object', properties: { title: { type: 'string' } } };

const doc = {
  openapi: '3.0.3',
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  paths: {
    '/analytics/anomalies': {
      get: {
        responses: {
          200: {
            content: {
              'application/json': {
                schema: { type: 'object', properties: { items: { type: 'array', items: anomaly } } },
                example: { items: [] },
              },
            },
          },
        },
      },
    },
    '/analytics/anomalies/{id}': {
      post: {
        requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
        responses: {
          200: { content: { 'application/json': { schema: { ...anomaly, description: 'the one' } } } },
          204: { description: 'nothing' },
        },
      },
    },
    '/reports/{template}': {
      get: { responses: { 200: { content: { 'application/pdf': { schema: { type: 'string' } } } } } },
    },
  },
};

describe('hoistComponents', () => {
  const out = hoistComponents(doc) as unknown as {
    components: { schemas: Record<string, unknown>; securitySchemes: unknown };
  };
  /** The value at a path of keys in the hoisted document. */
  const at = (...keys: string[]): unknown =>
    keys.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], out);
  const json = (path: string, method: string, status: string) =>
    at('paths', path, method, 'responses', status, 'content', 'application/json');

  it('names every JSON body after its operation, and titled schemas after their title, once', () => {
    expect(Object.keys(out.components.schemas)).toEqual([
      'Anomaly',
      'GetAnalyticsAnomaliesResponse',
      'PostAnalyticsAnomaliesIdRequest',
    ]);
    expect(out.components.securitySchemes).toEqual(doc.components.securitySchemes);
    expect(out.components.schemas.GetAnalyticsAnomaliesResponse).toEqual({
      type: 'object',
      title: 'GetAnalyticsAnomaliesResponse',
      properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Anomaly' } } },
    });
  });

  it('refers to the components from the operations, keeping examples and non-JSON bodies', () => {
    expect(json('/analytics/anomalies', 'get', '200')).toEqual({
      schema: { $ref: '#/components/schemas/GetAnalyticsAnomaliesResponse' },
      example: { items: [] },
    });
    expect(json('/analytics/anomalies/{id}', 'post', '200')).toEqual({
      schema: { $ref: '#/components/schemas/Anomaly' },
    });
    expect(
      at('paths', '/analytics/anomalies/{id}', 'post', 'requestBody', 'content', 'application/json'),
    ).toEqual({
      schema: { $ref: '#/components/schemas/PostAnalyticsAnomaliesIdRequest' },
    });
    expect(at('paths', '/analytics/anomalies/{id}', 'post', 'responses', '204')).toEqual({
      description: 'nothing',
    });
    expect(
      at('paths', '/reports/{template}', 'get', 'responses', '200', 'content', 'application/pdf'),
    ).toEqual({
      schema: { type: 'string' },
    });
  });

  it('treats a field called title as a field, not as a name', () => {
    expect(out.components.schemas.Anomaly).toEqual({
      title: 'Anomaly',
      type: 'object',
      properties: { title: { type: 'string' } },
    });
  });

  it('refuses two different schemas under one title', () => {
    const clash = {
      paths: {
        '/a': { get: { responses: { 200: { content: { 'application/json': { schema: anomaly } } } } } },
        '/b': {
          get: {
            responses: {
              200: { content: { 'application/json': { schema: { ...anomaly, type: 'array' } } } },
            },
          },
        },
      },
    };
    expect(() => hoistComponents(clash)).toThrow('two different schemas are both titled "Anomaly"');
  });

  test.each([
    ['get', '/analytics/insights/{id}/implementation', 'GetAnalyticsInsightsIdImplementation'],
    ['post', '/share-links', 'PostShareLinks'],
    ['delete', '/reports/schedules/{id}', 'DeleteReportsSchedulesId'],
  ])('%s %s is %s', (method, path, name) => {
    expect(operationName(method, path)).toBe(name);
  });
});
