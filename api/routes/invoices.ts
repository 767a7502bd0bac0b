import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Customer, Invoice } from '../../db/entities';
import { calendarDate, compareDates } from '../../domain/calendar';
import { handInvoiceToDossier } from '../../platform/dossier-handoff';
import type { RouteOptions } from '../dependencies';
import { ApiError, invalidField } from '../errors';
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
};
