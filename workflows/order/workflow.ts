/**
 * An order from placement to invoice. A blocked delivery (credit limit, insured limit,
 * withdrawn cover) is a task for credit staff, never a silent stop; operations confirm
 * the delivery with its performance date; the invoice is numbered, carries its OGM and
 * EPC payload, and joins the customer's collection dossier. Advance payment and
 * invoicing upfront, carried from the credit decision through the contract, invoice
 * before delivery.
 */
import { ActivityFailure, allHandlersFinished, condition, getExternalWorkflowHandle, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { InvoicingActivities } from '../../activities/invoicing';
import type { CreditActivities } from '../../activities/credit';
import { compareDates, dateInZone } from '../../domain/calendar';
import { accountWorkflowId, CREDIT_POOL, orderCancelledSignal, orderInvoicedSignal } from '../account/contract';
import * as contract from './contract';

const activities = proxyActivities<InvoicingActivities & CreditActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: ['InvoiceRejected', 'CustomerNotFound'] },
});

/** Credit staff answer a blocked delivery within two days, or their manager is told. */
const BLOCK_DECISION_MS = 2 * 86_400_000;

export async function orderWorkflow(input: contract.OrderInput): Promise<contract.OrderView> {
  const { workflowId } = workflowInfo();
  const today = () => dateInZone(Date.now(), input.timeZone);
  const view: contract.OrderView = {
    orderId: input.orderId,
    customerId: input.customerId,
    contractId: input.contractId,
    stage: input.clearance.cleared ? 'awaiting-delivery' : 'blocked',
    totalCents: input.totalCents,
    orderedOn: input.orderedOn,
    clearance: input.clearance,
    blockTask: null,
    release: null,
    performanceDate: null,
    deliveryReference: null,
    invoices: [],
    invoicingProblem: null,
    journal: [],
  };
  const note = (actor: string, action: string, detail: string) => view.journal.push({ on: today(), actor, action, detail });
  const account = getExternalWorkflowHandle(accountWorkflowId(input.customerId));
  /** Set while an invoice is being issued, so a cancellation cannot slip in between. */
  let invoicing = false;

  setHandler(contract.orderStatusQuery, () => view);
  setHandler(
    contract.releaseDeliveryUpdate,
    (release) => {
      view.release = { ...release, on: today() };
      view.stage = 'awaiting-delivery';
      note(release.actor, 'delivery-released', release.reason);
      return view;
    },
    {
      validator: (release: contract.OrderActor) => {
        if (view.stage !== 'blocked') throw new Error(`stage: the order is ${view.stage}, not blocked`);
        if (!release.actor?.trim()) throw new Error('actor: say who releases the delivery');
        if (!release.reason?.trim()) throw new Error('reason: say why the delivery may go ahead despite the block; it is kept for the audit');
      },
    },
  );
  setHandler(
    contract.retryInvoicingUpdate,
    (retry) => {
      view.invoicingProblem = null;
      note(retry.actor, 'invoicing-retried', retry.reason);
      return view;
    },
    {
      validator: (retry: contract.OrderActor) => {
        if (!view.invoicingProblem) throw new Error('stage: no invoice of this order is waiting for a correction');
        if (!retry.actor?.trim()) throw new Error('actor: say who corrected the cause');
        if (!retry.reason?.trim()) throw new Error('reason: say what was corrected');
      },
    },
  );
  setHandler(
    contract.cancelOrderUpdate,
    (cancel) => {
      view.stage = 'cancelled';
      note(cancel.actor, 'order-cancelled', cancel.reason);
      return view;
    },
    {
      validator: (cancel: contract.OrderActor) => {
        if (view.stage !== 'blocked' && view.stage !== 'awaiting-delivery') throw new Error(`stage: the order is ${view.stage}; only an order not yet delivered can be cancelled`);
        if (invoicing || view.invoices.length > 0) throw new Error('stage: an invoice for this order is issued; credit it with a credit note instead of cancelling the order');
        if (!cancel.actor?.trim()) throw new Error('actor: say who cancels');
        if (!cancel.reason?.trim()) throw new Error('reason: say why the order is cancelled');
      },
    },
  );
  setHandler(
    contract.confirmDeliveryUpdate,
    (delivery) => {
      view.performanceDate = delivery.performanceDate;
      view.deliveryReference = delivery.reference ?? null;
      view.stage = 'delivered';
      note(delivery.actor, 'delivered', `performed on ${delivery.performanceDate}${delivery.reference ? ` (${delivery.reference})` : ''}`);
      if (delivery.advanceWaiver) note(delivery.advanceWaiver.actor, 'advance-waived', delivery.advanceWaiver.reason);
      return view;
    },
    {
      validator: (delivery: contract.DeliveryConfirmation) => {
        if (view.stage === 'blocked') throw new Error('stage: delivery is blocked by credit management; it must be released first');
        if (view.stage !== 'awaiting-delivery') throw new Error(`stage: the order is ${view.stage}`);
        if (!delivery.actor?.trim()) throw new Error('actor: say who confirms the delivery');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(delivery.performanceDate ?? '')) throw new Error('performanceDate: a calendar date YYYY-MM-DD');
        if (compareDates(delivery.performanceDate, input.orderedOn) < 0) throw new Error(`performanceDate: ${delivery.performanceDate} is before the order date ${input.orderedOn}`);
        if (compareDates(delivery.performanceDate, today()) > 0) throw new Error(`performanceDate: ${delivery.performanceDate} is in the future; confirm a delivery once it happened`);
      },
    },
  );

  const issue = async (purpose: contract.IssuedInvoice['purpose']) => {
    invoicing = true;
    let invoice: contract.IssuedInvoice | undefined;
    for (let attempt = 1; !invoice; attempt += 1) {
      try {
        invoice = await activities.issueOrderInvoice({
          idempotencyKey: `${workflowId}/${purpose}`,
          orderId: input.orderId,
          customerId: input.customerId,
          purpose,
          issueDate: today(),
          performanceDate: view.performanceDate,
          paymentTermDays: purpose === 'advance' ? 0 : input.terms.paymentTermDays,
          lines: input.lines,
          advancePercent: input.terms.advancePaymentPercent,
          advanceInvoiceNumber: view.invoices.find((known) => known.purpose === 'advance')?.number ?? null,
        });
      } catch (error) {
        // The rules refused the invoice (a VAT rate no longer in force, master data missing): a
        // person fixes the cause and asks for another attempt; the order never fails silently.
        if (!(error instanceof ActivityFailure)) throw error;
        const problem = error.cause?.message ?? error.message;
        const taskId = `${workflowId}/invoicing-${purpose}-${attempt}`;
        view.invoicingProblem = { taskId, problem };
        note('system', 'invoicing-failed', problem);
        await activities.openCreditTask({
          taskId, workflowId, customerId: input.customerId, kind: 'invoicing', pool: contract.BILLING_POOL, dueAt: Date.now() + BLOCK_DECISION_MS,
          summary: `Invoice for order ${input.orderId} refused: ${problem}`,
        });
        await condition(() => view.invoicingProblem === null);
        await activities.closeHumanTask({ taskId, outcome: 'retried', actor: view.journal.at(-1)?.actor ?? 'system' });
      }
    }
    view.invoices.push(invoice);
    note('system', 'invoiced', `${invoice.number} (${purpose}), due ${invoice.dueDate}, by ${invoice.channel}`);
    await activities.handInvoiceToDossier({ customerId: input.customerId, invoiceNumber: invoice.number });
    await account.signal(orderInvoicedSignal, {
      orderId: input.orderId,
      invoiceNumber: invoice.number,
      invoicedCents: invoice.totalCents,
      orderFullyInvoiced: purpose !== 'advance',
    });
    invoicing = false;
  };

  await activities.recordOrderStage({ orderId: input.orderId, stage: view.stage, performanceDate: null, blockReasons: input.clearance.reasons });
  if (view.stage === 'blocked') {
    const taskId = `${workflowId}/delivery-block`;
    view.blockTask = { taskId, dueAt: Date.now() + BLOCK_DECISION_MS, escalated: false };
    await activities.openCreditTask({
      taskId, workflowId, customerId: input.customerId, kind: 'delivery-block', pool: CREDIT_POOL, dueAt: view.blockTask.dueAt,
      summary: `Delivery of order ${input.orderId} blocked: ${input.clearance.reasons.join('; ')}`,
    });
    if (!(await condition(() => view.stage !== 'blocked', BLOCK_DECISION_MS))) {
      await activities.escalateHumanTask({ taskId });
      view.blockTask = { ...view.blockTask, escalated: true };
      await condition(() => view.stage !== 'blocked');
    }
    await activities.closeHumanTask({ taskId, outcome: (view.stage as contract.OrderStage) === 'cancelled' ? 'cancelled' : 'released', actor: view.journal.at(-1)?.actor ?? 'system' });
  }
  // The credit decision's conditions, carried by the contract: invoice before delivery.
  // A 100 % advance is the whole invoice upfront.
  const upfront = input.terms.invoicing === 'upfront' || input.terms.advancePaymentPercent >= 100;
  if (view.stage === 'awaiting-delivery') {
    if (upfront) await issue('standard');
    else if (input.terms.advancePaymentPercent > 0) await issue('advance');
    await activities.recordOrderStage({ orderId: input.orderId, stage: view.stage, performanceDate: null, blockReasons: input.clearance.reasons });
  }
  await condition(() => view.stage === 'delivered' || view.stage === 'cancelled');
  if (view.stage === 'cancelled') {
    await account.signal(orderCancelledSignal, { orderId: input.orderId });
  } else {
    if (!upfront) await issue(input.terms.advancePaymentPercent > 0 ? 'final' : 'standard');
    view.stage = 'invoiced';
  }
  await activities.recordOrderStage({ orderId: input.orderId, stage: view.stage, performanceDate: view.performanceDate, blockReasons: input.clearance.reasons });
  await condition(allHandlersFinished);
  return view;
}
