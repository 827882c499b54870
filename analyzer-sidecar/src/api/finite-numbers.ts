/**
 * Numeric query parameters must be finite: `limit=Infinity`, `1e400` or
 * `threshold_percentile=-Infinity` pass JSON-schema coercion as numbers and then
 * fail deep inside a handler (a 500). Each route's numeric query fields are
 * checked before validation and refused with a 400 naming the field.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { BadRequestError } from './errors';

interface PropertySchema {
  readonly type?: string | readonly string[];
}

interface ObjectSchema {
  readonly properties?: Readonly<Record<string, PropertySchema>>;
}

/** The names of the numeric properties of a query-string schema. */
export function numericFields(schema: unknown): string[] {
  const properties = (schema as ObjectSchema | undefined)?.properties ?? {};
  return Object.entries(properties)
    .filter(([, property]) => {
      const types = [property.type ?? []].flat();
      return types.includes('number') || types.includes('integer');
    })
    .map(([name]) => name);
}

/** The first of `fields` whose value in `query` is not a finite number literal, if any. */
export function firstNonFinite(query: unknown, fields: readonly string[]): string | undefined {
  if (typeof query !== 'object' || query === null) return undefined;
  const values = query as Record<string, unknown>;
  return fields.find((field) => {
    if (!Object.prototype.hasOwnProperty.call(values, field)) return false;
    return [values[field]].flat().some((value) => !isFiniteValue(value));
  });
}

/** Infinite once coerced (`Infinity`, `-Infinity`, `1e400`); anything else is left to the schema. */
function isFiniteValue(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'string' || value.trim() === '') return true;
  const number = Number(value);
  return Number.isNaN(number) || Number.isFinite(number);
}

export function registerFiniteNumbers(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const fields = numericFields(route.schema?.querystring);
    if (fields.length === 0) return;
    const check = async (request: FastifyRequest): Promise<void> => {
      const field = firstNonFinite(request.query, fields);
      if (field !== undefined) throw new BadRequestError(field, `${field} must be a finite number`);
    };
    route.preValidation = [check, ...[route.preValidation ?? []].flat()];
  });
}
