/**
 * Issuing an order's invoices on a real database: once per idempotency key, advance and
 * final adding up to the order, the channel chosen from the customer, refusals that do
 * not consume a number.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { createInvoicingActivities, type OrderInvoiceRequest } from '../../activities/invoicing';
import { Customer, Invoice } from '../../db/entities';
import { calendarDate } from '../../domain/calendar';
import type { InvoiceLineInput } from '../../domain/invoicing/invoice';
import { describeDialect, dialects, openTestDatabase, type TestDatabase } from '../support/databases';
import { TEST_CREDITOR } from '../support/temporal';

const lines: InvoiceLineInput[] = [
  { description: 'Racking', quantity: 3, unitPriceCents: 333_33, vatCategory: 'S', vatRateBasisPoints: 2100 },
  { description: 'Manual', quantity: 1, unitPriceCents: 19_99, vatCategory: 'S', vatRateBasisPoints: 600 },
];
const request = (purpose: OrderInvoiceRequest['purpose'], extra: Partial<OrderInvoiceRequest> = {}): OrderInvoiceRequest => ({
  idempotencyKey: `order:O-1/${purpose}`, orderId: 'O-1', customerId: 'B1', purpose, issueDate: calendarDate('2026-12-03'),
  performanceDate: purpose === 'advance' ? null : calendarDate('2026-12-01'), paymentTermDays: purpose === 'advance' ? 0 : 30,
  lines, advancePercent: 30, advanceInvoiceNumber: null, ...extra,
});

describe.each(dialects)('invoicing activities on %s', (dialect) => {
  describeDialect(dialect)(`${dialect}`, () => {
    let db: TestDatabase;
    let activities: ReturnType<typeof createInvoicingActivities>;
    beforeAll(async () => {
      db = await openTestDatabase(dialect);
      // These tests never hand an invoice to a dossier: no Temporal client is reached.
      activities = createInvoicingActivities({ orm: db.orm, temporal: {} as Client, taskQueue: 'unused', creditor: TEST_CREDITOR });
      const em = db.orm.em.fork();
      em.create(Customer, { id: 'B1', name: 'Bouw NV', email: 'ap@bouw.example', language: 'nl', kind: 'B2B', timeZone: 'Europe/Brussels', vatNumber: 'BE0456789133', createdAt: new Date() });
      em.create(Customer, { id: 'C1', name: 'An Peeters', email: 'an@example.be', language: 'nl', kind: 'B2C', timeZone: 'Europe/Brussels', createdAt: new Date() });
      await em.flush();
    });
    afterAll(() => db?.close());

    it('issues the advance once, however often the activity runs, and the final invoice deducts it to the cent', async () => {
      const [advance, again] = await Promise.all([activities.issueOrderInvoice(request('advance')), activities.issueOrderInvoice(request('advance'))]);
      expect(again.number).toBe(advance.number);
      expect(advance).toMatchObject({ purpose: 'advance', dueDate: '2026-12-03', channel: 'peppol' });
      const final = await activities.issueOrderInvoice(request('final', { advanceInvoiceNumber: advance.number }));
      // The order: 999.99 at 21 % and 19.99 at 6 % → 1,209.99 + 21.19.
      expect(advance.totalCents + final.totalCents).toBe(1_209_99 + 21_19);
      expect(final).toMatchObject({ dueDate: '2027-01-02', performanceGapDays: 2 });
      expect(final.structuredReference).toMatch(/^\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+$/);
      const stored = await db.orm.em.fork().find(Invoice, { orderId: 'O-1' }, { orderBy: { sequence: 'asc' } });
      expect(stored.map((invoice) => [invoice.purpose, invoice.sequence])).toEqual([['advance', 1], ['final', 2]]);
      expect(stored[1]!.lines!.filter((line) => line.deduction)).toHaveLength(2);
    });

    it('sends a consumer\'s invoice by e-mail, and refuses an order line the rules refuse without using a number', async () => {
      const consumer = await activities.issueOrderInvoice(request('standard', { idempotencyKey: 'order:O-2/standard', orderId: 'O-2', customerId: 'C1' }));
      expect(consumer.channel).toBe('email');
      const refused = await activities
        .issueOrderInvoice(request('standard', { idempotencyKey: 'order:O-3/standard', orderId: 'O-3', lines: [{ ...lines[0]!, vatRateBasisPoints: 2000 }] }))
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ApplicationFailure);
      expect(refused).toMatchObject({ type: 'InvoiceRejected', nonRetryable: true });
      expect((refused as Error).message).toMatch(/^lines\[0\]\.vatRateBasisPoints: /);
      const next = await activities.issueOrderInvoice(request('standard', { idempotencyKey: 'order:O-4/standard', orderId: 'O-4' }));
      expect(Number(next.number.slice(-6))).toBe(Number(consumer.number.slice(-6)) + 1);
    });
  });
});
