/** A named thing that does not exist; the error handler answers 404 with `code`. */
export class NotFoundError extends Error {
  readonly statusCode = 404;
  readonly code = 'not_found';
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}
