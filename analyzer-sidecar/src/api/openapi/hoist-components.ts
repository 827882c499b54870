/**
 * Moves the schemas of `/openapi.json`'s bodies into `components.schemas`, so a client
 * generator names every type once. A schema marked with a `title` (schemas/component.ts)
 * becomes the component of that name wherever it appears; a body without one becomes
 * `<Operation><Request|Response>`, named from its method and path. Runs on the finished
 * document, so routes added later are covered without being listed here.
 */

type Json = Record<string, unknown>;
type Components = Map<string, Json>;

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
/** Documentation that may differ between two uses of one component (the example answer of a route). */
const ANNOTATIONS = new Set(['description', 'example', 'examples']);

export function hoistComponents<T extends Json>(doc: T): T {
  const components: Components = new Map();
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>;
  const hoisted: Record<string, Record<string, Json>> = {};
  for (const [path, operations] of Object.entries(paths)) {
    hoisted[path] = {};
    for (const [method, operation] of Object.entries(operations)) {
      hoisted[path][method] = HTTP_METHODS.has(method)
        ? hoistOperation(operation, operationName(method, path), components)
        : operation;
    }
  }
  const existing = ((doc.components as Json | undefined)?.schemas ?? {}) as Json;
  const schemas = Object.fromEntries(
    [...Object.entries(existing), ...components].sort(([a], [b]) => a.localeCompare(b)),
  );
  return { ...doc, paths: hoisted, components: { ...(doc.components as Json), schemas } };
}

/** `GET /analytics/insights/{id}/implementation` → `GetAnalyticsInsightsIdImplementation`. */
export function operationName(method: string, path: string): string {
  const words = [method, ...path.split(/[^A-Za-z0-9]+/)].filter((w) => w !== '');
  return words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

function hoistOperation(operation: Json, name: string, components: Components): Json {
  const result: Json = { ...operation };
  const body = operation.requestBody as Json | undefined;
  if (body?.content !== undefined)
    result.requestBody = {
      ...body,
      content: hoistContent(body.content as Json, `${name}Request`, components),
    };
  const responses = operation.responses as Record<string, Json> | undefined;
  if (responses !== undefined) {
    result.responses = Object.fromEntries(
      Object.entries(responses).map(([status, response]) => {
        if (response.content === undefined) return [status, response];
        const suffix = status === '200' ? 'Response' : `Response${status}`;
        return [
          status,
          { ...response, content: hoistContent(response.content as Json, `${name}${suffix}`, components) },
        ];
      }),
    );
  }
  return result;
}

function hoistContent(content: Json, name: string, components: Components): Json {
  return Object.fromEntries(
    Object.entries(content).map(([mediaType, media]) => {
      const { schema, ...rest } = media as Json;
      if (!isObject(schema) || typeof schema.$ref === 'string') return [mediaType, media];
      // Binary and text answers (PDF, CSV) have no JSON shape worth a type of its own.
      if (!mediaType.includes('json'))
        return [mediaType, { ...rest, schema: replaceTitled(schema, components) }];
      const named = typeof schema.title === 'string' ? schema : { ...schema, title: name };
      return [mediaType, { ...rest, schema: replaceTitled(named, components) }];
    }),
  );
}

/** The schema with every titled subschema (itself included) replaced by a `$ref` to its component. */
function replaceTitled(schema: unknown, components: Components): unknown {
  if (Array.isArray(schema)) return schema.map((s) => replaceTitled(s, components));
  if (!isObject(schema)) return schema;
  const inner: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    // Under `properties`, keys are field names, not keywords: a field called `title` is not a name.
    inner[key] =
      key === 'properties' && isObject(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceTitled(v, components)]))
        : key === 'example' || key === 'examples'
          ? value
          : replaceTitled(value, components);
  }
  if (typeof schema.title !== 'string') return inner;
  register(schema.title, inner, components);
  return { $ref: `#/components/schemas/${schema.title}` };
}

function register(name: string, schema: Json, components: Components): void {
  const known = components.get(name);
  if (known === undefined) {
    components.set(name, schema);
    return;
  }
  if (JSON.stringify(withoutAnnotations(known)) !== JSON.stringify(withoutAnnotations(schema)))
    throw new Error(`two different schemas are both titled ${JSON.stringify(name)}: give one another title`);
}

function withoutAnnotations(schema: Json): Json {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => !ANNOTATIONS.has(key)));
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
