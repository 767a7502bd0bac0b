/**
 * What the API and the worker share about the collection dossier workflow: its id,
 * its messages and the shapes they carry. Imported by both sides; no I/O here.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CalendarDate } from '../../domain/calendar';
import type { DossierInvoice, DossierStatus } from '../../domain/dossier';

export const DOSSIER_WORKFLOW_TYPE = 'collectionDossierWorkflow';

export function dossierWorkflowId(customerId: string): string {
  return `dossier:${customerId}`;
}

export interface DossierInput {
  customerId: string;
  timeZone: string;
}

export interface InvoiceRegistration {
  number: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  amountCents: number;
  currency: string;
}

export interface PaymentRegistration {
  invoiceNumber: string;
  amountCents: number;
  actor: string;
}

export interface DossierView {
  customerId: string;
  status: DossierStatus;
  invoices: DossierInvoice[];
  remindersSent: number;
  nextReminder?: { code: string; date: CalendarDate; invoiceNumbers: string[] };
  revision: number;
}

export const invoiceRegisteredSignal = defineSignal<[InvoiceRegistration]>('invoiceRegistered');
export const registerPaymentUpdate = defineUpdate<DossierView, [PaymentRegistration]>('registerPayment');
export const dossierStatusQuery = defineQuery<DossierView>('dossierStatus');
