import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Customer, Invoice } from '../../db/entities';
import { calendarDate, compareDates } from '../../domain/calendar';
import { formatOgm } from '../../domain/payment-reference';
import { handInvoiceToDossier } from '../../platform/dossier-handoff';
import type { RouteOptions } from '../dependencies';
import { ApiError, invalidField, notFound } from '../errors';
import { creditInvoice } from '../sales-gateway';
import { CreditNoteBody, CreditNoteResponse, InvoiceDocumentResponse, NumberParams } from '../sales-schemas';
import { ErrorResponse, InvoiceBody, InvoiceResponse } from '../schemas';

function sameInvoice(known: Invoice, body: Required<InvoiceBody>): boolean {
  return (
    known.customer.id === body.customerId &&
    known.issueDate === body.issueDate &&
    known.dueDate === body.dueDate &&
    known.amountCents === body.amountCents &&
    known.currency === body.currency
  );
}

/** The stored document as the customer sees it; the structured reference as printed. */
const invoiceDocument = (invoice: Invoice) => ({
  number: invoice.number,
  kind: invoice.kind,
  purpose: invoice.purpose,
  customerId: invoice.customer.id,
  orderId: invoice.orderId ?? null,
  creditedInvoiceNumber: invoice.creditedInvoiceNumber ?? null,
  issueDate: invoice.issueDate,
  dueDate: invoice.dueDate,
  performanceDate: invoice.performanceDate ?? null,
  currency: invoice.currency,
  lines: invoice.lines ?? null,
  vatBreakdown: invoice.vatBreakdown ?? null,
  netCents: invoice.netCents ?? null,
  vatCents: invoice.vatCents ?? null,
  totalCents: invoice.amountCents,
  structuredReference: invoice.structuredReference ? formatOgm(invoice.structuredReference) : null,
  epcPayload: invoice.epcPayload ?? null,
  channel: invoice.channel ?? null,
  paidOn: invoice.paidOn ?? null,
});

export const invoiceRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  app.post(
    '/invoices',
    {
      schema: {
        summary: 'Register an issued invoice; it joins the customer\'s collection dossier',
        description:
          'Idempotent on the invoice number: the same body again answers 200 and hands the invoice to the dossier again if an earlier attempt did not get that far.',
        tags: ['invoices'],
        body: InvoiceBody,
        response: { 200: InvoiceResponse, 201: InvoiceResponse, 400: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const body = { ...request.body, currency: request.body.currency ?? 'EUR' };
      const issueDate = calendarDate(body.issueDate);
      const dueDate = calendarDate(body.dueDate);
      if (compareDates(dueDate, issueDate) < 0) throw invalidField('dueDate', `${dueDate} is before the issue date ${issueDate}`);
      const em = deps.orm.em.fork();
      const customer = await em.findOne(Customer, { id: body.customerId });
      if (!customer) throw invalidField('customerId', `no customer ${body.customerId}; register it first with POST /customers`);

      let invoice = await em.findOne(Invoice, { number: body.number }, { populate: ['customer'] });
      let status: 200 | 201 = 200;
      if (invoice) {
        if (!sameInvoice(invoice, body)) {
          throw new ApiError(409, 'Conflict', `Invoice ${body.number} already exists with other data; correct it with a credit note, not by registering it again`);
        }
      } else {
        invoice = em.create(Invoice, { ...body, issueDate, dueDate, customer, handedToDossier: false, createdAt: new Date() });
        await em.flush();
        status = 201;
      }
      // Stored first, then handed over: if Temporal is unreachable the invoice is kept and a retry hands it over.
      const dossierId = await handInvoiceToDossier(deps.temporal, deps.taskQueue, customer, invoice);
      if (!invoice.handedToDossier) {
        invoice.handedToDossier = true;
        await em.flush();
      }
      return reply.status(status).send({ ...body, issueDate, dueDate, dossierId });
    },
  );

  app.get(
    '/invoices/:number',
    {
      schema: {
        summary: 'An invoice or credit note as issued: lines, VAT per rate, totals, due date, structured reference and EPC QR payload',
        tags: ['invoices'],
        params: NumberParams,
        response: { 200: InvoiceDocumentResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const invoice = await deps.orm.em.fork().findOne(Invoice, { number: request.params.number });
      if (!invoice) throw notFound(`Invoice ${request.params.number}`);
      return invoiceDocument(invoice);
    },
  );

  app.post(
    '/invoices/:number/credit-notes',
    {
      schema: {
        summary: 'Issue a credit note on one of our invoices (all of it, or the lines given); the dossier stops chasing what it credits',
        description:
          'A credit note credits only the VAT groups the invoice charged, and never more than is left after earlier credit notes: more is a 422 naming the line. ' +
          'The reference makes it idempotent: the same reference again answers 200 with the same credit note and settles nothing twice.',
        tags: ['invoices'],
        params: NumberParams,
        body: CreditNoteBody,
        response: { 200: CreditNoteResponse, 201: CreditNoteResponse, 400: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { creditNote, settledCents, created } = await creditInvoice(deps, request.params.number, request.body);
      return reply.status(created ? 201 : 200).send({ creditNote: invoiceDocument(creditNote), settledCents });
    },
  );
};
