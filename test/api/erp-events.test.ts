/**
 * Events from the ERP over HTTP: an order created, its delivery confirmed, a late
 * cancellation refused; each event applied once, whatever the ERP sends again.
 */
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../api/app';
import { openOpportunity, signContract } from '../../api/sales-gateway';
import { ErpEvent, Invoice } from '../../db/entities';
import { eventually, testLogger } from '../support/temporal';
import { startSalesHarness, type SalesHarness } from '../support/sales-harness';

let h: SalesHarness;
let api: FastifyInstance;

beforeAll(async () => {
  h = await startSalesHarness('erp-events-test');
  api = await buildApi(h.deps, testLogger());
  await h.customer('ERP-1', 'B2B', '0456789133');
  await openOpportunity(h.deps, { id: 'OPP-ERP', customerId: 'ERP-1', description: 'supply', requestedExposureCents: 20_000_00, requestedBy: 'sales' });
  await signContract(h.deps, { id: 'K-ERP', customerId: 'ERP-1', opportunityId: 'OPP-ERP', paymentTermDays: 30, startsOn: await h.today(), signedBy: 'sales' });
}, 120_000);
afterAll(async () => {
  await api?.close();
  await h?.close();
});

const send = (body: Record<string, unknown>) => api.inject({ method: 'POST', url: '/erp/events', payload: { occurredAt: '2026-12-03T08:15:00Z', ...body } });
const created = {
  eventId: 'SAP-4711', type: 'SalesOrderCreated',
  order: { id: 'ORD-ERP', customerId: 'ERP-1', contractId: 'K-ERP', placedBy: 'erp:sap', lines: [{ description: 'Cement', quantity: 40, unitPriceCents: 12_50, vatCategory: 'S', vatRateBasisPoints: 2100 }] },
};

describe('events from the ERP', () => {
  it('places the order of a SalesOrderCreated once, however often the ERP sends it', async () => {
    const first = await send(created);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ eventId: 'SAP-4711', status: 'applied', outcome: { orderId: 'ORD-ERP', stage: 'awaiting-delivery', clearance: { cleared: true } } });
    const again = await send(created);
    expect(again.statusCode).toBe(200);
    expect(again.json().outcome).toEqual(first.json().outcome);
    expect(await h.db.orm.em.fork().count(ErpEvent, {})).toBe(1);
  });

  it('refuses the same event id with another body', async () => {
    const other = await send({ ...created, order: { ...created.order, lines: [{ ...created.order.lines[0], quantity: 41 }] } });
    expect(other.statusCode).toBe(409);
    expect(other.json().message).toMatch(/SAP-4711 was received before with another body/);
  });

  it('confirms the delivery of a DeliveryConfirmed, and the order is invoiced', async () => {
    const delivered = await send({ eventId: 'SAP-4712', type: 'DeliveryConfirmed', orderId: 'ORD-ERP', delivery: { performanceDate: await h.today(), actor: 'erp:sap', reference: 'LS-80012' } });
    expect(delivered.statusCode).toBe(201);
    expect(delivered.json().outcome).toMatchObject({ stage: 'delivered' });
    await eventually(async () => expect(await h.db.orm.em.fork().findOneOrFail(Invoice, { orderId: 'ORD-ERP' })).toMatchObject({ amountCents: 605_00 }));
  });

  it('keeps a refused event refused: a cancellation after the invoice, an event for an unknown order', async () => {
    await eventually(async () => expect((await api.inject({ method: 'GET', url: '/orders/ORD-ERP' })).json().stage).toBe('invoiced'));
    const late = { eventId: 'SAP-4713', type: 'SalesOrderCancelled', orderId: 'ORD-ERP', cancellation: { actor: 'erp:sap', reason: 'customer request' } };
    const refused = await send(late);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ status: 'rejected', outcome: { fields: [{ field: 'stage' }] } });
    expect((await send(late)).json()).toEqual(refused.json());
    const unknown = await send({ eventId: 'SAP-4714', type: 'DeliveryConfirmed', orderId: 'ORD-NONE', delivery: { performanceDate: await h.today(), actor: 'erp:sap' } });
    expect(unknown.json()).toMatchObject({ status: 'rejected', outcome: { fields: [{ field: 'orderId' }] } });
  });

  it('answers 400 for an event type it does not know', async () => {
    const response = await send({ eventId: 'SAP-4715', type: 'InvoicePosted', invoice: {} });
    expect(response.statusCode).toBe(400);
  });
});
