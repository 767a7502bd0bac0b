import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Invoice } from '../../db/entities';
import { addDays, calendarDate, compareDates, dateInZone } from '../../domain/calendar';
import { invoicingGapReport } from '../../domain/invoicing/gap';
import type { RouteOptions } from '../dependencies';
import { invalidField } from '../errors';
import { ErrorResponse, IsoDate } from '../schemas';

const GapReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  invoices: Type.Integer({ description: 'Invoices issued in the period with a performance date (advances left out)' }),
  averageDays: Type.Union([Type.Number(), Type.Null()]),
  medianDays: Type.Union([Type.Integer(), Type.Null()]),
  p90Days: Type.Union([Type.Integer(), Type.Null()]),
  maxDays: Type.Union([Type.Integer(), Type.Null()]),
  afterVatDeadline: Type.Integer({ description: 'Issued after the 15th of the month following the performance (Belgian VAT)' }),
  buckets: Type.Array(Type.Object({ label: Type.String(), invoices: Type.Integer() }), { description: 'How many invoices waited how long: a histogram' }),
});

/** Figures credit management watches: here, the gap between delivery and invoice. */
export const reportRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  app.get(
    '/reports/invoicing-gap',
    {
      schema: {
        summary: 'Days between performance (delivery) and invoice for the invoices issued in a period',
        description: 'Every day between delivery and invoice is credit nobody decided to give. Without dates: the last 90 days.',
        tags: ['reports'],
        querystring: Type.Object({ from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) }, { additionalProperties: false }),
        response: { 200: GapReport, 400: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) => {
      const to = request.query.to ? calendarDate(request.query.to) : dateInZone(Date.now(), deps.defaultTimeZone);
      const from = request.query.from ? calendarDate(request.query.from) : addDays(to, -90);
      if (compareDates(from, to) > 0) throw invalidField('from', `${from} is after to (${to})`);
      const invoices = await deps.orm.em.fork().find(
        Invoice,
        { kind: 'invoice', performanceDate: { $ne: null }, issueDate: { $gte: from, $lte: to } },
        { fields: ['performanceDate', 'issueDate'] },
      );
      return { from, to, ...invoicingGapReport(invoices.map((invoice) => ({ performanceDate: invoice.performanceDate!, issueDate: invoice.issueDate }))) };
    },
  );
};
