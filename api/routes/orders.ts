import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { UpdateDefinition } from '@temporalio/common';
import type { Static, TSchema } from '@sinclair/typebox';
import * as order from '../../workflows/order/contract';
import type { RouteOptions } from '../dependencies';
import { notFound } from '../errors';
import { checkAdvancePaid, orderHandle, orderOpenForUpdate, placeOrder } from '../sales-gateway';
import { ActorBody, DeliveryBody, IdParams, OrderBody, OrderResponse } from '../sales-schemas';
import { ErrorResponse } from '../schemas';
import { queryWorkflow, updateWorkflow } from '../workflow-gateway';

export const orderRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  app.post(
    '/orders',
    {
      schema: {
        summary: 'Place an order under a contract: the account clears or blocks its delivery',
        description:
          'The lines are checked as the invoice will be (VAT category and rate in force, quantities, prices): a wrong line is a 422 now, not at delivery. ' +
          'A blocked order is still placed (201): `clearance.cleared` is false, `clearance.reasons` say why, and credit staff get a task to release or cancel it. ' +
          'Idempotent on the id.',
        tags: ['orders'],
        body: OrderBody,
        response: { 200: OrderResponse, 201: OrderResponse, 400: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { created, view } = await placeOrder(deps, request.body);
      return reply.status(created ? 201 : 200).send(view);
    },
  );

  app.get(
    '/orders/:id',
    {
      schema: {
        summary: 'An order, live: clearance, stage, delivery and the invoices issued for it',
        tags: ['orders'],
        params: IdParams,
        response: { 200: OrderResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const view = await queryWorkflow(orderHandle(deps, request.params.id), order.orderStatusQuery);
      if (!view) throw notFound(`Order ${request.params.id}`);
      return view;
    },
  );

  /** One POST route per order update: validated body, the workflow's view or a 422 naming the field. */
  const action = <B extends TSchema>(
    path: string,
    summary: string,
    body: B,
    update: UpdateDefinition<order.OrderView, [Static<B>]>,
    before: (view: order.OrderView, body: Static<B>) => Promise<void> = async () => undefined,
  ) =>
    app.post(
      `/orders/:id/${path}`,
      {
        schema: {
          summary,
          tags: ['orders'],
          params: IdParams,
          body,
          response: { 200: OrderResponse, 400: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse },
        },
      },
      async (request) => {
        const { id } = request.params;
        const view = await orderOpenForUpdate(deps, id);
        if (!view) throw notFound(`Order ${id}`);
        await before(view, request.body);
        return updateWorkflow(orderHandle(deps, id), `Order ${id}`, update, request.body as Static<B>);
      },
    );

  action('release', 'Release a blocked delivery (credit staff), saying why', ActorBody, order.releaseDeliveryUpdate);
  action('retry-invoicing', 'Issue the invoice again once the cause the rules named is corrected (billing)', ActorBody, order.retryInvoicingUpdate);
  action('cancel', 'Cancel an order not yet delivered or invoiced', ActorBody, order.cancelOrderUpdate);
  action(
    'delivery',
    'Confirm the delivery with its performance date (not in the future): the order is invoiced. An unpaid advance or upfront invoice holds it back unless credit staff waive it.',
    DeliveryBody,
    order.confirmDeliveryUpdate,
    (view, delivery) => checkAdvancePaid(deps, view, delivery),
  );
};
