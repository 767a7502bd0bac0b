/**
 * What the API and the worker share about an order's path from placement to invoice:
 * its id, its messages and its view. No I/O here.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CalendarDate } from '../../domain/calendar';
import type { InvoiceLineInput } from '../../domain/invoicing/invoice';
import type { Cents } from '../../domain/money';
import type { CustomerKind } from '../../domain/procedures/definition';
import type { ContractTerms } from '../../domain/sales/contract-terms';
import type { OrderClearance } from '../account/contract';

export const ORDER_WORKFLOW_TYPE = 'orderWorkflow';
/** Who corrects an invoice the rules refused. */
export const BILLING_POOL = 'billing';

export function orderWorkflowId(orderId: string): string {
  return `order:${orderId}`;
}

export interface OrderInput {
  orderId: string;
  customerId: string;
  customerKind: CustomerKind;
  timeZone: string;
  contractId: string;
  terms: Pick<ContractTerms, 'paymentTermDays' | 'invoicing' | 'advancePaymentPercent' | 'creditInsuranceRequired'>;
  lines: InvoiceLineInput[];
  totalCents: Cents;
  orderedOn: CalendarDate;
  /** The account's answer when the order was placed. */
  clearance: OrderClearance;
}

export type OrderStage = 'blocked' | 'awaiting-delivery' | 'delivered' | 'invoiced' | 'cancelled';

export interface IssuedInvoice {
  number: string;
  purpose: 'standard' | 'advance' | 'final';
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  totalCents: Cents;
  structuredReference: string;
  channel: string;
  /** Days from performance to invoice; null for an invoice issued before delivery. */
  performanceGapDays: number | null;
}

export interface OrderActor {
  actor: string;
  reason: string;
}

export interface DeliveryConfirmation {
  performanceDate: CalendarDate;
  actor: string;
  /** Delivery note or timesheet reference. */
  reference?: string;
  /** Credit staff let the goods go before the advance or upfront invoice is paid. */
  advanceWaiver?: OrderActor;
}

export interface OrderView {
  orderId: string;
  customerId: string;
  contractId: string;
  stage: OrderStage;
  totalCents: Cents;
  orderedOn: CalendarDate;
  clearance: OrderClearance;
  blockTask: { taskId: string; dueAt: number; escalated: boolean } | null;
  release: (OrderActor & { on: CalendarDate }) | null;
  performanceDate: CalendarDate | null;
  deliveryReference: string | null;
  invoices: IssuedInvoice[];
  /** An invoice the rules refused, waiting for a person to correct the cause and retry. */
  invoicingProblem: { taskId: string; problem: string } | null;
  journal: Array<{ on: CalendarDate; actor: string; action: string; detail: string }>;
}

export const releaseDeliveryUpdate = defineUpdate<OrderView, [OrderActor]>('releaseDelivery');
export const cancelOrderUpdate = defineUpdate<OrderView, [OrderActor]>('cancelOrder');
export const retryInvoicingUpdate = defineUpdate<OrderView, [OrderActor]>('retryInvoicing');
export const confirmDeliveryUpdate = defineUpdate<OrderView, [DeliveryConfirmation]>('confirmDelivery');
export const orderStatusQuery = defineQuery<OrderView>('orderStatus');
