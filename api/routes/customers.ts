import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Customer } from '../../db/entities';
import { normaliseEnterpriseNumber } from '../../domain/credit/report';
import { belgianPeppolId } from '../../domain/invoicing/channel';
import { segmentCustomer, SegmentationInputRejected } from '../../domain/segmentation';
import * as account from '../../workflows/account/contract';
import { ApiError, invalidField, notFound } from '../errors';
import type { RouteOptions } from '../dependencies';
import { accountHandle, accountView, ensureAccount } from '../sales-gateway';
import { AccountResponse, IdParams, InsurerLimitBody, ReviewBody } from '../sales-schemas';
import { CustomerBody, CustomerResponse, ErrorResponse } from '../schemas';
import { updateWorkflow } from '../workflow-gateway';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const MOD_97 = 'a Belgian enterprise number has 10 digits (0456.789.133, BE0456789133 or 0456789133) whose last two are 97 minus the first eight modulo 97';

/** The identification and delivery fields as stored: numbers normalised, a Peppol id where Peppol is asked for. */
function contactFields(body: CustomerBody) {
  let enterpriseNumber: string | null = null;
  if (body.enterpriseNumber !== undefined) {
    enterpriseNumber = normaliseEnterpriseNumber(body.enterpriseNumber);
    if (!enterpriseNumber) throw invalidField('enterpriseNumber', `"${body.enterpriseNumber}" fails the mod-97 check: ${MOD_97}`);
  }
  const vatNumber = body.vatNumber ?? null;
  if (vatNumber?.startsWith('BE')) {
    const vatEnterprise = normaliseEnterpriseNumber(vatNumber.slice(2));
    if (!vatEnterprise || vatNumber.length !== 12) throw invalidField('vatNumber', `"${vatNumber}" is not a Belgian VAT number: BE and the enterprise number, where ${MOD_97}`);
    if (enterpriseNumber && vatEnterprise !== enterpriseNumber) throw invalidField('vatNumber', `${vatNumber} belongs to enterprise ${vatEnterprise}, not to enterpriseNumber ${enterpriseNumber}`);
  }
  let peppolId = body.peppolId ?? null;
  if (body.preferredChannel === 'peppol' && !peppolId) {
    if (!enterpriseNumber) throw invalidField('peppolId', 'a customer who prefers Peppol needs a Peppol participant id, or an enterpriseNumber to derive 0208:<enterprise number> from');
    peppolId = belgianPeppolId(enterpriseNumber);
  }
  return { enterpriseNumber, vatNumber, preferredChannel: body.preferredChannel ?? null, peppolId, address: body.address ?? null };
}

type CustomerFields = Pick<Customer, 'name' | 'email' | 'language' | 'kind' | 'timeZone'> & ReturnType<typeof contactFields>;

/** Equal values, objects (the address) compared field by field whatever their key order. */
function same(a: unknown, b: unknown): boolean {
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
    return Object.keys({ ...x, ...y }).every((key) => same(x[key], y[key]));
  }
  return (a ?? null) === (b ?? null);
}

const sameCustomer = (known: Customer, fields: CustomerFields): boolean =>
  (Object.keys(fields) as Array<keyof CustomerFields>).every((key) => same(known[key], fields[key]));

const customerResponse = (customer: Customer) => ({
  ...customer,
  enterpriseNumber: customer.enterpriseNumber ?? null,
  vatNumber: customer.vatNumber ?? null,
  preferredChannel: customer.preferredChannel ?? null,
  peppolId: customer.peppolId ?? null,
  address: customer.address ?? null,
});

export const customerRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  app.post(
    '/customers',
    {
      schema: {
        summary: 'Register a customer and open its credit account (idempotent: the same body again answers 200)',
        description: 'A retry with the same body also starts the customer\'s account workflow if an earlier attempt stored the customer but could not start it.',
        tags: ['customers'],
        body: CustomerBody,
        response: { 200: CustomerResponse, 201: CustomerResponse, 400: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const timeZone = body.timeZone ?? deps.defaultTimeZone;
      if (!isTimeZone(timeZone)) throw invalidField('timeZone', `"${timeZone}" is not an IANA time zone such as Europe/Brussels`);
      const fields: CustomerFields = { name: body.name, email: body.email, language: body.language, kind: body.kind, timeZone, ...contactFields(body) };
      const em = deps.orm.em.fork();
      const known = await em.findOne(Customer, { id: body.id });
      if (known) {
        if (!sameCustomer(known, fields)) {
          throw new ApiError(409, 'Conflict', `Customer ${body.id} already exists with other data; change it through its own update, not by registering it again`);
        }
        await ensureAccount(deps, known);
        return reply.status(200).send(customerResponse(known));
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
      const customer = em.create(Customer, { id: body.id, ...fields, segment: decision.segment, segmentExplanation: decision.explanation, createdAt: new Date() });
      await em.flush();
      // Stored first, then the account: if Temporal is unreachable, a retry of the same body starts it.
      await ensureAccount(deps, customer);
      return reply.status(201).send(customerResponse(customer));
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
      return customerResponse(customer);
    },
  );

  app.get(
    '/customers/:id/account',
    {
      schema: {
        summary: 'The customer\'s credit account, live: limit, insurance, scores, exposure, review schedule',
        tags: ['customers'],
        params: IdParams,
        response: { 200: AccountResponse, 404: ErrorResponse },
      },
    },
    async (request) => accountView(deps, request.params.id),
  );

  app.post(
    '/customers/:id/account/insurer-limit',
    {
      schema: {
        summary: 'Record the credit insurer\'s limit for the customer, or its withdrawal of cover',
        description: 'A changed limit or a withdrawal asks credit staff to review the account.',
        tags: ['customers'],
        params: IdParams,
        body: InsurerLimitBody,
        response: { 200: AccountResponse, 400: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) => updateWorkflow(accountHandle(deps, request.params.id), `The account of customer ${request.params.id}`, account.recordInsurerLimitUpdate, request.body),
  );

  app.post(
    '/customers/:id/account/review',
    {
      schema: {
        summary: 'Complete the account\'s open review task, optionally with a new credit limit',
        tags: ['customers'],
        params: IdParams,
        body: ReviewBody,
        response: { 200: AccountResponse, 400: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) => updateWorkflow(accountHandle(deps, request.params.id), `The account of customer ${request.params.id}`, account.completeReviewUpdate, request.body),
  );
};
