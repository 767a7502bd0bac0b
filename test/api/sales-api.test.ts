/**
 * The front half over HTTP, in the order it happens: a customer and its account, the
 * credit check at the opportunity, the contract's legal terms, an order, its delivery and
 * invoice, credit notes and the payment. The tests run in sequence on shared state, like
 * one customer's life; each names the behaviour it checks.
 */
import type { FastifyInstance } from 'fastify';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createHttpCreditDataProvider } from '../../adapters/credit-data/http-client';
import { buildApi } from '../../api/app';
import { addDays, dateInZone } from '../../domain/calendar';
import { startFakeCreditBureau, type FakeCreditBureau } from '../../fakes/credit-bureau/server';
import { openTestDatabase, type TestDatabase } from '../support/databases';
import { eventually, startTestWorker, TEST_CREDITOR, testLogger, timeSkippingEnvironment } from '../support/temporal';

const TASK_QUEUE = 'sales-api-test';
const ZONE = 'Europe/Brussels';
const today = () => dateInZone(Date.now(), ZONE);

const customer = (id: string, kind: 'B2B' | 'B2G', enterpriseNumber: string) => ({
  id, name: `${id} NV`, email: `ap@${id.toLowerCase()}.example`, language: 'nl', kind, enterpriseNumber,
});
const line = (quantity: number, vatRateBasisPoints = 2100) => ({
  description: 'Formwork panels', quantity, unit: 'C62', unitPriceCents: 100_00, vatCategory: 'S', vatRateBasisPoints,
});

describe('front-half HTTP API', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let bureau: FakeCreditBureau;
  let worker: { stop(): Promise<void> };
  let api: FastifyInstance;
  /** The invoice of the delivered order, found by the delivery test. */
  let invoiceNumber = '';

  beforeAll(async () => {
    env = await timeSkippingEnvironment();
    db = await openTestDatabase('sqlite');
    bureau = await startFakeCreditBureau();
    worker = await startTestWorker(env, db.orm, TASK_QUEUE, {
      creditData: createHttpCreditDataProvider({ baseUrl: bureau.url, apiKey: bureau.apiKey }),
    });
    api = await buildApi({ orm: db.orm, temporal: env.client, taskQueue: TASK_QUEUE, creditor: TEST_CREDITOR, defaultTimeZone: ZONE }, testLogger());
  });
  afterAll(async () => {
    await api?.close();
    await worker?.stop();
    await bureau?.close();
    await db?.close();
    await env?.teardown();
  });

  const post = (url: string, payload: Record<string, unknown>) => api.inject({ method: 'POST', url, payload });
  const get = (url: string) => api.inject({ method: 'GET', url });

  /** Opens an opportunity and waits until its decision has reached the account (the contract and the order read it there). */
  async function creditChecked(opportunityId: string, customerId: string) {
    const response = await post('/opportunities', {
      id: opportunityId, customerId, description: 'Site equipment 2027', requestedExposureCents: 10_000_00, requestedBy: 'sam',
    });
    await eventually(async () => expect((await get(`/customers/${customerId}/account`)).json().lastDecision).toMatchObject({ opportunityId }));
    return response;
  }

  it('refuses an enterprise number that fails the mod-97 check, naming the field and the rule', async () => {
    const response = await post('/customers', customer('BAD-1', 'B2B', '0456.789.134'));
    expect(response.statusCode).toBe(422);
    const [problem] = response.json().fields;
    expect(problem.field).toBe('enterpriseNumber');
    expect(problem.problem).toMatch(/mod-97/);
  });

  it('starts the customer\'s credit account when the customer is registered', async () => {
    const created = await post('/customers', { ...customer('B2B-1', 'B2B', 'BE0456789133'), vatNumber: 'BE0456789133', preferredChannel: 'peppol' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ enterpriseNumber: '0456789133', peppolId: '0208:0456789133', address: null });
    const account = await eventually(async () => {
      const response = await get('/customers/B2B-1/account');
      expect(response.statusCode).toBe(200);
      return response.json();
    });
    expect(account).toMatchObject({ customerId: 'B2B-1', enterpriseNumber: '0456789133', creditLimitCents: null, exposureCents: 0 });
    const again = await post('/customers', { ...customer('B2B-1', 'B2B', '0456.789.133'), vatNumber: 'BE0456789133', preferredChannel: 'peppol' });
    expect(again.statusCode).toBe(200);
    expect((await get('/customers/NOBODY/account')).statusCode).toBe(404);
  });

  it('accepts an opportunity for a healthy company at once, with the provider\'s advised limit', async () => {
    const response = await creditChecked('OPP-1', 'B2B-1');
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ stage: 'decided', decision: { outcome: 'accept', referred: false }, report: { score: 85 } });
    expect((await get('/customers/B2B-1/account')).json().creditLimitCents).toBe(500_000_00);
    expect((await get('/opportunities/OPP-1')).json().decision.outcome).toBe('accept');
    expect((await get('/opportunities/OPP-404')).statusCode).toBe(404);
    // Sent again after the decision: the same decision answers, and no second report is bought.
    const reports = bureau.requests;
    const again = await post('/opportunities', { id: 'OPP-1', customerId: 'B2B-1', description: 'Site equipment 2027', requestedExposureCents: 10_000_00, requestedBy: 'sam' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ stage: 'decided', decision: { outcome: 'accept' } });
    expect(bureau.requests).toBe(reports);
    const decided = await post('/opportunities/OPP-1/decision', { outcome: 'refuse', feeling: 'no', actor: 'cm', reason: 'changed my mind' });
    expect(decided.statusCode).toBe(422);
    expect(decided.json().fields[0].field).toBe('stage');
  });

  it('puts a referral on the credit action list with the route that answers it, and takes the decision there', async () => {
    expect((await post('/customers', customer('GREY-1', 'B2B', '0634.521.738'))).statusCode).toBe(201);
    const referred = await post('/opportunities', { id: 'OPP-GREY', customerId: 'GREY-1', description: 'Trucks', requestedExposureCents: 10_000_00, requestedBy: 'sam' });
    expect(referred.json()).toMatchObject({ stage: 'referred', decision: null });
    const task = await eventually(async () => {
      const list = (await get('/tasks?pool=credit')).json<Array<{ dossierId: string; kind: string; answer: { method: string; path: string } }>>();
      const found = list.find((entry) => entry.dossierId === 'opportunity:OPP-GREY');
      expect(found).toBeDefined();
      return found!;
    });
    expect(task).toMatchObject({ kind: 'credit-referral', answer: { method: 'POST', path: '/opportunities/OPP-GREY/decision' } });
    const decided = await post(task.answer.path, {
      outcome: 'conditions', conditions: [{ kind: 'advance-payment', percent: 50, detail: 'half before delivery' }], feeling: 'new fleet, good references', actor: 'cm', reason: 'grey zone',
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json().decision).toMatchObject({ outcome: 'conditions', decidedBy: 'cm', feeling: 'new fleet, good references' });

    // The advance the decision asked for: invoiced at the order, and the goods wait for its payment.
    await eventually(async () => expect((await get('/customers/GREY-1/account')).json().lastDecision).toMatchObject({ opportunityId: 'OPP-GREY' }));
    const signed = await post('/contracts', { id: 'K-GREY', customerId: 'GREY-1', opportunityId: 'OPP-GREY', startsOn: today(), signedBy: 'sam' });
    expect(signed.json()).toMatchObject({ advancePaymentPercent: 50 });
    expect((await post('/orders', { id: 'ORD-GREY', customerId: 'GREY-1', contractId: 'K-GREY', placedBy: 'erp', lines: [line(2)] })).statusCode).toBe(201);
    const advance = await eventually(async () => {
      const view = (await get('/orders/ORD-GREY')).json<{ invoices: Array<{ number: string; purpose: string; totalCents: number }> }>();
      expect(view.invoices).toHaveLength(1);
      return view.invoices[0]!;
    });
    expect(advance).toMatchObject({ purpose: 'advance', totalCents: 121_00 });
    const early = await post('/orders/ORD-GREY/delivery', { performanceDate: today(), actor: 'warehouse' });
    expect(early.statusCode).toBe(422);
    expect(early.json().fields[0]).toMatchObject({ field: 'advanceWaiver', problem: expect.stringContaining(`${advance.number} (advance, EUR 121.00 open)`) });
    const waived = await post('/orders/ORD-GREY/delivery', { performanceDate: today(), actor: 'warehouse', advanceWaiver: { actor: 'cm', reason: 'transfer announced by the customer\'s bank' } });
    expect(waived.statusCode).toBe(200);
    expect(waived.json().journal).toEqual(expect.arrayContaining([expect.objectContaining({ actor: 'cm', action: 'advance-waived' })]));
  });

  const contract = { id: 'K-1', customerId: 'B2B-1', opportunityId: 'OPP-1', signedBy: 'sam' };

  it('refuses a 90-day B2B payment term with the field, the 60-day maximum and the law', async () => {
    const response = await post('/contracts', { ...contract, paymentTermDays: 90, startsOn: today() });
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body.fields[0].field).toBe('paymentTermDays');
    expect(body.message).toContain('60-day maximum');
    expect(body.message).toContain('Law of 2 August 2002');
  });

  it('signs a contract within the law, once', async () => {
    const signed = await post('/contracts', { ...contract, paymentTermDays: 30, startsOn: today(), clauses: ['Retention of title'] });
    expect(signed.statusCode).toBe(201);
    expect(signed.json()).toMatchObject({ id: 'K-1', customerId: 'B2B-1', paymentTermDays: 30, invoicing: 'on-delivery', advancePaymentPercent: 0, endsOn: null });
    expect((await post('/contracts', { ...contract, paymentTermDays: 30, startsOn: today() })).statusCode).toBe(200);
    expect((await get('/contracts/K-1')).json().clauses).toEqual(['Retention of title']);
    expect((await get('/contracts/K-404')).statusCode).toBe(404);
  });

  it('asks a justification for a public buyer\'s term beyond 30 days', async () => {
    expect((await post('/customers', customer('GOV-1', 'B2G', '0812345603'))).statusCode).toBe(201);
    expect((await creditChecked('OPP-G', 'GOV-1')).json().decision.outcome).toBe('accept');
    const response = await post('/contracts', { id: 'K-G', customerId: 'GOV-1', opportunityId: 'OPP-G', paymentTermDays: 45, startsOn: today(), signedBy: 'sam' });
    expect(response.statusCode).toBe(422);
    expect(response.json().fields[0].field).toBe('termJustification');
    expect(response.json().message).toContain('Law of 2 August 2002');
  });

  const order = { id: 'ORD-1', customerId: 'B2B-1', contractId: 'K-1', placedBy: 'sam' };

  it('refuses an order line whose VAT rate is not a Belgian rate in force', async () => {
    const response = await post('/orders', { ...order, lines: [line(10, 2000)] });
    expect(response.statusCode).toBe(422);
    expect(response.json().fields[0].field).toBe('lines[0].vatRateBasisPoints');
    expect(response.json().fields[0].problem).toContain('2100 (21 %)');
  });

  it('names the field of a malformed order: unknown fields and strings for numbers are 400', async () => {
    const response = await post('/orders', { ...order, discount: 5, lines: [{ ...line(10), quantity: '10' }] });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual(
      expect.arrayContaining([
        { field: '(body)', problem: 'unknown field "discount"' },
        { field: 'lines[0].quantity', problem: 'must be number' },
      ]),
    );
  });

  it('clears an order within the credit limit', async () => {
    const response = await post('/orders', { ...order, lines: [line(10)] });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ orderId: 'ORD-1', stage: 'awaiting-delivery', totalCents: 1_210_00, clearance: { cleared: true, reasons: [] } });
    expect((await get('/orders/ORD-1')).json().clearance.cleared).toBe(true);
    expect((await get('/orders/ORD-404')).statusCode).toBe(404);
  });

  it('refuses a delivery dated in the future', async () => {
    const response = await post('/orders/ORD-1/delivery', { performanceDate: addDays(today(), 1), actor: 'warehouse' });
    expect(response.statusCode).toBe(422);
    expect(response.json().fields[0].field).toBe('performanceDate');
  });

  it('invoices a delivered order with its structured reference and EPC payload', async () => {
    const delivered = await post('/orders/ORD-1/delivery', { performanceDate: today(), actor: 'warehouse', reference: 'DN-77' });
    expect(delivered.statusCode).toBe(200);
    expect(delivered.json()).toMatchObject({ stage: 'delivered', performanceDate: today(), deliveryReference: 'DN-77' });
    const view = await eventually(async () => {
      const current = (await get('/orders/ORD-1')).json();
      expect(current.stage).toBe('invoiced');
      return current;
    });
    invoiceNumber = view.invoices[0].number;
    const invoice = (await get(`/invoices/${invoiceNumber}`)).json();
    expect(invoice).toMatchObject({
      kind: 'invoice', purpose: 'standard', orderId: 'ORD-1', customerId: 'B2B-1', issueDate: today(), dueDate: addDays(today(), 30),
      netCents: 1_000_00, vatCents: 210_00, totalCents: 1_210_00, channel: 'peppol', paidOn: null, creditedInvoiceNumber: null,
    });
    expect(invoice.vatBreakdown).toEqual([expect.objectContaining({ category: 'S', rateBasisPoints: 2100, taxableCents: 1_000_00, vatCents: 210_00 })]);
    expect(invoice.structuredReference).toMatch(/^\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+$/);
    expect(invoice.structuredReference).toBe(view.invoices[0].structuredReference);
    expect(invoice.epcPayload.startsWith('BCD\n002\n1\nSCT')).toBe(true);
    // The ERP sends the order again: the same order answers, the account does not count it twice.
    const again = await post('/orders', { ...order, lines: [line(10)] });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ stage: 'invoiced' });
    expect((await get('/customers/B2B-1/account')).json().exposure.orders).toEqual({});
    const late = await post('/orders/ORD-1/cancel', { actor: 'sam', reason: 'customer changed its mind' });
    expect(late.statusCode).toBe(422);
    expect(late.json().fields[0].field).toBe('stage');
  });

  it('credits part of the invoice, and refuses to credit more than is left', async () => {
    const credited = await post(`/invoices/${invoiceNumber}/credit-notes`, { reference: 'RMA-1', reason: 'one panel returned', actor: 'cs', lines: [line(1)] });
    expect(credited.statusCode).toBe(201);
    expect(credited.json()).toMatchObject({
      creditNote: { kind: 'credit-note', creditedInvoiceNumber: invoiceNumber, totalCents: 121_00, epcPayload: null },
      settledCents: 121_00,
    });
    const repeated = await post(`/invoices/${invoiceNumber}/credit-notes`, { reference: 'RMA-1', reason: 'one panel returned', actor: 'cs', lines: [line(1)] });
    expect(repeated.statusCode).toBe(200);
    expect(repeated.json()).toMatchObject({ creditNote: { number: credited.json().creditNote.number }, settledCents: 0 });
    const tooMuch = await post(`/invoices/${invoiceNumber}/credit-notes`, { reference: 'RMA-2', reason: 'all returned', actor: 'cs', lines: [line(10)] });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().fields[0].field).toBe('lines[0]');
    expect(tooMuch.json().fields[0].problem).toContain('still creditable');
  });

  it('lists the portfolio by utilisation of the limit, and who is over it', async () => {
    const row = await eventually(async () => {
      const list = (await get('/accounts')).json<Array<{ customerId: string; exposureCents: number; utilisationPercent: number | null }>>();
      const found = list.find((account) => account.customerId === 'B2B-1');
      expect(found?.exposureCents).toBe(1_089_00);
      return found!;
    });
    expect(row).toMatchObject({ utilisationPercent: 0.2, reviewTaskOpen: false, score: 85 });
    expect((await get('/accounts?overLimit=true')).json().map((account: { customerId: string }) => account.customerId)).not.toContain('B2B-1');
    expect((await get('/accounts?limit=abc')).statusCode).toBe(400);
  });

  it('reports the gap between delivery and invoice for the period, with the VAT deadline', async () => {
    const report = await get(`/reports/invoicing-gap?from=${addDays(today(), -7)}&to=${today()}`);
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({ invoices: 2, averageDays: 0, medianDays: 0, maxDays: 0, afterVatDeadline: 0 });
    expect(report.json().buckets[0]).toEqual({ label: 'same day', invoices: 2 });
    const backwards = await get(`/reports/invoicing-gap?from=${today()}&to=${addDays(today(), -1)}`);
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().fields[0].field).toBe('from');
  });

  it('marks the invoice paid on the day the payment settles it', async () => {
    const paid = await post('/dossiers/B2B-1/payments', { invoiceNumber, amountCents: 1_089_00, actor: 'bank' });
    expect(paid.statusCode).toBe(200);
    expect(paid.json().invoices.find((invoice: { number: string }) => invoice.number === invoiceNumber).status).toBe('paid');
    expect((await get(`/invoices/${invoiceNumber}`)).json().paidOn).toBe(today());
    // The credit note and the payment free the limit at once.
    await eventually(async () => expect((await get('/customers/B2B-1/account')).json().exposure.openInvoicesCents).toBe(0));
    const settled = (await get('/customers/B2B-1/account')).json<{ journal: Array<{ action: string; detail: string }> }>().journal.filter((entry) => entry.action === 'invoice-settled');
    expect(settled.map((entry) => entry.detail)).toEqual([`12100 cents on ${invoiceNumber}`, `108900 cents on ${invoiceNumber}`]);
  });

  it('publishes the new routes with their error responses', async () => {
    const spec = (await get('/docs/json')).json();
    expect(Object.keys(spec.paths['/contracts'].post.responses)).toEqual(expect.arrayContaining(['201', '200', '400', '409', '422']));
    for (const path of ['/customers/{id}/account', '/opportunities/{id}/decision', '/orders/{id}/delivery', '/invoices/{number}/credit-notes']) {
      expect(spec.paths).toHaveProperty([path]);
    }
  });
});
