/**
 * What the API and the worker share about the collection dossier workflow: its id, its
 * messages and the shapes they carry. Imported by both sides; no I/O here.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CalendarDate } from '../../domain/calendar';
import type {
  ComplaintClosing,
  ComplaintOpening,
  Escalation,
  Pause,
  Payment,
  ProcedureChange,
  PromiseCommand,
  TaskCompletion,
  Actor,
} from '../../domain/collection/commands';
import type { CollectionInvoice, Complaint, DossierState, HumanTask, JournalEntry, PromiseToPay } from '../../domain/collection/state';
import type { CustomerKind, StepCode } from '../../domain/procedures/definition';

export const DOSSIER_WORKFLOW_TYPE = 'collectionDossierWorkflow';

export function dossierWorkflowId(customerId: string): string {
  return `dossier:${customerId}`;
}

export interface DossierInput {
  customerId: string;
  customerKind: CustomerKind;
  timeZone: string;
  /** The procedure the dossier pins when it starts. */
  procedure: { id: string; version: number };
  /** Carried over by continue-as-new. */
  state?: DossierState;
  /** History length at which the dossier continues as new; default 2,000 (tests lower it). */
  continueAsNewAfterEvents?: number;
}

export interface InvoiceRegistration {
  number: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  amountCents: number;
  currency: string;
}

export type DossierStatus = 'active' | 'paused' | 'finished';

export interface DossierInvoiceView extends CollectionInvoice {
  blockedByComplaint: boolean;
  underPromise: boolean;
  nextStepCode: StepCode | null;
  nextStepDate: CalendarDate | null;
}

export interface DossierView {
  customerId: string;
  customerKind: CustomerKind;
  procedure: { id: string; version: number };
  status: DossierStatus;
  invoices: DossierInvoiceView[];
  complaints: Complaint[];
  promise: PromiseToPay | null;
  pause: DossierState['pause'] | null;
  task: HumanTask | null;
  brokenPromises: number;
  messagesSent: number;
  nextAction: { kind: string; at: string; stepCode?: StepCode } | null;
  journal: JournalEntry[];
  revision: number;
}

export const invoiceRegisteredSignal = defineSignal<[InvoiceRegistration]>('invoiceRegistered');
export const registerPaymentUpdate = defineUpdate<DossierView, [Payment]>('registerPayment');
export const pauseUpdate = defineUpdate<DossierView, [Pause]>('pause');
export const resumeUpdate = defineUpdate<DossierView, [Actor]>('resume');
export const escalateUpdate = defineUpdate<DossierView, [Escalation]>('escalate');
export const promiseToPayUpdate = defineUpdate<DossierView, [PromiseCommand]>('promiseToPay');
export const openComplaintUpdate = defineUpdate<DossierView, [ComplaintOpening]>('openComplaint');
export const closeComplaintUpdate = defineUpdate<DossierView, [ComplaintClosing]>('closeComplaint');
export const changeProcedureUpdate = defineUpdate<DossierView, [ProcedureChange]>('changeProcedure');
export const completeTaskUpdate = defineUpdate<DossierView, [TaskCompletion]>('completeTask');
export const dossierStatusQuery = defineQuery<DossierView>('dossierStatus');
