import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Customer, Invoice, InvoiceSequence } from '../../db/entities';
import { issueNumberedInvoice, type InvoiceSeries, type NumberedInvoiceData } from '../../db/invoice-numbering';
import { calendarDate } from '../../domain/calendar';
import { describeDialect, dialects, openTestDatabase, type TestDatabase } from '../support/databases';

const CUSTOMER_ID = 'C-NUM';

function invoiceData(series: InvoiceSeries, year: number, sequence: number): NumberedInvoiceData {
  return {
    number: `${series === 'invoice' ? 'F' : 'CN'}${year}/${String(sequence).padStart(6, '0')}`,
    customer: CUSTOMER_ID,
    issueDate: calendarDate(`${year}-03-01`),
    dueDate: calendarDate(`${year}-03-31`),
    amountCents: 12_100,
    netCents: 10_000,
    vatCents: 2_100,
    currency: 'EUR',
  };
}

describe.each(dialects)('gapless invoice numbering on %s', (dialect) => {
  describeDialect(dialect)(`${dialect}`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await openTestDatabase(dialect);
      const em = db.orm.em.fork();
      em.create(Customer, { id: CUSTOMER_ID, name: 'Bouw NV', email: 'ap@bouw.example', language: 'nl', kind: 'B2B', timeZone: 'Europe/Brussels' });
      await em.flush();
    });
    afterAll(() => db?.close());

    const issue = (series: InvoiceSeries, year: number, idempotencyKey: string, build = (sequence: number) => invoiceData(series, year, sequence)) =>
      issueNumberedInvoice(db.orm, { series, year, idempotencyKey, build });

    const sequencesOf = async (series: InvoiceSeries, year: number) =>
      (await db.orm.em.fork().find(Invoice, { series, year }, { orderBy: { sequence: 'asc' } })).map((invoice) => invoice.sequence);

    const lastNumber = async (series: InvoiceSeries, year: number) =>
      (await db.orm.em.fork().findOne(InvoiceSequence, { series, year }))?.lastNumber;

    const oneTo = (n: number) => Array.from({ length: n }, (_, index) => index + 1);

    it('numbers 40 concurrent issuances 1 to 40, without gaps or duplicates', async () => {
      const issued = await Promise.all(oneTo(40).map((n) => issue('invoice', 2026, `order-${n}/final`)));
      expect(issued.every((result) => result.created)).toBe(true);
      expect(issued.map((result) => result.invoice.sequence).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(oneTo(40));
      expect(new Set(issued.map((result) => result.invoice.number)).size).toBe(40);
      expect(await sequencesOf('invoice', 2026)).toEqual(oneTo(40));
      expect(await lastNumber('invoice', 2026)).toBe(40);
    });

    it('counts each series and each year on its own', async () => {
      const batch = oneTo(12).flatMap((n) => [
        issue('invoice', 2030, `2030-invoice-${n}`),
        issue('credit-note', 2030, `2030-credit-${n}`),
        issue('invoice', 2031, `2031-invoice-${n}`),
      ]);
      await Promise.all(batch);
      expect(await sequencesOf('invoice', 2030)).toEqual(oneTo(12));
      expect(await sequencesOf('credit-note', 2030)).toEqual(oneTo(12));
      expect(await sequencesOf('invoice', 2031)).toEqual(oneTo(12));
      const creditNote = await db.orm.em.fork().findOneOrFail(Invoice, { series: 'credit-note', year: 2030, sequence: 1 });
      expect(creditNote.kind).toBe('credit-note');
      expect(creditNote.idempotencyKey).toMatch(/^2030-credit-/);
    });

    it('leaves no gap when a build fails in the middle of a concurrent batch', async () => {
      const failing = new Set([7, 13]);
      const results = await Promise.allSettled(
        oneTo(20).map((n) =>
          issue('invoice', 2040, `2040-${n}`, (sequence) => {
            if (failing.has(n)) throw new Error(`no lines for order ${n}`);
            return invoiceData('invoice', 2040, sequence);
          }),
        ),
      );
      expect(results.filter((result) => result.status === 'rejected')).toHaveLength(2);
      expect(await sequencesOf('invoice', 2040)).toEqual(oneTo(18));
      expect(await lastNumber('invoice', 2040)).toBe(18);

      const next = await issue('invoice', 2040, '2040-after');
      expect(next.invoice.sequence).toBe(19);
      expect(next.invoice.number).toBe('F2040/000019');
    });

    it('leaves no gap when the insert fails, and says why', async () => {
      const em = db.orm.em.fork();
      // Registered from outside (POST /invoices) under a number our build will also make.
      em.create(Invoice, {
        number: 'F2041/000002', customer: CUSTOMER_ID, issueDate: calendarDate('2041-01-05'), dueDate: calendarDate('2041-02-04'),
        amountCents: 500, currency: 'EUR',
      });
      await em.flush();
      await issue('invoice', 2041, '2041-first');
      await expect(issue('invoice', 2041, '2041-clash')).rejects.toBeInstanceOf(UniqueConstraintViolationException);
      expect(await lastNumber('invoice', 2041)).toBe(1);
      const next = await issue('invoice', 2041, '2041-retry', (sequence) => ({ ...invoiceData('invoice', 2041, sequence), number: `F2041/B${sequence}` }));
      expect(next.invoice.sequence).toBe(2);
      const external = await db.orm.em.fork().findOneOrFail(Invoice, { number: 'F2041/000002' });
      expect([external.kind, external.purpose, external.series, external.sequence]).toEqual(['invoice', 'standard', null, null]);
    });

    it('issues one invoice with one number for the same idempotency key asked twice', async () => {
      let builds = 0;
      const build = (sequence: number) => {
        builds += 1;
        return invoiceData('invoice', 2050, sequence);
      };
      const first = await issue('invoice', 2050, 'order-77/final', build);
      const again = await issue('invoice', 2050, 'order-77/final', build);
      expect([first.created, again.created]).toEqual([true, false]);
      expect(again.invoice.number).toBe(first.invoice.number);
      expect(builds).toBe(1);
      expect(await lastNumber('invoice', 2050)).toBe(1);
    });

    it('issues one invoice with one number when the same idempotency key races itself', async () => {
      const results = await Promise.all(oneTo(10).map(() => issue('invoice', 2060, 'order-88/final')));
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(new Set(results.map((result) => result.invoice.number))).toEqual(new Set(['F2060/000001']));
      expect(await sequencesOf('invoice', 2060)).toEqual([1]);
      expect(await lastNumber('invoice', 2060)).toBe(1);
      expect((await issue('invoice', 2060, 'order-89/final')).invoice.sequence).toBe(2);
    });

    it('gives the winner\'s invoice to a same-key request racing in another year, and keeps that year gapless', async () => {
      const [a, b] = await Promise.all([issue('invoice', 2070, 'order-99/final'), issue('invoice', 2071, 'order-99/final')]);
      expect(a.invoice.number).toBe(b.invoice.number);
      expect([a.created, b.created].sort()).toEqual([false, true]);
      const loserYear = a.created ? 2071 : 2070;
      expect((await issue('invoice', loserYear, `after-race-${loserYear}`)).invoice.sequence).toBe(1);
    });
  });
});
