/**
 * The one place where failures become HTTP answers. Business failures say what is wrong
 * and which field; anything unexpected is logged in full and answered with a 500 that
 * hides internals and gives the request id to quote.
 */
import type { FastifyError, FastifyInstance } from 'fastify';

export interface FieldProblem {
  field: string;
  problem: string;
}

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly error: string,
    message: string,
    readonly fields?: FieldProblem[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string) => new ApiError(404, 'NotFound', `${what} does not exist`);

export const invalidField = (field: string, problem: string) =>
  new ApiError(422, 'ValidationFailed', `${field}: ${problem}`, [{ field, problem }]);

/** `lines[0].quantity`, as the domain's own refusals name fields. */
function fieldName(instancePath: string, missingProperty?: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (missingProperty) parts.push(missingProperty);
  return parts.reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part), '') || '(body)';
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.status(error.statusCode).send({ error: error.error, message: error.message, fields: error.fields });
    }
    if ('validation' in error && error.validation) {
      const fields = error.validation.map((issue) => ({
        field: fieldName(issue.instancePath, (issue.params as { missingProperty?: string }).missingProperty),
        problem: issue.keyword === 'additionalProperties'
          ? `unknown field "${(issue.params as { additionalProperty: string }).additionalProperty}"`
          : issue.message ?? 'is not valid',
      }));
      return reply.status(400).send({
        error: 'ValidationFailed',
        message: `The ${error.validationContext ?? 'request'} is not valid: ${fields.map((f) => `${f.field} ${f.problem}`).join('; ')}`,
        fields,
      });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      return reply.status(status).send({ error: error.code ?? 'BadRequest', message: error.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(status).send({
      error: 'InternalError',
      message: `Something went wrong on our side; the details are in the server log under request id ${request.id}. Try again, and report the id if it persists.`,
    });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: 'NotFound', message: `No route ${request.method} ${request.url}; see GET /docs for the API` }),
  );
}
