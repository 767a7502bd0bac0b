/**
 * What people and systems can do to a dossier, as pure transitions. Each `check…` throws a
 * CommandRejected ("field: why") without changing anything: the workflow uses it as the
 * update's validator, so an invalid command is answered to its caller and never reaches
 * history. Every accepted command names its actor and reason in the journal.
 */
import { compareDates, type CalendarDate } from '../calendar';
import type { Cents } from '../money';
import type { Procedure } from '../procedures/definition';
import { DEFAULT_PROMISE_GRACE_DAYS, openInvoices, revise, type DossierState, type HumanTask } from './state';

export class CommandRejected extends Error {
  constructor(readonly field: string, readonly reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'CommandRejected';
  }
}

const reject = (field: string, reason: string): never => {
  throw new CommandRejected(field, reason);
};

export interface Actor {
  actor: string;
  reason: string;
}

function checkActor(command: Partial<Actor>, reasonRequired = true): void {
  if (!command.actor?.trim()) reject('actor', 'say who does this');
  if (reasonRequired && !command.reason?.trim()) reject('reason', 'say why: it is kept for the audit');
}

function checkOpenInvoices(state: DossierState, numbers: string[] | undefined, field = 'invoiceNumbers'): string[] {
  const open = openInvoices(state).map((invoice) => invoice.number);
  const chosen = numbers && numbers.length > 0 ? numbers : open;
  if (chosen.length === 0) reject(field, 'the dossier has no open invoice');
  for (const number of chosen) if (!open.includes(number)) reject(field, `${number} is not an open invoice of this dossier`);
  return chosen;
}

// Payments -------------------------------------------------------------------------------

export interface Payment {
  invoiceNumber: string;
  amountCents: Cents;
  actor: string;
  reason?: string;
}

export function checkPayment(state: DossierState, payment: Payment): void {
  checkActor(payment, false);
  const invoice = state.invoices.find((known) => known.number === payment.invoiceNumber);
  if (!invoice) reject('invoiceNumber', `no invoice ${payment.invoiceNumber} in this dossier`);
  if (!Number.isSafeInteger(payment.amountCents) || payment.amountCents <= 0) reject('amountCents', 'must be a positive whole number of cents');
  if (payment.amountCents > invoice!.openCents) {
    reject('amountCents', `${payment.amountCents} is more than the ${invoice!.openCents} still open on ${payment.invoiceNumber}`);
  }
}

export function registerPayment(state: DossierState, payment: Payment, on: CalendarDate): DossierState {
  checkPayment(state, payment);
  const invoices = state.invoices.map((invoice) => {
    if (invoice.number !== payment.invoiceNumber) return invoice;
    const openCents = invoice.openCents - payment.amountCents;
    return { ...invoice, openCents, status: openCents === 0 ? ('paid' as const) : invoice.status };
  });
  const paidOff = invoices.find((i) => i.number === payment.invoiceNumber)!.status === 'paid';
  // A promise is kept once every promised invoice is paid.
  const promiseKept = state.promise?.invoiceNumbers.every((n) => invoices.find((i) => i.number === n)?.status !== 'open');
  return revise(
    state,
    { invoices, promise: promiseKept ? undefined : state.promise },
    { on, actor: payment.actor, action: paidOff ? 'payment (invoice paid)' : 'partial payment', detail: `${payment.amountCents} cents on ${payment.invoiceNumber}` },
  );
}

// Pause and resume -----------------------------------------------------------------------

export interface Pause extends Actor {
  until: CalendarDate;
}

export function checkPause(state: DossierState, pause: Pause, today: CalendarDate): void {
  checkActor(pause);
  if (compareDates(pause.until, today) <= 0) reject('until', `must be after today (${today})`);
  if (state.pause) reject('until', `the dossier is already paused until ${state.pause.until}; resume it first`);
}

export const pauseDossier = (state: DossierState, pause: Pause, today: CalendarDate) => {
  checkPause(state, pause, today);
  return revise(state, { pause: { until: pause.until, by: pause.actor, reason: pause.reason } }, { on: today, actor: pause.actor, action: 'pause', detail: `until ${pause.until}: ${pause.reason}` });
};

export function checkResume(state: DossierState, command: Actor): void {
  checkActor(command);
  if (!state.pause) reject('dossier', 'is not paused');
}

export const resumeDossier = (state: DossierState, command: Actor, today: CalendarDate, actor = command.actor) => {
  if (actor === command.actor) checkResume(state, command);
  return revise(state, { pause: undefined }, { on: today, actor, action: 'resume', detail: command.reason });
};

// Escalation -----------------------------------------------------------------------------

export interface Escalation extends Actor {
  to: 'next-step' | 'legal';
  invoiceNumbers?: string[];
}

export function checkEscalation(state: DossierState, procedure: Procedure, escalation: Escalation): string[] {
  checkActor(escalation);
  if (escalation.to === 'legal' && !procedure.steps.some((s) => s.kind === 'legal-handoff')) {
    reject('to', `procedure ${procedure.id} has no legal handoff`);
  }
  const chosen = checkOpenInvoices(state, escalation.invoiceNumbers);
  if (escalation.to === 'next-step') {
    const left = chosen.filter((n) => state.invoices.find((i) => i.number === n)!.nextStep < procedure.steps.length);
    if (left.length === 0) reject('invoiceNumbers', 'these invoices have no step left to escalate to');
  }
  return chosen;
}

/** Next step: due today. Legal: straight to the handoff, which this decision approves. */
export function escalate(state: DossierState, procedure: Procedure, escalation: Escalation, today: CalendarDate): DossierState {
  const chosen = checkEscalation(state, procedure, escalation);
  const legalIndex = procedure.steps.findIndex((s) => s.kind === 'legal-handoff');
  const invoices = state.invoices.map((invoice) => {
    if (!chosen.includes(invoice.number)) return invoice;
    const nextStep = escalation.to === 'legal' ? Math.max(invoice.nextStep, legalIndex) : invoice.nextStep;
    // Sending a dossier to legal is itself the approval of the handoff.
    return { ...invoice, nextStep, escalatedOn: today, ...(escalation.to === 'legal' ? { approvedStep: nextStep } : {}) };
  });
  return revise(state, { invoices }, { on: today, actor: escalation.actor, action: `escalate to ${escalation.to}`, detail: `${chosen.join(', ')}: ${escalation.reason}` });
}

// Promise to pay -------------------------------------------------------------------------

export interface PromiseCommand extends Actor {
  date: CalendarDate;
  invoiceNumbers?: string[];
  graceDays?: number;
}

export function checkPromise(state: DossierState, promise: PromiseCommand, today: CalendarDate): string[] {
  checkActor(promise);
  if (compareDates(promise.date, today) < 0) reject('date', `is in the past (today is ${today})`);
  if (promise.graceDays !== undefined && (!Number.isInteger(promise.graceDays) || promise.graceDays < 0 || promise.graceDays > 30)) {
    reject('graceDays', 'a whole number of days from 0 to 30');
  }
  return checkOpenInvoices(state, promise.invoiceNumbers);
}

export function promiseToPay(state: DossierState, promise: PromiseCommand, today: CalendarDate): DossierState {
  const invoiceNumbers = checkPromise(state, promise, today);
  const graceDays = promise.graceDays ?? DEFAULT_PROMISE_GRACE_DAYS;
  return revise(
    state,
    { promise: { date: promise.date, graceDays, invoiceNumbers, madeBy: promise.actor } },
    { on: today, actor: promise.actor, action: 'promise to pay', detail: `${invoiceNumbers.join(', ')} by ${promise.date} (+${graceDays} days grace): ${promise.reason}` },
  );
}

/** Called when the grace has run out: a promise with invoices still open is broken. */
export function checkPromiseKept(state: DossierState, today: CalendarDate): DossierState {
  if (!state.promise) return state;
  const unpaid = state.promise.invoiceNumbers.filter((n) => state.invoices.find((i) => i.number === n)?.status === 'open');
  if (unpaid.length === 0) return revise(state, { promise: undefined }, { on: today, actor: 'system', action: 'promise kept', detail: '' });
  return revise(
    state,
    { promise: undefined, brokenPromises: state.brokenPromises + 1 },
    { on: today, actor: 'system', action: 'promise broken', detail: `${unpaid.join(', ')} unpaid after ${state.promise.date}: the chase resumes` },
  );
}

// Complaints -----------------------------------------------------------------------------

/** Codes of the complaint catalogue (DOMAIN.md section 7). */
export const COMPLAINT_TYPES = [
  'AD_01', 'AD_02', 'AD_03', 'AD_04', 'AD_99', 'CS_01', 'CS_99', 'OP_01', 'OP_02', 'OP_03', 'OP_04', 'OP_99', 'TE_01', 'TE_99', 'ZZ_01', 'ZZ_99',
] as const;

export interface ComplaintOpening extends Actor {
  complaintId: string;
  type: string;
  invoiceNumbers: string[];
}

export function checkComplaintOpening(state: DossierState, complaint: ComplaintOpening): void {
  checkActor(complaint);
  if (!complaint.complaintId?.trim()) reject('complaintId', 'give the complaint an id');
  if (state.complaints.some((c) => c.id === complaint.complaintId)) reject('complaintId', `${complaint.complaintId} is already open`);
  if (!(COMPLAINT_TYPES as readonly string[]).includes(complaint.type)) reject('type', `unknown complaint type ${complaint.type} (known: ${COMPLAINT_TYPES.join(', ')})`);
  if (!complaint.invoiceNumbers?.length) reject('invoiceNumbers', 'name the disputed invoice(s)');
  checkOpenInvoices(state, complaint.invoiceNumbers);
}

export function openComplaint(state: DossierState, complaint: ComplaintOpening, today: CalendarDate): DossierState {
  checkComplaintOpening(state, complaint);
  const opened = { id: complaint.complaintId, type: complaint.type, invoiceNumbers: complaint.invoiceNumbers, openedBy: complaint.actor, reason: complaint.reason, openedOn: today };
  return revise(state, { complaints: [...state.complaints, opened] }, { on: today, actor: complaint.actor, action: `complaint ${complaint.type} opened`, detail: `${complaint.complaintId} on ${complaint.invoiceNumbers.join(', ')}: ${complaint.reason}` });
}

export interface ComplaintClosing extends Actor {
  complaintId: string;
  solution: string;
}

export function checkComplaintClosing(state: DossierState, closing: ComplaintClosing): void {
  checkActor(closing);
  if (!state.complaints.some((c) => c.id === closing.complaintId)) reject('complaintId', `no open complaint ${closing.complaintId}`);
  if (!/^SOL_\d{2}$/.test(closing.solution ?? '')) reject('solution', 'a solution code such as SOL_03 (credit note)');
}

export function closeComplaint(state: DossierState, closing: ComplaintClosing, today: CalendarDate): DossierState {
  checkComplaintClosing(state, closing);
  const complaints = state.complaints.filter((c) => c.id !== closing.complaintId);
  return revise(state, { complaints }, { on: today, actor: closing.actor, action: `complaint closed (${closing.solution})`, detail: `${closing.complaintId}: ${closing.reason}` });
}

// Procedure change -----------------------------------------------------------------------

export interface ProcedureChange extends Actor {
  procedureId: string;
  version: number;
}

/**
 * Each invoice continues at the first step of the new procedure that lies beyond the last
 * step it had (an invoice never reminded joins as a new one would). Approvals and
 * escalations given under the old procedure do not carry over: they named its steps.
 */
export function checkProcedureChange(state: DossierState, from: Procedure, to: Procedure, change: ProcedureChange): void {
  checkActor(change);
  if (to.id === from.id && to.version === from.version) reject('procedureId', `the dossier already follows ${to.id}@v${to.version}`);
  if (!to.customerKinds.includes(state.customerKind)) reject('procedureId', `${to.id}@v${to.version} does not serve ${state.customerKind} customers`);
  if (state.task) reject('procedureId', `finish the open task ${state.task.id} first`);
}

export function changeProcedure(
  state: DossierState,
  from: Procedure,
  to: Procedure,
  change: ProcedureChange,
  today: CalendarDate,
  joiningStep: (procedure: Procedure, dueDate: CalendarDate, today: CalendarDate) => number,
): DossierState {
  checkProcedureChange(state, from, to, change);
  const invoices = state.invoices.map((invoice) => {
    const done = invoice.level ? from.steps.find((s) => s.code === invoice.level) : undefined;
    const index = done ? to.steps.findIndex((s) => s.offset.days > done.offset.days) : joiningStep(to, invoice.dueDate, today);
    return { ...invoice, nextStep: index === -1 ? to.steps.length : index, approvedStep: undefined, escalatedOn: undefined };
  });
  return revise(
    state,
    { procedure: { id: to.id, version: to.version }, invoices },
    { on: today, actor: change.actor, action: 'procedure change', detail: `${from.id}@v${from.version} → ${to.id}@v${to.version}: ${change.reason}` },
  );
}

// Human tasks ----------------------------------------------------------------------------

export const PHONE_OUTCOMES = ['reached-promise', 'reached', 'disputed', 'no-answer', 'wrong-number'] as const;
export type PhoneOutcome = (typeof PHONE_OUTCOMES)[number];
export const APPROVAL_OUTCOMES = ['approved', 'rejected'] as const;
export type TaskOutcome = PhoneOutcome | (typeof APPROVAL_OUTCOMES)[number];

export interface TaskCompletion extends Actor {
  taskId: string;
  outcome: TaskOutcome;
  /** With reached-promise: the promised payment date. */
  promiseDate?: CalendarDate;
}

export function checkTaskCompletion(state: DossierState, completion: TaskCompletion, today: CalendarDate): HumanTask {
  checkActor(completion, false);
  const task = state.task;
  if (!task || task.id !== completion.taskId) reject('taskId', `${completion.taskId} is not the open task of this dossier${task ? ` (that is ${task.id})` : ''}`);
  const allowed: readonly string[] = task!.kind === 'approval' ? APPROVAL_OUTCOMES : PHONE_OUTCOMES;
  if (!allowed.includes(completion.outcome)) reject('outcome', `one of ${allowed.join(', ')} for ${task!.kind === 'approval' ? 'an approval' : 'a phone-call'} task`);
  if (completion.outcome === 'reached-promise') {
    if (!completion.promiseDate) reject('promiseDate', 'the date the customer promised to pay');
    if (compareDates(completion.promiseDate!, today) < 0) reject('promiseDate', `is in the past (today is ${today})`);
  }
  return task!;
}

// Invoices -------------------------------------------------------------------------------

export interface InvoiceJoining {
  number: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  amountCents: Cents;
  currency: string;
}

/**
 * A new invoice joins the dossier at the first step of the procedure whose day has not
 * passed yet (a backlog invoice does not get the courtesy reminder of its due date).
 * Registering the same number twice changes nothing: API retries are safe.
 */
export function registerInvoice(state: DossierState, procedure: Procedure, invoice: InvoiceJoining, today: CalendarDate, firstStep: number): DossierState {
  if (state.invoices.some((known) => known.number === invoice.number)) return state;
  const joined = { ...invoice, openCents: invoice.amountCents, status: 'open' as const, nextStep: Math.min(firstStep, procedure.steps.length), level: '' as const };
  return revise(state, { invoices: [...state.invoices, joined] }, { on: today, actor: 'system', action: 'invoice joined', detail: `${invoice.number}, due ${invoice.dueDate}` });
}
