/** Schemas shared by routes; they also generate `/openapi.json`. */
export const errorSchema = component('Error', {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
    field: { type: 'string', description: 'The request field at fault' },
    required_role: { type: 'string', description: 'A 403: the role the route needs' },
  },
} as const);

export const errorResponses = {
  400: { description: 'Invalid request; `field` names the culprit', ...errorSchema },
  401: { description: 'Missing or unknown token', ...errorSchema },
  403: {
    description:
      'The token lacks the role this route needs, or a state-changing request came from another origin',
    ...errorSchema,
  },
  429: {
    description:
      'Too many failed authentications from this address (authFailureLimit per authFailureWindowMs); see Retry-After',
    ...errorSchema,
  },
} as const;

export const rfc3339 = {
  type: 'string',
  format: 'date-time',
  description: 'RFC 3339, UTC, milliseconds',
} as const;
export const nullableNumber = { type: ['number', 'null'] } as const;
export const nullableString = { type: ['string', 'null'] } as const;

/** `from`/`to`: RFC 3339 or epoch milliseconds. */
export const timeParam = { type: 'string', description: 'RFC 3339 or epoch milliseconds' } as const;

/**
 * Names a schema: `/openapi.json` lists it once under `components.schemas` by this name
 * (api/openapi/hoist-components.ts) and refers to it wherever it appears, so the plugin's
 * generated types carry the name. `title` is an annotation: validation and serialization ignore it.
 */
export function component<const T extends object>(name: string, schema: T): T & { readonly title: string } {
  return { title: name, ...schema };
}
