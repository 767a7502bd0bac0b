import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Customer } from '../../db/entities';
import { segmentCustomer, SegmentationInputRejected } from '../../domain/segmentation';
import { ApiError, invalidField, notFound } from '../errors';
import type { RouteOptions } from '../dependencies';
import { CustomerBody, CustomerResponse, ErrorResponse } from '../schemas';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function sameCustomer(known: Customer, body: CustomerBody & { timeZone: string }): boolean {
  return (['name', 'email', 'language', 'kind', 'timeZone'] as const).every((key) => known[key] === body[key]);
}

export const customerRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  app.post(
    '/customers',
    {
      schema: {
        summary: 'Register a customer (idempotent: the same body again answers 200)',
        tags: ['customers'],
        body: CustomerBody,
        response: { 200: CustomerResponse, 201: CustomerResponse, 400: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const body = { ...request.body, timeZone: request.body.timeZone ?? deps.defaultTimeZone };
      if (!isTimeZone(body.timeZone)) throw invalidField('timeZone', `"${body.timeZone}" is not an IANA time zone such as Europe/Brussels`);
      const em = deps.orm.em.fork();
      const known = await em.findOne(Customer, { id: body.id });
      if (known) {
        if (!sameCustomer(known, body)) {
          throw new ApiError(409, 'Conflict', `Customer ${body.id} already exists with other data; change it through its own update, not by registering it again`);
        }
        return reply.status(200).send(known);
      }
      let decision;
      try {
        decision = segmentCustomer({
          customerId: body.id,
          kind: body.kind,
          revenue12mCents: body.revenue12mCents ?? 0,
          revenueRank: body.revenueRank,
          riskClass: body.riskClass ?? 'medium',
          override: body.segmentOverride,
        });
      } catch (error) {
        if (error instanceof SegmentationInputRejected) {
          const [field, ...problem] = error.message.split(': ');
          throw invalidField(field!, problem.join(': '));
        }
        throw error;
      }
      const customer = em.create(Customer, {
        id: body.id, name: body.name, email: body.email, language: body.language, kind: body.kind, timeZone: body.timeZone,
        segment: decision.segment, segmentExplanation: decision.explanation, createdAt: new Date(),
      });
      await em.flush();
      return reply.status(201).send(customer);
    },
  );

  app.get(
    '/customers/:id',
    {
      schema: {
        summary: 'Read a customer',
        tags: ['customers'],
        params: Type.Object({ id: Type.String() }),
        response: { 200: CustomerResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const customer = await deps.orm.em.fork().findOne(Customer, { id: request.params.id });
      if (!customer) throw notFound(`Customer ${request.params.id}`);
      return customer;
    },
  );
};
