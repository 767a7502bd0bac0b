import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from '@sinclair/typebox';
import type { UpdateDefinition } from '@temporalio/common';
import { Customer, DossierProjection, Invoice, OutboxMessage } from '../../db/entities';
import { dateInZone } from '../../domain/calendar';
import * as contract from '../../workflows/dossier/contract';
import { liveDossier, updateDossier } from '../dossier-gateway';
import { tellAccountSettled } from '../sales-gateway';
import type { RouteOptions } from '../dependencies';
import { notFound } from '../errors';
import * as schemas from '../schemas';

const CustomerParams = Type.Object({ customerId: Type.String({ minLength: 1 }) });

export const dossierRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  app.get(
    '/dossiers/:customerId',
    {
      schema: {
        summary: 'A customer\'s collection dossier: live state, stored projection and the messages sent',
        tags: ['dossiers'],
        params: CustomerParams,
        response: { 200: schemas.DossierResponse, 404: schemas.ErrorResponse },
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
      return { dossierId: contract.dossierWorkflowId(customerId), live, projection: projection && { ...projection }, messages } as never;
    },
  );

  /** The first day the invoice was seen paid in full, in the customer's zone; a later payment call leaves it. */
  const recordPaidOn = async (customerId: string, invoiceNumber: string) => {
    const em = deps.orm.em.fork();
    const customer = await em.findOne(Customer, { id: customerId });
    if (!customer) return;
    await em.nativeUpdate(Invoice, { number: invoiceNumber, customer: customerId, paidOn: null }, { paidOn: dateInZone(Date.now(), customer.timeZone) });
  };

  /** One POST route per dossier update: validated body, the workflow's answer or a 422. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route pairs its own body schema with its update
  const action = (path: string, summary: string, body: TSchema, update: UpdateDefinition<contract.DossierView, [any]>, extraParams: Record<string, TSchema> = {}, toArgument = (b: Record<string, unknown>, _p: Record<string, string>) => b as unknown) =>
    app.post(
      `/dossiers/:customerId/${path}`,
      {
        schema: {
          summary,
          tags: ['dossiers'],
          params: Type.Object({ customerId: Type.String({ minLength: 1 }), ...extraParams }),
          body,
          response: { 200: schemas.DossierLive, 400: schemas.ErrorResponse, 404: schemas.ErrorResponse, 422: schemas.ErrorResponse },
        },
      },
      async (request) => {
        const params = request.params as Record<string, string>;
        return (await updateDossier(deps, params.customerId!, update, toArgument(request.body as Record<string, unknown>, params))) as never;
      },
    );

  app.post(
    '/dossiers/:customerId/payments',
    {
      schema: {
        summary: 'Register a payment on an invoice (full or partial)',
        description: 'When it pays the invoice in full, the invoice is marked paid on today\'s date: the payment behaviour that credit checks read.',
        tags: ['dossiers'],
        params: CustomerParams,
        body: schemas.PaymentBody,
        response: { 200: schemas.DossierLive, 400: schemas.ErrorResponse, 404: schemas.ErrorResponse, 422: schemas.ErrorResponse },
      },
    },
    async (request) => {
      const { customerId } = request.params;
      const view = await updateDossier(deps, customerId, contract.registerPaymentUpdate, request.body);
      // The limit it frees is usable at once, not only after the account's next review.
      await tellAccountSettled(deps, customerId, request.body.invoiceNumber, request.body.amountCents, request.body.actor);
      if (view.invoices.some((invoice) => invoice.number === request.body.invoiceNumber && invoice.status === 'paid')) {
        await recordPaidOn(customerId, request.body.invoiceNumber);
      }
      return view as never;
    },
  );
  action('pause', 'Pause the chase until a date', schemas.PauseBody, contract.pauseUpdate);
  action('resume', 'Resume a paused chase now', schemas.ResumeBody, contract.resumeUpdate);
  action('escalations', 'Escalate: the next step now, or straight to legal collection', schemas.EscalationBody, contract.escalateUpdate);
  action('promises', 'Register a promise to pay: the chase waits until the date plus a grace', schemas.PromiseBody, contract.promiseToPayUpdate);
  action('complaints', 'Open a complaint: its invoices leave every reminder until it closes', schemas.ComplaintBody, contract.openComplaintUpdate);
  action(
    'complaints/:complaintId/close',
    'Close a complaint with its solution',
    schemas.ComplaintClosingBody,
    contract.closeComplaintUpdate,
    { complaintId: Type.String({ minLength: 1 }) },
    (body, params) => ({ ...body, complaintId: params.complaintId }),
  );
  action('procedure', 'Move the dossier to another published procedure', schemas.ProcedureChangeBody, contract.changeProcedureUpdate);
  action(
    'tasks/:taskId/complete',
    'Report the outcome of the dossier\'s open task (a call, or an approval)',
    schemas.TaskCompletionBody,
    contract.completeTaskUpdate,
    { taskId: Type.String({ minLength: 1 }) },
    (body, params) => ({ ...body, taskId: params.taskId }),
  );
};
