/**
 * From opportunity to collection dossier on the time-skipping server: credit check,
 * contract, order, delivery blocks (credit limit, insurer), delivery, the invoice with its
 * number, OGM and EPC payload in the dossier, and the account's periodic review.
 */
import { ApplicationFailure } from '@temporalio/common';
import { accountHandle, accountView, openOpportunity, orderHandle, placeOrder, signContract } from '../../api/sales-gateway';
import { updateWorkflow } from '../../api/workflow-gateway';
import { HumanTaskRecord, Invoice, OutboxMessage, SalesOrder } from '../../db/entities';
import { addDays, daysBetween } from '../../domain/calendar';
import type { InvoiceLineInput } from '../../domain/invoicing/invoice';
import { parseOgm } from '../../domain/payment-reference';
import * as account from '../../workflows/account/contract';
import { dossierStatusQuery, dossierWorkflowId } from '../../workflows/dossier/contract';
import * as order from '../../workflows/order/contract';
import { eventually, recordHistory } from '../support/temporal';
import { companyProfile, enterpriseNumber, startSalesHarness, type SalesHarness } from '../support/sales-harness';

const DAY = 86_400_000;
let h: SalesHarness;

/** Orders whose next invoice the rules refuse once (as a VAT rate gone out of force would). */
const refuseNextInvoiceOf = new Set<string>();

beforeAll(async () => {
  h = await startSalesHarness('order-to-cash-test', (activities) => ({
    ...activities,
    async issueOrderInvoice(request) {
      if (refuseNextInvoiceOf.delete(request.orderId)) {
        throw ApplicationFailure.nonRetryable('lines[0].vatRateBasisPoints: S 6 % is not in force on the issue date', 'InvoiceRejected');
      }
      return activities.issueOrderInvoice(request);
    },
  }));
}, 120_000);
afterAll(() => h?.close());

const line = (description: string, quantity: number, unitPriceCents: number, vatRateBasisPoints = 2100): InvoiceLineInput =>
  ({ description, quantity, unitPriceCents, vatCategory: 'S', vatRateBasisPoints });

/** Customer, accepted opportunity and a signed contract: where every order test starts. */
async function contracted(id: string, number: string, exposureCents: number, terms: { paymentTermDays?: number } = {}) {
  await h.customer(id, 'B2B', number);
  const { view } = await openOpportunity(h.deps, { id: `OPP-${id}`, customerId: id, description: 'framework agreement', requestedExposureCents: exposureCents, requestedBy: 'sales:an' });
  await eventually(async () => expect((await accountView(h.deps, id)).lastDecision?.opportunityId).toBe(`OPP-${id}`));
  await signContract(h.deps, { id: `K-${id}`, customerId: id, opportunityId: `OPP-${id}`, startsOn: await h.today(), signedBy: 'sales:an', ...terms });
  return view;
}

const orderView = (id: string) => orderHandle(h.deps, id).query(order.orderStatusQuery);
const task = (id: string) => h.db.orm.em.fork().findOneOrFail(HumanTaskRecord, { id });

describe('order to cash, front half', () => {
  it('carries a customer from opportunity to an invoice in its collection dossier', async () => {
    await contracted('PATH', '0456789133', 50_000_00, { paymentTermDays: 30 });
    const orderedOn = await h.today();
    const placed = await placeOrder(h.deps, {
      id: 'ORD-PATH', customerId: 'PATH', contractId: 'K-PATH', orderedOn, placedBy: 'erp',
      lines: [line('Steel beams HEB 200', 12, 18_450), line('Technical manual', 2, 2_500, 600)],
    });
    expect(placed.view).toMatchObject({ stage: 'awaiting-delivery', clearance: { cleared: true } });
    expect((await accountView(h.deps, 'PATH')).exposure.orders['ORD-PATH']).toBe(273_194);

    await h.env.sleep(3 * DAY);
    const performanceDate = addDays(await h.today(), -1);
    await updateWorkflow(orderHandle(h.deps, 'ORD-PATH'), 'order', order.confirmDeliveryUpdate, { performanceDate, actor: 'warehouse:jo', reference: 'DN-7781' });
    const done = await orderHandle(h.deps, 'ORD-PATH').result();
    expect(done.stage).toBe('invoiced');
    const [issued] = done.invoices;
    expect(issued).toMatchObject({ purpose: 'standard', totalCents: 273_194, channel: 'peppol', performanceGapDays: 1 });
    expect(daysBetween(issued!.issueDate, issued!.dueDate)).toBe(30);
    expect(issued!.number).toMatch(/^\d{4}-000001$/);

    const stored = await h.db.orm.em.fork().findOneOrFail(Invoice, { number: issued!.number });
    expect(stored).toMatchObject({ netCents: 226_400, vatCents: 46_794, handedToDossier: true, orderId: 'ORD-PATH', performanceDate });
    expect(stored.vatBreakdown!.map((group) => [group.rateBasisPoints, group.taxableCents, group.vatCents])).toEqual([[2100, 221_400, 46_494], [600, 5_000, 300]]);
    expect(parseOgm(issued!.structuredReference)).toBe(stored.structuredReference);
    expect(stored.epcPayload!.split('\n').slice(0, 4)).toEqual(['BCD', '002', '1', 'SCT']);
    expect(stored.epcPayload).toContain('EUR2731.94');

    const dossier = await h.env.client.workflow.getHandle(dossierWorkflowId('PATH')).query(dossierStatusQuery);
    expect(dossier.invoices).toEqual([expect.objectContaining({ number: issued!.number, amountCents: 273_194, dueDate: issued!.dueDate })]);
    const position = await eventually(async () => {
      const live = await accountView(h.deps, 'PATH');
      expect(live.exposure.orders).toEqual({});
      return live;
    });
    expect(position.exposure.openInvoicesCents).toBe(273_194);
    expect((await h.db.orm.em.fork().findOneOrFail(SalesOrder, { id: 'ORD-PATH' })).status).toBe('invoiced');
    await recordHistory('order-delivered-and-invoiced', orderHandle(h.deps, 'ORD-PATH'));

    // Unpaid: the first reminder quotes the structured reference to pay with.
    await h.env.sleep(38 * DAY);
    const reminder = await eventually(() => h.db.orm.em.fork().findOneOrFail(OutboxMessage, { customerId: 'PATH', stepCode: 'R1' }));
    expect(reminder.body).toContain(`factuur ${issued!.number}`);
    expect(reminder.body).toContain(`gestructureerde mededeling ${issued!.structuredReference}`);
  });

  it('blocks delivery above the credit limit with a task for credit staff, who release it with a reason', async () => {
    const number = enterpriseNumber(72_000_001);
    h.bureau.setCompany(number, companyProfile(await h.today(), { creditLimit: '20000.00' }));
    await contracted('LIM', number, 15_000_00);
    const { view } = await placeOrder(h.deps, { id: 'ORD-LIM', customerId: 'LIM', contractId: 'K-LIM', orderedOn: await h.today(), placedBy: 'erp', lines: [line('Pallet racking', 1, 25_000_00)] });
    expect(view.stage).toBe('blocked');
    expect(view.clearance.reasons[0]).toMatch(/exceeds the credit limit EUR 20000\.00 by EUR 10250\.00/);
    const blockTask = await eventually(() => task('order:ORD-LIM/delivery-block'));
    expect(blockTask).toMatchObject({ kind: 'delivery-block', pool: 'credit', status: 'open' });
    await expect(updateWorkflow(orderHandle(h.deps, 'ORD-LIM'), 'order', order.confirmDeliveryUpdate, { performanceDate: await h.today(), actor: 'warehouse:jo' }))
      .rejects.toMatchObject({ statusCode: 422, fields: [{ field: 'stage' }] });

    await h.env.sleep(2 * DAY + 60_000);
    await eventually(async () => expect((await task(blockTask.id)).status).toBe('escalated'));
    await updateWorkflow(orderHandle(h.deps, 'ORD-LIM'), 'order', order.releaseDeliveryUpdate, { actor: 'credit:els', reason: 'bank guarantee received for the excess' });
    await eventually(async () => expect((await task(blockTask.id)).status).toBe('done'));
    expect((await orderView('ORD-LIM')).stage).toBe('awaiting-delivery');
    await recordHistory('order-blocked-escalated-released', orderHandle(h.deps, 'ORD-LIM'));
  });

  it('blocks delivery when the credit insurer withdrew cover, and asks credit staff to review the account', async () => {
    const number = enterpriseNumber(72_000_002);
    h.bureau.setCompany(number, companyProfile(await h.today()));
    await contracted('INS', number, 10_000_00);
    await updateWorkflow(accountHandle(h.deps, 'INS'), 'account', account.recordInsurerLimitUpdate, { limitCents: 30_000_00, withdrawn: false, actor: 'credit:els', reason: 'insurer limit notice 2026-117' });
    const withdrawn = await updateWorkflow(accountHandle(h.deps, 'INS'), 'account', account.recordInsurerLimitUpdate, { limitCents: null, withdrawn: true, actor: 'credit:els', reason: 'insurer notice 2026-204: cover withdrawn' });
    expect(withdrawn.insurance).toMatchObject({ withdrawn: true, limitCents: null });
    await eventually(async () => {
      expect((await accountView(h.deps, 'INS')).reviewTask?.reasons).toEqual(['insured limit changed from none to EUR 30000.00', 'the credit insurer withdrew cover']);
    });

    const { view } = await placeOrder(h.deps, { id: 'ORD-INS', customerId: 'INS', contractId: 'K-INS', orderedOn: await h.today(), placedBy: 'erp', lines: [line('Service visit', 1, 500_00)] });
    expect(view.stage).toBe('blocked');
    expect(view.clearance.reasons).toEqual([expect.stringMatching(/credit insurer withdrew cover/)]);
    await updateWorkflow(orderHandle(h.deps, 'ORD-INS'), 'order', order.cancelOrderUpdate, { actor: 'sales:an', reason: 'customer will pay cash on collection' });
    await orderHandle(h.deps, 'ORD-INS').result();
    await eventually(async () => expect((await accountView(h.deps, 'INS')).exposure.orders).toEqual({}));
  });

  it('invoices a full advance before delivery when the credit decision asked for it', async () => {
    const number = enterpriseNumber(72_000_003);
    h.bureau.setCompany(number, companyProfile(await h.today(), { score: 20, creditLimit: '2000.00' }));
    await contracted('UPF', number, 1_000_00);
    const { view } = await placeOrder(h.deps, { id: 'ORD-UPF', customerId: 'UPF', contractId: 'K-UPF', orderedOn: await h.today(), placedBy: 'erp', lines: [line('Workshop', 1, 800_00)] });
    expect(view.clearance.cleared).toBe(true);
    const before = await eventually(async () => {
      const live = await orderView('ORD-UPF');
      expect(live.invoices).toHaveLength(1);
      return live;
    });
    expect(before).toMatchObject({ stage: 'awaiting-delivery', invoices: [{ purpose: 'standard', totalCents: 968_00, performanceGapDays: null }] });
  });

  it('reviews the account after a year, and asks credit staff to look when the score has dropped', async () => {
    const number = enterpriseNumber(72_000_004);
    h.bureau.setCompany(number, companyProfile(await h.today(), { score: 82 }));
    await contracted('REV', number, 5_000_00);
    const first = await accountView(h.deps, 'REV');
    expect(first.review.intervalMonths).toBe(12);
    h.bureau.setCompany(number, companyProfile(await h.today(), { score: 48 }));
    await h.env.sleep(first.review.nextOn > (await h.today()) ? daysBetween(await h.today(), first.review.nextOn) * DAY + DAY : DAY);
    const reviewed = await eventually(async () => {
      const live = await accountView(h.deps, 'REV');
      expect(live.review.lastOn).toBe(first.review.nextOn);
      return live;
    });
    expect(reviewed.scores.map((point) => point.score)).toEqual([82, 48]);
    expect(reviewed.reviewTask?.reasons).toEqual(['risk score moved from 82 to 48']);
    expect(reviewed.review).toMatchObject({ intervalMonths: 6 });
    const done = await updateWorkflow(accountHandle(h.deps, 'REV'), 'account', account.completeReviewUpdate, { actor: 'credit:els', reason: 'limit halved until next accounts', creditLimitCents: 2_500_00 });
    expect(done).toMatchObject({ reviewTask: null, creditLimitCents: 2_500_00 });
    await eventually(async () => expect((await task(`account:REV/${reviewed.reviewTask!.id}`)).status).toBe('done'));
    await recordHistory('account-yearly-review', accountHandle(h.deps, 'REV'));
  });

  it('continues the account as new when its history grows, keeping limit, exposure, scores and the clearances of open orders', async () => {
    const number = enterpriseNumber(72_000_005);
    h.bureau.setCompany(number, companyProfile(await h.today(), { creditLimit: '50000.00' }));
    const first = await h.env.client.workflow.start(account.ACCOUNT_WORKFLOW_TYPE, {
      workflowId: account.accountWorkflowId('CAN'),
      taskQueue: h.deps.taskQueue,
      args: [{ customerId: 'CAN', customerKind: 'B2B', timeZone: 'Europe/Brussels', enterpriseNumber: number, continueAsNewAfterEvents: 40 } satisfies account.AccountInput],
    });
    await contracted('CAN', number, 10_000_00);
    for (let n = 1; n <= 6; n += 1) {
      await placeOrder(h.deps, { id: `ORD-CAN-${n}`, customerId: 'CAN', contractId: 'K-CAN', orderedOn: await h.today(), placedBy: 'erp', lines: [line(`Batch ${n}`, 1, 1_000_00)] });
    }
    const live = await eventually(async () => {
      const description = await accountHandle(h.deps, 'CAN').describe();
      expect(description.runId).not.toBe(first.firstExecutionRunId);
      return accountView(h.deps, 'CAN');
    });
    expect(live.creditLimitCents).toBe(50_000_00);
    expect(Object.keys(live.exposure.orders)).toHaveLength(6);
    expect(live.scores.length).toBeGreaterThanOrEqual(1);
    const again = await updateWorkflow(accountHandle(h.deps, 'CAN'), 'account', account.placeOrderUpdate, { orderId: 'ORD-CAN-1', totalCents: 1_210_00, insuranceRequired: false, actor: 'erp' });
    expect(again).toMatchObject({ orderId: 'ORD-CAN-1', cleared: true });
    expect(Object.keys((await accountView(h.deps, 'CAN')).exposure.orders)).toHaveLength(6);
  });

  it('reviews the account with a fresh report when a contract is renewed', async () => {
    const number = enterpriseNumber(72_000_006);
    h.bureau.setCompany(number, companyProfile(await h.today(), { score: 75 }));
    await contracted('RNW', number, 5_000_00);
    h.bureau.setCompany(number, companyProfile(await h.today(), { score: 61 }));
    await signContract(h.deps, { id: 'K-RNW-2', customerId: 'RNW', opportunityId: 'OPP-RNW', renewsContractId: 'K-RNW', startsOn: await h.today(), signedBy: 'sales:an' });
    const reviewed = await eventually(async () => {
      const live = await accountView(h.deps, 'RNW');
      expect(live.journal.some((entry) => entry.action === 'review' && entry.detail.startsWith('contract renewal K-RNW-2'))).toBe(true);
      return live;
    });
    expect(reviewed.scores.map((point) => point.score)).toEqual([75, 61]);
    expect(reviewed.reviewTask?.reasons).toEqual(['risk score moved from 75 to 61']);
  });

  it('puts an invoice the rules refuse on the billing list, and issues it when billing has corrected the cause', async () => {
    const number = enterpriseNumber(72_000_007);
    h.bureau.setCompany(number, companyProfile(await h.today()));
    await contracted('BIL', number, 5_000_00);
    await placeOrder(h.deps, { id: 'ORD-BIL', customerId: 'BIL', contractId: 'K-BIL', orderedOn: await h.today(), placedBy: 'erp', lines: [line('Brochures', 100, 1_50, 600)] });
    refuseNextInvoiceOf.add('ORD-BIL');
    await updateWorkflow(orderHandle(h.deps, 'ORD-BIL'), 'order', order.confirmDeliveryUpdate, { performanceDate: await h.today(), actor: 'warehouse:jo' });
    const stuck = await eventually(async () => {
      const live = await orderView('ORD-BIL');
      expect(live.invoicingProblem).not.toBeNull();
      return live;
    });
    expect(stuck.invoicingProblem!.problem).toMatch(/^lines\[0\]\.vatRateBasisPoints: /);
    expect(await eventually(() => task(stuck.invoicingProblem!.taskId))).toMatchObject({ kind: 'invoicing', pool: 'billing', status: 'open' });
    await updateWorkflow(orderHandle(h.deps, 'ORD-BIL'), 'order', order.retryInvoicingUpdate, { actor: 'billing:mo', reason: 'rate table updated' });
    const done = await orderHandle(h.deps, 'ORD-BIL').result();
    expect(done).toMatchObject({ stage: 'invoiced', invoicingProblem: null, invoices: [{ totalCents: 159_00 }] });
    expect((await task(stuck.invoicingProblem!.taskId)).status).toBe('done');
  });
});
