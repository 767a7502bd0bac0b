/**
 * The front half of order to cash as the API drives it: the customer's account, the
 * credit check at the opportunity, the contract, the order and its delivery, credit
 * notes. Stored rows first, then the workflows (started idempotently, so a retried
 * request finds what the first attempt made). Rules refuse with "field: why" → 422.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { Contract, CreditDecisionRecord, Customer, Invoice, Opportunity, SalesOrder } from '../db/entities';
import { issueInvoice, storedDocument } from '../db/invoice-issuing';
import { type CalendarDate, dateInZone } from '../domain/calendar';
import { euroText } from '../domain/money';
import { acceptancePolicyOn } from '../domain/credit/policies';
import { checkCreditNote, fullCreditLines } from '../domain/invoicing/credit-note';
import { computeInvoice, InvoiceRejected, type InvoiceLineInput } from '../domain/invoicing/invoice';
import { ContractRejected, contractTerms, type ContractRequest } from '../domain/sales/contract-terms';
import * as account from '../workflows/account/contract';
import { registerPaymentUpdate } from '../workflows/dossier/contract';
import { liveDossier, updateDossier } from './dossier-gateway';
import * as opportunity from '../workflows/opportunity/contract';
import * as order from '../workflows/order/contract';
import { customerIdAttribute } from '../workflows/search-attributes';
import type { ApiDependencies } from './dependencies';
import { ApiError, invalidField, notFound } from './errors';
import { queryWorkflow, rejection, updateWorkflow } from './workflow-gateway';

const today = (customer: Customer) => dateInZone(Date.now(), customer.timeZone);

/** Rules of the domain refuse with a field and a reason: the caller's input, a 422. */
async function asRejection<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ContractRejected || error instanceof InvoiceRejected) throw rejection(error.message);
    throw error;
  }
}

/**
 * Starts a workflow unless it runs or ran: a running one is joined (conflict policy), a
 * closed one is not started again (reuse policy), so a retried request never repeats a
 * credit check or an order. The account may start again only after a failure.
 */
async function startOnce(deps: ApiDependencies, type: string, workflowId: string, args: unknown[], customerId: string, restartAfterFailure = false): Promise<void> {
  try {
    await deps.temporal.workflow.start(type, {
      workflowId,
      taskQueue: deps.taskQueue,
      args,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: restartAfterFailure ? WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY : WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [{ key: customerIdAttribute, value: customerId }],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

export async function customerOrFail(deps: ApiDependencies, customerId: string, field = 'customerId'): Promise<Customer> {
  const customer = await deps.orm.em.fork().findOne(Customer, { id: customerId });
  if (!customer) throw invalidField(field, `no customer ${customerId}; register it first with POST /customers`);
  return customer;
}

/** Starts the customer's account workflow unless it runs already. */
export async function ensureAccount(deps: ApiDependencies, customer: Customer): Promise<void> {
  const input: account.AccountInput = {
    customerId: customer.id,
    customerKind: customer.kind,
    timeZone: customer.timeZone,
    enterpriseNumber: customer.enterpriseNumber ?? null,
  };
  await startOnce(deps, account.ACCOUNT_WORKFLOW_TYPE, account.accountWorkflowId(customer.id), [input], customer.id, true);
}

/** Tells the account that part of an open invoice is settled; a customer without an account has nothing to tell. */
export async function tellAccountSettled(deps: ApiDependencies, customerId: string, invoiceNumber: string, amountCents: number, by: string): Promise<void> {
  try {
    await accountHandle(deps, customerId).signal(account.invoiceSettledSignal, { invoiceNumber, amountCents, by });
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
}

export const accountHandle = (deps: ApiDependencies, customerId: string) => deps.temporal.workflow.getHandle(account.accountWorkflowId(customerId));
export const opportunityHandle = (deps: ApiDependencies, id: string) => deps.temporal.workflow.getHandle(opportunity.opportunityWorkflowId(id));
export const orderHandle = (deps: ApiDependencies, id: string) => deps.temporal.workflow.getHandle(order.orderWorkflowId(id));

export async function accountView(deps: ApiDependencies, customerId: string): Promise<account.AccountView> {
  const view = await queryWorkflow(accountHandle(deps, customerId), account.accountStatusQuery);
  if (!view) throw notFound(`An account for customer ${customerId}`);
  return view;
}

export interface OpportunityRequest {
  id: string;
  customerId: string;
  description: string;
  requestedExposureCents: number;
  requestedPaymentTermDays?: number;
  requestedBy: string;
}

/** Opens the opportunity and answers once the automatic check has decided or referred. */
export async function openOpportunity(deps: ApiDependencies, request: OpportunityRequest): Promise<{ created: boolean; view: opportunity.OpportunityView }> {
  const customer = await customerOrFail(deps, request.customerId);
  const em = deps.orm.em.fork();
  const known = await em.findOne(Opportunity, { id: request.id });
  if (known && (known.customer.id !== request.customerId || known.requestedExposureCents !== request.requestedExposureCents)) {
    throw new ApiError(409, 'Conflict', `Opportunity ${request.id} exists with another customer or amount; open a new opportunity to check a different exposure`);
  }
  if (!known) {
    em.create(Opportunity, {
      id: request.id, customer, description: request.description, requestedExposureCents: request.requestedExposureCents,
      requestedPaymentTermDays: request.requestedPaymentTermDays ?? null, status: 'checking', createdBy: request.requestedBy, createdAt: new Date(),
    });
    await em.flush();
  }
  await ensureAccount(deps, customer);
  const policy = acceptancePolicyOn(today(customer), deps.acceptancePolicies);
  const input: opportunity.OpportunityInput = {
    opportunityId: request.id,
    customerId: customer.id,
    customerKind: customer.kind,
    timeZone: customer.timeZone,
    enterpriseNumber: customer.enterpriseNumber ?? null,
    description: request.description,
    requestedExposureCents: request.requestedExposureCents,
    ...(request.requestedPaymentTermDays === undefined ? {} : { requestedPaymentTermDays: request.requestedPaymentTermDays }),
    requestedBy: request.requestedBy,
    policyVersion: policy.version,
    policy,
  };
  const handle = opportunityHandle(deps, request.id);
  const existing = await queryWorkflow(handle, opportunity.opportunityStatusQuery);
  if (existing?.stage === 'decided') return { created: !known, view: existing };
  if (!existing) await startOnce(deps, opportunity.CREDIT_CHECK_WORKFLOW_TYPE, opportunity.opportunityWorkflowId(request.id), [input], customer.id);
  let view: opportunity.OpportunityView;
  try {
    // Answers once the check has decided or referred.
    view = await updateWorkflow(handle, `The credit check of opportunity ${request.id}`, opportunity.checkOutcomeUpdate);
  } catch (error) {
    // It finished between our query and our update: its final state is the answer.
    const finished = await queryWorkflow(handle, opportunity.opportunityStatusQuery);
    if (!finished) throw error;
    view = finished;
  }
  return { created: !known, view };
}

export interface ContractBody extends Omit<ContractRequest, 'startsOn' | 'endsOn'> {
  id: string;
  customerId: string;
  opportunityId: string;
  renewsContractId?: string;
  startsOn: string;
  endsOn?: string;
  signedBy: string;
}

export async function signContract(deps: ApiDependencies, body: ContractBody): Promise<{ created: boolean; contract: Contract }> {
  const customer = await customerOrFail(deps, body.customerId);
  const em = deps.orm.em.fork();
  const known = await em.findOne(Contract, { id: body.id });
  if (known) {
    if (known.customer.id !== body.customerId || known.opportunityId !== body.opportunityId) {
      throw new ApiError(409, 'Conflict', `Contract ${body.id} exists for another customer or opportunity`);
    }
    return { created: false, contract: known };
  }
  const opportunityRow = await em.findOne(Opportunity, { id: body.opportunityId });
  if (!opportunityRow || opportunityRow.customer.id !== customer.id) throw invalidField('opportunityId', `no opportunity ${body.opportunityId} for customer ${customer.id}; open one with POST /opportunities`);
  const decision = await em.findOne(CreditDecisionRecord, { opportunityId: body.opportunityId });
  if (body.renewsContractId && !(await em.findOne(Contract, { id: body.renewsContractId, customer: customer.id }))) {
    throw invalidField('renewsContractId', `no contract ${body.renewsContractId} of customer ${customer.id} to renew`);
  }
  const { renewsContractId, signedBy } = body;
  const clauses: Omit<ContractRequest, 'startsOn'> = {
    paymentTermDays: body.paymentTermDays, termJustification: body.termJustification, invoicing: body.invoicing, advancePaymentPercent: body.advancePaymentPercent,
    guarantee: body.guarantee, cashDiscount: body.cashDiscount, creditInsuranceRequired: body.creditInsuranceRequired, clauses: body.clauses,
  };
  const terms = await asRejection(() =>
    contractTerms(
      customer.kind,
      { ...clauses, startsOn: body.startsOn as CalendarDate, endsOn: (body.endsOn ?? null) as CalendarDate | null },
      decision
        ? { outcome: decision.outcome, conditions: decision.conditions, reasons: decision.reasons }
        : { outcome: 'refer', conditions: [], reasons: [] },
    ),
  );
  const contract = em.create(Contract, {
    id: body.id, customer, opportunityId: body.opportunityId, renewsContractId: renewsContractId ?? null,
    paymentTermDays: terms.paymentTermDays, invoicing: terms.invoicing, advancePaymentPercent: terms.advancePaymentPercent,
    guarantee: terms.guarantee, cashDiscount: terms.cashDiscount, creditInsuranceRequired: terms.creditInsuranceRequired,
    clauses: terms.clauses, startsOn: terms.startsOn, endsOn: terms.endsOn, signedBy, createdAt: new Date(),
  });
  await em.flush();
  await ensureAccount(deps, customer);
  await accountHandle(deps, customer.id).signal(account.contractSignedSignal, { contractId: contract.id, renewsContractId: renewsContractId ?? null });
  return { created: true, contract };
}

export interface OrderBody {
  id: string;
  customerId: string;
  contractId: string;
  orderedOn?: string;
  lines: InvoiceLineInput[];
  placedBy: string;
}

/** Registers the order, asks the account whether it may be delivered, and starts its workflow. */
export async function placeOrder(deps: ApiDependencies, body: OrderBody): Promise<{ created: boolean; view: order.OrderView }> {
  const customer = await customerOrFail(deps, body.customerId);
  const em = deps.orm.em.fork();
  const contract = await em.findOne(Contract, { id: body.contractId });
  if (!contract || contract.customer.id !== customer.id) throw invalidField('contractId', `no contract ${body.contractId} for customer ${customer.id}; sign one with POST /contracts`);
  const orderedOn = (body.orderedOn ?? today(customer)) as CalendarDate;
  if (orderedOn < contract.startsOn || (contract.endsOn && orderedOn > contract.endsOn)) {
    throw invalidField('orderedOn', `${orderedOn} is outside contract ${contract.id} (${contract.startsOn} – ${contract.endsOn ?? 'open-ended'})`);
  }
  // The rules that will make the invoice check the lines now: a wrong VAT rate is refused at the order, not at delivery.
  const priced = await asRejection(() => computeInvoice({
    kind: 'invoice', number: body.id, issueDate: orderedOn, paymentTermDays: contract.paymentTermDays, performanceDate: null,
    lines: body.lines, structuredReferenceBase: '0000000000', creditor: { name: deps.creditor.name, iban: deps.creditor.iban }, currency: 'EUR',
  }));
  const known = await em.findOne(SalesOrder, { id: body.id });
  if (known && (known.customer.id !== customer.id || known.totalCents !== priced.totalCents)) {
    throw new ApiError(409, 'Conflict', `Order ${body.id} exists with another customer or total; correct an order with a new one or a credit note`);
  }
  // Placed before: its workflow is the answer. Asking the account again would count it twice.
  const running = known && (await queryWorkflow(orderHandle(deps, body.id), order.orderStatusQuery));
  if (running) return { created: false, view: running };
  if (!known) {
    em.create(SalesOrder, {
      id: body.id, customer, contract, lines: priced.lines, netCents: priced.netCents, vatCents: priced.vatCents, totalCents: priced.totalCents,
      orderedOn, status: 'blocked', blockReasons: ['waiting for the credit check of the order'], createdAt: new Date(), updatedAt: new Date(),
    });
    await em.flush();
  }
  await ensureAccount(deps, customer);
  const clearance = await updateWorkflow(accountHandle(deps, customer.id), `The account of customer ${customer.id}`, account.placeOrderUpdate, {
    orderId: body.id, totalCents: priced.totalCents, insuranceRequired: contract.creditInsuranceRequired, actor: body.placedBy,
  });
  const input: order.OrderInput = {
    orderId: body.id, customerId: customer.id, customerKind: customer.kind, timeZone: customer.timeZone, contractId: contract.id,
    terms: { paymentTermDays: contract.paymentTermDays, invoicing: contract.invoicing, advancePaymentPercent: contract.advancePaymentPercent, creditInsuranceRequired: contract.creditInsuranceRequired },
    lines: body.lines, totalCents: priced.totalCents, orderedOn, clearance,
  };
  await startOnce(deps, order.ORDER_WORKFLOW_TYPE, order.orderWorkflowId(body.id), [input], customer.id);
  const view = await queryWorkflow(orderHandle(deps, body.id), order.orderStatusQuery);
  return { created: !known, view: view! };
}

export interface CreditNoteBody {
  /** The caller's reference for this correction (complaint id, return note): a retry with it issues nothing new. */
  reference: string;
  reason: string;
  actor: string;
  /** Lines to credit; the whole invoice when absent. */
  lines?: InvoiceLineInput[];
}

/**
 * Issues a credit note on one of our invoices and settles it in the collection dossier.
 * Idempotent on the caller's reference: a retry finds the credit note, and settles it only
 * if the first attempt did not get that far (the note's `handedToDossier`).
 */
export async function creditInvoice(deps: ApiDependencies, invoiceNumber: string, body: CreditNoteBody): Promise<{ creditNote: Invoice; settledCents: number; created: boolean }> {
  const em = deps.orm.em.fork();
  const original = await em.findOne(Invoice, { number: invoiceNumber }, { populate: ['customer'] });
  if (!original) throw notFound(`Invoice ${invoiceNumber}`);
  if (original.kind !== 'invoice' || !original.lines) throw invalidField('invoiceNumber', `${invoiceNumber} was not issued by this engine (or is a credit note); credit it where it was issued`);
  const idempotencyKey = `credit-note:${invoiceNumber}:${body.reference}`;
  let creditNote = await em.findOne(Invoice, { idempotencyKey });
  const created = !creditNote;
  if (!creditNote) {
    const document = storedDocument(original, deps.creditor);
    const earlier = await em.find(Invoice, { creditedInvoiceNumber: invoiceNumber, kind: 'credit-note' });
    const lines = body.lines ?? fullCreditLines(document);
    await asRejection(() => checkCreditNote(document, earlier.map((note) => storedDocument(note, deps.creditor)), lines));
    creditNote = (await asRejection(() => issueInvoice(deps.orm, deps.creditor, {
      idempotencyKey, series: 'credit-note', purpose: 'standard', customerId: original.customer.id, orderId: original.orderId ?? null,
      issueDate: today(original.customer), performanceDate: null, paymentTermDays: 0, lines, creditedInvoiceNumber: invoiceNumber,
    }))).invoice;
  }
  if (creditNote.handedToDossier) return { creditNote, settledCents: 0, created };
  // The credit note lowers what the customer owes on the invoice: the dossier stops chasing that part.
  const dossier = await liveDossier(deps, original.customer.id);
  const open = dossier?.invoices.find((invoice) => invoice.number === invoiceNumber && invoice.status === 'open');
  const settledCents = open ? Math.min(open.openCents, creditNote.amountCents) : 0;
  if (open && settledCents > 0) {
    await updateDossier(deps, original.customer.id, registerPaymentUpdate, {
      invoiceNumber, amountCents: settledCents, actor: body.actor, reason: `credit note ${creditNote.number}: ${body.reason}`,
    });
    await tellAccountSettled(deps, original.customer.id, invoiceNumber, settledCents, body.actor);
  }
  await em.nativeUpdate(Invoice, { number: creditNote.number }, { handedToDossier: true });
  return { creditNote, settledCents, created };
}

/**
 * An advance or upfront invoice is there to be paid before the goods go: delivery waits
 * for it, unless credit staff waive it with a reason (kept in the order's journal).
 */
export async function checkAdvancePaid(deps: ApiDependencies, view: order.OrderView, delivery: Pick<order.DeliveryConfirmation, 'advanceWaiver'>): Promise<void> {
  if (view.invoices.length === 0 || delivery.advanceWaiver) return;
  const dossier = await liveDossier(deps, view.customerId);
  const unpaid = view.invoices
    .map((issued) => ({ issued, open: dossier?.invoices.find((invoice) => invoice.number === issued.number)?.openCents ?? issued.totalCents }))
    .filter(({ open }) => open > 0);
  if (unpaid.length === 0) return;
  const list = unpaid.map(({ issued, open }) => `${issued.number} (${issued.purpose === 'advance' ? 'advance' : 'invoiced upfront'}, ${euroText(open)} open)`).join(', ');
  throw rejection(`advanceWaiver: ${list} is not paid yet and the goods wait for it; register the payment on the dossier, or have credit staff confirm the delivery with advanceWaiver {actor, reason}`);
}

/**
 * An order that can still take an update, or null when there is no such order. A finished
 * order's workflow has closed and takes no updates: say why rather than "not running".
 */
export async function orderOpenForUpdate(deps: ApiDependencies, orderId: string): Promise<order.OrderView | null> {
  const view = await queryWorkflow(orderHandle(deps, orderId), order.orderStatusQuery);
  if (view?.stage === 'invoiced') throw rejection(`stage: order ${orderId} is delivered and invoiced (${view.invoices.map((invoice) => invoice.number).join(', ')}); correct it with a credit note`);
  if (view?.stage === 'cancelled') throw rejection(`stage: order ${orderId} is cancelled; place a new order`);
  return view;
}
