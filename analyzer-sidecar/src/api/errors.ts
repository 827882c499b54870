/** Errors the API maps to HTTP statuses (see error-handler.ts). */
export class BadRequestError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'BadRequestError';
  }
}

export class AuthError extends Error {
  constructor(
    readonly statusCode: 401 | 403,
    message: string,
    /** A 403's role that the route needs (the answer names it as `required_role`). */
    readonly requiredRole?: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

/** More exports running than the analyzer runs at once (each holds a DuckDB connection and a core). */
export class TooManyExportsError extends Error {
  readonly retryAfterSeconds = 5;
  constructor(limit: number) {
    super(`${limit} exports are already running; retry when one has finished`);
    this.name = 'TooManyExportsError';
  }
}
