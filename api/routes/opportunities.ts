import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import * as opportunity from '../../workflows/opportunity/contract';
import type { RouteOptions } from '../dependencies';
import { notFound } from '../errors';
import { openOpportunity, opportunityHandle } from '../sales-gateway';
import { IdParams, OpportunityBody, OpportunityResponse, ReferralDecisionBody, SalesInformationBody } from '../sales-schemas';
import { ErrorResponse } from '../schemas';
import { queryWorkflow, rejection, updateWorkflow } from '../workflow-gateway';

const what = (id: string) => `The credit check of opportunity ${id}`;

/** A decided check has finished and takes no updates: say so in the words of its validators. */
const alreadyDecided = (id: string, view: opportunity.OpportunityView) =>
  rejection(`stage: opportunity ${id} is already decided (${view.decision!.outcome} by ${view.decision!.decidedBy}); open a new opportunity to reconsider`);

export const opportunityRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  /** The check's live (or final) view; 404 when the opportunity was never opened. */
  const viewOf = async (id: string) => {
    const view = await queryWorkflow(opportunityHandle(deps, id), opportunity.opportunityStatusQuery);
    if (!view) throw notFound(`Opportunity ${id}`);
    return view;
  };

  app.post(
    '/opportunities',
    {
      schema: {
        summary: 'Open an opportunity: the credit check runs and answers accept, refuse, conditions, or referred to credit staff',
        description:
          'Answers once the automatic check has decided or referred. Idempotent on the id: the same opportunity again answers 200 with the check as it stands; ' +
          'the same id with another customer or exposure is a 409.',
        tags: ['opportunities'],
        body: OpportunityBody,
        response: { 200: OpportunityResponse, 201: OpportunityResponse, 400: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { created, view } = await openOpportunity(deps, request.body);
      return reply.status(created ? 201 : 200).send(view);
    },
  );

  app.get(
    '/opportunities/:id',
    {
      schema: {
        summary: 'An opportunity\'s credit check: facts (report), figures (proposal), the decision and who took it',
        tags: ['opportunities'],
        params: IdParams,
        response: { 200: OpportunityResponse, 404: ErrorResponse },
      },
    },
    async (request) => viewOf(request.params.id),
  );

  app.post(
    '/opportunities/:id/decision',
    {
      schema: {
        summary: 'Decide a referred credit check: accept, refuse or accept with conditions, with your feeling and reason',
        tags: ['opportunities'],
        params: IdParams,
        body: ReferralDecisionBody,
        response: { 200: OpportunityResponse, 400: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) => {
      const { id } = request.params;
      const view = await viewOf(id);
      if (view.decision) throw alreadyDecided(id, view);
      return updateWorkflow(opportunityHandle(deps, id), what(id), opportunity.decideReferralUpdate, request.body);
    },
  );

  app.post(
    '/opportunities/:id/information',
    {
      schema: {
        summary: 'Add what sales knows about the customer to a check that is not yet decided',
        tags: ['opportunities'],
        params: IdParams,
        body: SalesInformationBody,
        response: { 200: OpportunityResponse, 400: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) => {
      const { id } = request.params;
      const view = await viewOf(id);
      if (view.decision) throw alreadyDecided(id, view);
      return updateWorkflow(opportunityHandle(deps, id), what(id), opportunity.addSalesInformationUpdate, request.body);
    },
  );
};
