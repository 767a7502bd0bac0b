import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DossierProjection, OutboxMessage } from '../../db/entities';
import { dossierWorkflowId } from '../../workflows/dossier/contract';
import { liveDossier, registerPayment } from '../dossier-gateway';
import type { RouteOptions } from '../dependencies';
import { notFound } from '../errors';
import { DossierLive, DossierResponse, ErrorResponse, PaymentBody } from '../schemas';

const CustomerParams = Type.Object({ customerId: Type.String({ minLength: 1 }) });

export const dossierRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  app.get(
    '/dossiers/:customerId',
    {
      schema: {
        summary: 'A customer\'s collection dossier: live state, stored projection and the messages sent',
        tags: ['dossiers'],
        params: CustomerParams,
        response: { 200: DossierResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { customerId } = request.params;
      const em = deps.orm.em.fork();
      const [live, projection, messages] = await Promise.all([
        liveDossier(deps, customerId),
        em.findOne(DossierProjection, { customerId }),
        em.find(OutboxMessage, { customerId }, { orderBy: { createdAt: 'asc' } }),
      ]);
      if (!live && !projection) throw notFound(`A collection dossier for customer ${customerId}`);
      return {
        dossierId: dossierWorkflowId(customerId),
        live,
        projection: projection && { ...projection, nextStepCode: projection.nextStepCode ?? null, nextStepDate: projection.nextStepDate ?? null },
        messages,
      };
    },
  );

  app.post(
    '/dossiers/:customerId/payments',
    {
      schema: {
        summary: 'Register a payment on an invoice of the dossier (full or partial)',
        tags: ['dossiers'],
        params: CustomerParams,
        body: PaymentBody,
        response: { 200: DossierLive, 400: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) => registerPayment(deps, request.params.customerId, request.body),
  );
};
