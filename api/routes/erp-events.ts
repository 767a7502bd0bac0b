import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { ErpEvent } from '../../db/entities';
import * as order from '../../workflows/order/contract';
import type { ApiDependencies, RouteOptions } from '../dependencies';
import { ApiError } from '../errors';
import { checkAdvancePaid, orderHandle, orderOpenForUpdate, placeOrder } from '../sales-gateway';
import { ActorBody, DeliveryBody, OrderBody } from '../sales-schemas';
import { ErrorResponse } from '../schemas';
import { updateWorkflow } from '../workflow-gateway';

const Envelope = {
  eventId: Type.String({ minLength: 1, maxLength: 128, description: 'The ERP\'s own id of the event: sending it again gets the same answer' }),
  occurredAt: Type.String({ format: 'date-time', description: 'When it happened in the ERP' }),
};
const ErpEventBody = Type.Union([
  Type.Object({ ...Envelope, type: Type.Literal('SalesOrderCreated'), order: OrderBody }, { additionalProperties: false }),
  Type.Object({ ...Envelope, type: Type.Literal('DeliveryConfirmed'), orderId: Type.String({ minLength: 1, maxLength: 64 }), delivery: DeliveryBody }, { additionalProperties: false }),
  Type.Object({ ...Envelope, type: Type.Literal('SalesOrderCancelled'), orderId: Type.String({ minLength: 1, maxLength: 64 }), cancellation: ActorBody }, { additionalProperties: false }),
]);
type ErpEventBody = Static<typeof ErpEventBody>;

const ErpEventResponse = Type.Object({
  eventId: Type.String(),
  type: Type.String(),
  status: Type.Union([Type.Literal('applied'), Type.Literal('rejected')]),
  outcome: Type.Record(Type.String(), Type.Unknown(), { description: 'The order as it stands, or the refusal with its fields' }),
  receivedAt: Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' }),
});

async function apply(deps: ApiDependencies, event: ErpEventBody): Promise<Record<string, unknown>> {
  const summary = (view: order.OrderView) => ({ orderId: view.orderId, stage: view.stage, clearance: view.clearance, invoices: view.invoices.map((invoice) => invoice.number) });
  if (event.type === 'SalesOrderCreated') return summary((await placeOrder(deps, event.order)).view);
  const handle = orderHandle(deps, event.orderId);
  const view = await orderOpenForUpdate(deps, event.orderId);
  if (!view) throw new ApiError(422, 'Rejected', `orderId: no order ${event.orderId}; send its SalesOrderCreated first`, [{ field: 'orderId', problem: `no order ${event.orderId}` }]);
  if (event.type === 'DeliveryConfirmed') {
    await checkAdvancePaid(deps, view, event.delivery);
    return summary(await updateWorkflow(handle, `Order ${event.orderId}`, order.confirmDeliveryUpdate, event.delivery as order.DeliveryConfirmation));
  }
  return summary(await updateWorkflow(handle, `Order ${event.orderId}`, order.cancelOrderUpdate, event.cancellation));
}

/** What an ERP sends: order created, delivery confirmed, order cancelled, each applied once. */
export const erpEventRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  app.post(
    '/erp/events',
    {
      schema: {
        summary: 'Take an event from the ERP: SalesOrderCreated, DeliveryConfirmed or SalesOrderCancelled',
        description:
          'Applied as the matching API call would be. The event and its outcome are kept: the same eventId again answers as the first time ' +
          '(a refused event stays refused: send a new event once the cause is fixed). The same eventId with another body is a 409.',
        tags: ['erp'],
        body: ErpEventBody,
        response: { 200: ErpEventResponse, 201: ErpEventResponse, 400: ErrorResponse, 409: ErrorResponse, 422: ErpEventResponse },
      },
    },
    async (request, reply) => {
      const event = request.body;
      const em = deps.orm.em.fork();
      const { eventId, occurredAt, type, ...payload } = event;
      const known = await em.findOne(ErpEvent, { eventId });
      if (known) {
        if (JSON.stringify(known.payload) !== JSON.stringify(payload) || known.type !== type) {
          throw new ApiError(409, 'Conflict', `ERP event ${eventId} was received before with another body; an ERP event id names one event`);
        }
        return reply.status(known.status === 'applied' ? 200 : 422).send(known);
      }
      let status: ErpEvent['status'] = 'applied';
      let outcome: Record<string, unknown>;
      try {
        outcome = await apply(deps, event);
      } catch (error) {
        // A refusal is an answer the ERP must see and keep; anything else is ours and may be retried.
        if (!(error instanceof ApiError) || error.statusCode !== 422) throw error;
        status = 'rejected';
        outcome = { error: error.error, message: error.message, fields: error.fields ?? [] };
      }
      const row = em.create(ErpEvent, { eventId, type, occurredAt: new Date(occurredAt), payload, status, outcome, receivedAt: new Date() });
      try {
        await em.flush();
      } catch (error) {
        // The same event sent twice at once: the first one's answer stands.
        if (!(error instanceof UniqueConstraintViolationException)) throw error;
        const winner = await deps.orm.em.fork().findOneOrFail(ErpEvent, { eventId });
        return reply.status(winner.status === 'applied' ? 200 : 422).send(winner);
      }
      return reply.status(status === 'applied' ? 201 : 422).send(row);
    },
  );
};
