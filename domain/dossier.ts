/**
 * The collection dossier of one customer, as pure state transitions: invoices join it,
 * payments close them, and the policy says when the next reminder is due and for which
 * invoices. The dossier workflow holds this state; nothing here does I/O.
 */
import { addDays, compareDates, instantAt, type CalendarDate } from './calendar';
import type { Cents } from './money';

export interface DossierInvoice {
  number: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  amountCents: Cents;
  openCents: Cents;
  currency: string;
  /** Highest reminder level sent for this invoice: 0 = none yet. */
  level: number;
}

export type DossierStatus = 'waiting' | 'closed';

export interface DossierState {
  customerId: string;
  timeZone: string;
  invoices: DossierInvoice[];
  remindersSent: number;
  /** Grows with every change, so a projection never goes back to an older state. */
  revision: number;
}

/** When the first written reminder goes out: a policy as data. */
export interface ReminderPolicy {
  code: string;
  template: string;
  daysAfterDueDate: number;
  /** Local hour at which the reminder is sent on its day. */
  sendHour: number;
}

export const FIRST_REMINDER: ReminderPolicy = { code: 'R1', template: 'first-reminder', daysAfterDueDate: 1, sendHour: 9 };

export function newDossier(customerId: string, timeZone: string): DossierState {
  return { customerId, timeZone, invoices: [], remindersSent: 0, revision: 0 };
}

export function openInvoices(state: DossierState): DossierInvoice[] {
  return state.invoices.filter((invoice) => invoice.openCents > 0);
}

export function dossierStatus(state: DossierState): DossierStatus {
  return openInvoices(state).length > 0 ? 'waiting' : 'closed';
}

/** Adds an invoice; registering the same number twice changes nothing (API retries are safe). */
export function registerInvoice(state: DossierState, invoice: Omit<DossierInvoice, 'level' | 'openCents'>): DossierState {
  if (state.invoices.some((known) => known.number === invoice.number)) return state;
  const added: DossierInvoice = { ...invoice, openCents: invoice.amountCents, level: 0 };
  return { ...state, invoices: [...state.invoices, added], revision: state.revision + 1 };
}

export class PaymentRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentRejected';
  }
}

/** Checks a payment without changing anything: the workflow's update validator calls this. */
export function checkPayment(state: DossierState, invoiceNumber: string, amountCents: Cents): void {
  const invoice = state.invoices.find((known) => known.number === invoiceNumber);
  if (!invoice) throw new PaymentRejected(`invoiceNumber: no invoice ${invoiceNumber} in this dossier`);
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) {
    throw new PaymentRejected('amountCents: must be a positive whole number of cents');
  }
  if (amountCents > invoice.openCents) {
    throw new PaymentRejected(`amountCents: ${amountCents} is more than the ${invoice.openCents} still open on ${invoiceNumber}`);
  }
}

export function applyPayment(state: DossierState, invoiceNumber: string, amountCents: Cents): DossierState {
  checkPayment(state, invoiceNumber, amountCents);
  const invoices = state.invoices.map((invoice) =>
    invoice.number === invoiceNumber ? { ...invoice, openCents: invoice.openCents - amountCents } : invoice,
  );
  return { ...state, invoices, revision: state.revision + 1 };
}

export interface DueReminder {
  code: string;
  template: string;
  /** The day it is due, in the customer's time zone. */
  date: CalendarDate;
  /** The instant it is due (epoch ms). */
  at: number;
  /** Invoices it lists: every open invoice overdue on that day that has not had it yet. */
  invoiceNumbers: string[];
}

function reminderDate(invoice: DossierInvoice, policy: ReminderPolicy): CalendarDate {
  return addDays(invoice.dueDate, policy.daysAfterDueDate);
}

/** The next reminder the policy asks for, or undefined when nothing is left to remind. */
export function nextReminder(state: DossierState, policy: ReminderPolicy = FIRST_REMINDER): DueReminder | undefined {
  const pending = openInvoices(state).filter((invoice) => invoice.level === 0);
  if (pending.length === 0) return undefined;
  const date = pending.map((invoice) => reminderDate(invoice, policy)).sort(compareDates)[0]!;
  const invoiceNumbers = pending
    .filter((invoice) => compareDates(reminderDate(invoice, policy), date) <= 0)
    .map((invoice) => invoice.number);
  return { code: policy.code, template: policy.template, date, at: instantAt(date, policy.sendHour, state.timeZone), invoiceNumbers };
}

export function markReminded(state: DossierState, reminder: DueReminder, level = 1): DossierState {
  const invoices = state.invoices.map((invoice) =>
    reminder.invoiceNumbers.includes(invoice.number) ? { ...invoice, level: Math.max(invoice.level, level) } : invoice,
  );
  return { ...state, invoices, remindersSent: state.remindersSent + 1, revision: state.revision + 1 };
}

