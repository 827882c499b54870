/**
 * The one place domain errors become HTTP answers: JSON `{ error, message, field? }`,
 * 400s naming the field, 5xx details kept in the log only.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InvalidPolicyError } from '../archive/retention-policy';
import { InvalidQueryError } from '../store/aggregate-catalog';
import { ClosedError, OverloadedError } from '../store/batch-writer';
import { StoreClosedError } from '../store/store';
import { AuthError, BadRequestError, TooManyExportsError } from './errors';
import { TooManyAuthFailuresError } from './failed-auth-limiter';

export interface ErrorBody {
  error: string;
  message: string;
  field?: string;
  required_role?: string;
}

interface ValidationIssue {
  instancePath?: string;
  params?: Record<string, unknown>;
  message?: string;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const [status, body] = toHttp(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    if (error instanceof OverloadedError) void reply.header('retry-after', String(error.retryAfterSeconds));
    if (isShuttingDown(error)) void reply.header('retry-after', '5');
    if (error instanceof TooManyAuthFailuresError || error instanceof TooManyExportsError)
      void reply.header('retry-after', String(error.retryAfterSeconds));
    return reply.status(status).type('application/json').send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
}

function toHttp(error: FastifyError): [number, ErrorBody] {
  if (error.validation)
    return [400, fromValidation(error.validation as ValidationIssue[], error.validationContext)];
  if (
    error instanceof BadRequestError ||
    error instanceof InvalidQueryError ||
    error instanceof InvalidPolicyError
  ) {
    return [400, { error: 'bad_request', field: error.field, message: error.message }];
  }
  if (error instanceof AuthError) {
    return [
      error.statusCode,
      {
        error: error.statusCode === 401 ? 'unauthorized' : 'forbidden',
        message: error.message,
        ...(error.requiredRole !== undefined && { required_role: error.requiredRole }),
      },
    ];
  }
  if (error instanceof OverloadedError) return [429, { error: 'overloaded', message: error.message }];
  if (error instanceof TooManyAuthFailuresError)
    return [429, { error: 'too_many_auth_failures', message: error.message }];
  if (error instanceof TooManyExportsError)
    return [429, { error: 'too_many_exports', message: error.message }];
  if (isShuttingDown(error)) return [503, { error: 'unavailable', message: error.message }];
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500)
    return [status, { error: error.code ?? 'bad_request', message: error.message }];
  return [500, { error: 'internal_error', message: 'internal error' }];
}

function isShuttingDown(error: unknown): boolean {
  return error instanceof ClosedError || error instanceof StoreClosedError;
}

function fromValidation(issues: ValidationIssue[], context: string | undefined): ErrorBody {
  const issue = issues[0] ?? {};
  const params = issue.params ?? {};
  // A nested field is named by its dotted path (`report.template`), a top-level one by its name;
  // array indices are left out (`email.to`, `workflow_id`).
  const path = (issue.instancePath ?? '').split('/').filter((s) => s !== '' && !/^\d+$/.test(s));
  const leaf = params.additionalProperty ?? params.missingProperty;
  if (leaf !== undefined) path.push(String(leaf));
  const field = path.length > 0 ? path.join('.') : (context ?? 'request');
  const message =
    params.additionalProperty !== undefined
      ? `unknown field ${field}`
      : `${field} ${issue.message ?? 'is invalid'}`;
  return { error: 'bad_request', field, message };
}
