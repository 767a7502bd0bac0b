/**
 * Activities of an order: issue its invoices (numbered once per idempotency key made in
 * the workflow), hand them to the customer's collection dossier, and keep the order's row
 * current for lists. Sending invoices over Peppol, e-mail or post is the channels' own
 * work: the channel chosen here is recorded with the invoice.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/core';
import { issueInvoice, storedDocument, type Creditor } from '../db/invoice-issuing';
import { Customer, Invoice, SalesOrder } from '../db/entities';
import type { CalendarDate } from '../domain/calendar';
import { advanceLines, finalDeductionLines } from '../domain/invoicing/advance';
import { InvoiceRejected, type InvoiceLineInput } from '../domain/invoicing/invoice';
import { handInvoiceToDossier } from '../platform/dossier-handoff';
import type { IssuedInvoice, OrderStage } from '../workflows/order/contract';

export interface InvoicingActivityDependencies {
  orm: MikroORM;
  temporal: Client;
  taskQueue: string;
  creditor: Creditor;
}

export interface OrderInvoiceRequest {
  idempotencyKey: string;
  orderId: string;
  customerId: string;
  purpose: IssuedInvoice['purpose'];
  issueDate: CalendarDate;
  performanceDate: CalendarDate | null;
  paymentTermDays: number;
  lines: InvoiceLineInput[];
  advancePercent: number;
  /** For the final invoice: the advance it deducts. */
  advanceInvoiceNumber: string | null;
}

const STATUS_OF_STAGE: Record<OrderStage, SalesOrder['status']> = {
  blocked: 'blocked',
  'awaiting-delivery': 'cleared',
  delivered: 'delivered',
  invoiced: 'invoiced',
  cancelled: 'cancelled',
};

export function createInvoicingActivities(deps: InvoicingActivityDependencies) {
  const { orm } = deps;

  async function linesFor(request: OrderInvoiceRequest): Promise<InvoiceLineInput[]> {
    if (request.purpose === 'advance') return advanceLines(request.lines, request.advancePercent, request.orderId);
    if (request.purpose === 'standard') return request.lines;
    const advance = await orm.em.fork().findOneOrFail(Invoice, { number: request.advanceInvoiceNumber! });
    return [...request.lines, ...finalDeductionLines(storedDocument(advance, deps.creditor), advance.number)];
  }

  return {
    async issueOrderInvoice(request: OrderInvoiceRequest): Promise<IssuedInvoice> {
      try {
        const { invoice, document } = await issueInvoice(orm, deps.creditor, {
          idempotencyKey: request.idempotencyKey,
          series: 'invoice',
          purpose: request.purpose,
          customerId: request.customerId,
          orderId: request.orderId,
          issueDate: request.issueDate,
          performanceDate: request.performanceDate,
          paymentTermDays: request.paymentTermDays,
          lines: await linesFor(request),
        });
        return {
          number: invoice.number,
          purpose: request.purpose,
          issueDate: invoice.issueDate,
          dueDate: invoice.dueDate,
          totalCents: invoice.amountCents,
          structuredReference: document.structuredReferenceText,
          channel: invoice.channel ?? 'email',
          performanceGapDays: document.performanceGapDays,
        };
      } catch (error) {
        // The rules refused the document: retrying will not change that; a person must correct the order.
        if (error instanceof InvoiceRejected) throw ApplicationFailure.nonRetryable(error.message, 'InvoiceRejected');
        throw error;
      }
    },

    async handInvoiceToDossier(request: { customerId: string; invoiceNumber: string }): Promise<string> {
      const em = orm.em.fork();
      const invoice = await em.findOneOrFail(Invoice, { number: request.invoiceNumber });
      const customer = await em.findOneOrFail(Customer, { id: request.customerId });
      const dossierId = await handInvoiceToDossier(deps.temporal, deps.taskQueue, customer, invoice);
      if (!invoice.handedToDossier) {
        invoice.handedToDossier = true;
        await em.flush();
      }
      return dossierId;
    },

    async recordOrderStage(request: { orderId: string; stage: OrderStage; performanceDate: CalendarDate | null; blockReasons: string[] }): Promise<void> {
      await orm.em.fork().nativeUpdate(
        SalesOrder,
        { id: request.orderId },
        {
          status: STATUS_OF_STAGE[request.stage],
          blockReasons: request.blockReasons,
          ...(request.performanceDate ? { performanceDate: request.performanceDate } : {}),
          updatedAt: new Date(),
        },
      );
    },
  };
}

export type InvoicingActivities = ReturnType<typeof createInvoicingActivities>;
