import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Contract } from '../../db/entities';
import type { RouteOptions } from '../dependencies';
import { notFound } from '../errors';
import { signContract } from '../sales-gateway';
import { ContractBody, ContractResponse, IdParams } from '../sales-schemas';
import { ErrorResponse } from '../schemas';

const contractResponse = (contract: Contract) => ({
  ...contract,
  customerId: contract.customer.id,
  opportunityId: contract.opportunityId ?? null,
  renewsContractId: contract.renewsContractId ?? null,
  guarantee: contract.guarantee ?? null,
  cashDiscount: contract.cashDiscount ?? null,
  endsOn: contract.endsOn ?? null,
});

export const contractRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  app.post(
    '/contracts',
    {
      schema: {
        summary: 'Sign a contract: its payment terms are checked against the law and carry the credit decision\'s conditions',
        description:
          'A B2B payment term above 60 days, or a public buyer\'s above 30 days without a justification, is refused with a 422 naming the field and the rule ' +
          '(Law of 2 August 2002). The opportunity\'s credit decision must be taken; its conditions (advance payment, guarantee, …) are written into the contract. ' +
          'Idempotent on the id.',
        tags: ['contracts'],
        body: ContractBody,
        response: { 200: ContractResponse, 201: ContractResponse, 400: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { created, contract } = await signContract(deps, request.body);
      return reply.status(created ? 201 : 200).send(contractResponse(contract));
    },
  );

  app.get(
    '/contracts/:id',
    {
      schema: {
        summary: 'A signed contract and its terms',
        tags: ['contracts'],
        params: IdParams,
        response: { 200: ContractResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const contract = await deps.orm.em.fork().findOne(Contract, { id: request.params.id });
      if (!contract) throw notFound(`Contract ${request.params.id}`);
      return contractResponse(contract);
    },
  );
};
