/**
 * The state of one customer's collection dossier: every invoice with its own level in the
 * pinned procedure, open complaints, a promise to pay, a pause, the open human task, and a
 * short journal of who did what and why. Plain data, so the workflow can carry it across
 * continue-as-new; the transitions are in commands.ts, the schedule in planner.ts.
 */
import type { CalendarDate } from '../calendar';
import type { Cents } from '../money';
import type { CustomerKind, StepCode } from '../procedures/definition';

export type InvoiceStatus = 'open' | 'paid' | 'with-legal';

export interface CollectionInvoice {
  number: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  amountCents: Cents;
  openCents: Cents;
  currency: string;
  status: InvoiceStatus;
  /** Index of the next procedure step for this invoice. */
  nextStep: number;
  /** Code of the last step done for it; '' before the first. */
  level: StepCode | '';
  /** The day its last step was done: later steps keep their distance from it. */
  lastStepDate?: CalendarDate;
  /** Set by an escalation: the next step is due on this day rather than on its own date. */
  escalatedOn?: CalendarDate;
  /** When the first reminder (R1) went out: a consumer's 14-day period runs from it. */
  firstReminderDate?: CalendarDate;
  /** Index of a step a person has approved for this invoice (or ordered, by escalating). */
  approvedStep?: number;
}

export interface Complaint {
  id: string;
  type: string;
  invoiceNumbers: string[];
  openedBy: string;
  reason: string;
  openedOn: CalendarDate;
}

export interface PromiseToPay {
  date: CalendarDate;
  /** Days after the promised date before the promise counts as broken. */
  graceDays: number;
  invoiceNumbers: string[];
  madeBy: string;
}

export type TaskKind = 'phone-call' | 'approval';

export interface HumanTask {
  id: string;
  kind: TaskKind;
  stepCode: StepCode;
  stepIndex: number;
  invoiceNumbers: string[];
  pool: string;
  /** Epoch ms of the deadline. */
  dueAt: number;
  /** Set once the missed deadline has been escalated. */
  escalated?: boolean;
}

export interface JournalEntry {
  on: CalendarDate;
  actor: string;
  action: string;
  detail: string;
}

export interface DossierState {
  customerId: string;
  customerKind: CustomerKind;
  timeZone: string;
  procedure: { id: string; version: number };
  invoices: CollectionInvoice[];
  complaints: Complaint[];
  promise?: PromiseToPay;
  pause?: { until: CalendarDate; by: string; reason: string };
  task?: HumanTask;
  brokenPromises: number;
  /** The newest entries; the full record is the workflow history and the audit projection. */
  journal: JournalEntry[];
  messagesSent: number;
  /** Grows with every change, so a projection never goes back to an older state. */
  revision: number;
  /** Source of task and message ids that stay stable on replay. */
  sequence: number;
}

export const JOURNAL_KEPT = 100;
export const DEFAULT_PROMISE_GRACE_DAYS = 3;

export function newDossierState(input: {
  customerId: string;
  customerKind: CustomerKind;
  timeZone: string;
  procedure: { id: string; version: number };
}): DossierState {
  return { ...input, invoices: [], complaints: [], brokenPromises: 0, journal: [], messagesSent: 0, revision: 0, sequence: 0 };
}

export const openInvoices = (state: DossierState) => state.invoices.filter((invoice) => invoice.status === 'open');

export function blockingComplaints(state: DossierState, invoiceNumber: string): Complaint[] {
  return state.complaints.filter((complaint) => complaint.invoiceNumbers.includes(invoiceNumber));
}

export const isBlocked = (state: DossierState, invoiceNumber: string) => blockingComplaints(state, invoiceNumber).length > 0;

/** Nothing left to chase or to wait for: every invoice is paid or with legal. */
export const isFinished = (state: DossierState) => state.invoices.length > 0 && openInvoices(state).length === 0;

/** A new state with one more revision and, when given, a journal entry. */
export function revise(state: DossierState, changes: Partial<DossierState>, entry?: JournalEntry): DossierState {
  const journal = entry ? [...state.journal, entry].slice(-JOURNAL_KEPT) : state.journal;
  return { ...state, ...changes, journal, revision: state.revision + 1 };
}
