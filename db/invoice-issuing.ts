/**
 * Issuing invoices and credit notes: the invoicing rules (domain/invoicing) computed
 * inside the numbering transaction (invoice-numbering.ts), so a document that the rules
 * refuse never takes a number, and one that is stored always has its lines, VAT, OGM and
 * EPC payload. Used by the order workflow's activity and by the API's credit notes.
 */
import type { MikroORM } from '@mikro-orm/core';
import { daysBetween, type CalendarDate } from '../domain/calendar';
import { deliveryChannel } from '../domain/invoicing/channel';
import { computeInvoice, type InvoiceDocument, type InvoiceLineInput } from '../domain/invoicing/invoice';
import { invoiceNumber, structuredReferenceBase, type InvoiceSeries } from '../domain/invoicing/numbering';
import { Customer, Invoice, type InvoicePurpose } from './entities';
import { issueNumberedInvoice } from './invoice-numbering';

export interface Creditor {
  name: string;
  iban: string;
  bic?: string;
}

export interface InvoiceIssue {
  idempotencyKey: string;
  series: InvoiceSeries;
  purpose: InvoicePurpose;
  customerId: string;
  orderId: string | null;
  issueDate: CalendarDate;
  performanceDate: CalendarDate | null;
  paymentTermDays: number;
  lines: InvoiceLineInput[];
  creditedInvoiceNumber?: string;
}

/** The document as the rules compute it from what is stored (lines, dates, number). */
export function storedDocument(invoice: Invoice, creditor: Creditor): InvoiceDocument {
  if (!invoice.lines || !invoice.series || !invoice.year || !invoice.sequence) {
    throw new Error(`Invoice ${invoice.number} was registered from outside: it has no lines here`);
  }
  return computeInvoice({
    kind: invoice.kind,
    number: invoice.number,
    issueDate: invoice.issueDate,
    paymentTermDays: daysBetween(invoice.issueDate, invoice.dueDate),
    performanceDate: invoice.performanceDate ?? null,
    lines: invoice.lines,
    structuredReferenceBase: structuredReferenceBase(invoice.series as InvoiceSeries, invoice.year, invoice.sequence),
    creditor,
    currency: 'EUR',
    advance: invoice.purpose === 'advance',
    ...(invoice.creditedInvoiceNumber ? { creditedInvoiceNumber: invoice.creditedInvoiceNumber } : {}),
  });
}

/** Issues once per idempotency key; returns the stored invoice and its computed document. */
export async function issueInvoice(orm: MikroORM, creditor: Creditor, request: InvoiceIssue): Promise<{ invoice: Invoice; document: InvoiceDocument; created: boolean }> {
  const customer = await orm.em.fork().findOneOrFail(Customer, { id: request.customerId });
  const year = Number(request.issueDate.slice(0, 4));
  let document: InvoiceDocument | undefined;
  const { invoice, created } = await issueNumberedInvoice(orm, {
    series: request.series,
    year,
    idempotencyKey: request.idempotencyKey,
    build: (sequence) => {
      document = computeInvoice({
        kind: request.series,
        number: invoiceNumber(request.series, year, sequence),
        issueDate: request.issueDate,
        paymentTermDays: request.paymentTermDays,
        performanceDate: request.performanceDate,
        lines: request.lines,
        structuredReferenceBase: structuredReferenceBase(request.series, year, sequence),
        creditor,
        currency: 'EUR',
        advance: request.purpose === 'advance',
        ...(request.creditedInvoiceNumber ? { creditedInvoiceNumber: request.creditedInvoiceNumber } : {}),
      });
      return {
        number: document.number,
        customer: customer.id,
        issueDate: document.issueDate,
        dueDate: document.dueDate,
        amountCents: document.totalCents,
        currency: document.currency,
        handedToDossier: false,
        createdAt: new Date(),
        purpose: request.purpose,
        orderId: request.orderId,
        creditedInvoiceNumber: document.creditedInvoiceNumber,
        performanceDate: document.performanceDate,
        lines: document.lines,
        vatBreakdown: document.vatBreakdown,
        netCents: document.netCents,
        vatCents: document.vatCents,
        structuredReference: document.structuredReference,
        epcPayload: document.epcQrPayload,
        channel: deliveryChannel(customer, document.issueDate),
      };
    },
  });
  return { invoice, document: document ?? storedDocument(invoice, creditor), created };
}
