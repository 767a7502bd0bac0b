import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Contract, CreditDecisionRecord, Customer, Invoice, OutboxMessage, SalesOrder } from '../../db/entities';
import { calendarDate } from '../../domain/calendar';
import { describeDialect, dialects, openTestDatabase, type TestDatabase } from '../support/databases';

describe.each(dialects)('the application database on %s', (dialect) => {
  describeDialect(dialect)(`${dialect}`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await openTestDatabase(dialect);
    });
    afterAll(() => db?.close());

    it('builds, from the checked-in migrations, exactly the schema the entities describe', async () => {
      const pending = await db.orm.schema.getUpdateSchemaSQL({ wrap: false });
      expect(pending.trim()).toBe('');
      expect(await db.orm.getMigrator().getPendingMigrations()).toEqual([]);
    });

    it('keeps calendar dates as dates and amounts in whole cents, beyond 32 bits', async () => {
      const em = db.orm.em.fork();
      const customer = em.create(Customer, {
        id: 'C-1', name: 'Bouw NV', email: 'ap@bouw.example', language: 'nl', kind: 'B2B', timeZone: 'Europe/Brussels', createdAt: new Date(),
      });
      em.create(Invoice, {
        number: '2026-000123', customer, issueDate: calendarDate('2026-03-01'), dueDate: calendarDate('2026-03-31'),
        amountCents: 5_000_000_000_01, currency: 'EUR', handedToDossier: false, createdAt: new Date(),
      });
      await em.flush();
      const read = await db.orm.em.fork().findOneOrFail(Invoice, { number: '2026-000123' });
      expect(read.dueDate).toBe('2026-03-31');
      expect(read.issueDate).toBe('2026-03-01');
      expect(read.amountCents).toBe(5_000_000_000_01);
      expect(read.handedToDossier).toBe(false);
    });

    it('refuses a second outbox message with the same idempotency key', async () => {
      const message = (id: string) => ({
        id, idempotencyKey: 'dossier:C-1/R1/2026-000123', dossierId: 'dossier:C-1', customerId: 'C-1', stepCode: 'R1',
        channel: 'email' as const, recipient: 'ap@bouw.example', language: 'nl', template: 'first-reminder', subject: 's', body: 'b',
        invoiceNumbers: ['2026-000123'], status: 'pending' as const, createdAt: new Date(),
      });
      const em = db.orm.em.fork();
      em.create(OutboxMessage, message('6f1c1d3e-0000-4000-8000-000000000001'));
      await em.flush();
      const second = db.orm.em.fork();
      second.create(OutboxMessage, message('6f1c1d3e-0000-4000-8000-000000000002'));
      await expect(second.flush()).rejects.toBeInstanceOf(UniqueConstraintViolationException);
      expect(await db.orm.em.fork().count(OutboxMessage, { customerId: 'C-1' })).toBe(1);
    });

    it('keeps a contract and its order with their terms, lines and dates as written', async () => {
      const STEEL_BEAMS = { description: 'Steel beams', quantity: 4, unit: 'C62', unitPriceCents: 250_000, vatCategory: 'S' as const, vatRateBasisPoints: 2100 };
      const em = db.orm.em.fork();
      const customer = em.create(Customer, {
        id: 'C-2', name: 'Staal BV', email: 'ap@staal.example', language: 'nl', kind: 'B2B', timeZone: 'Europe/Brussels',
        enterpriseNumber: '0123456749', vatNumber: 'BE0123456749', preferredChannel: 'peppol', peppolId: '0208:0123456749',
        address: { street: 'Kaai 1', postalCode: '2000', city: 'Antwerpen', country: 'BE' },
      });
      const contract = em.create(Contract, {
        id: 'K-1', customer, opportunityId: 'O-1', paymentTermDays: 30, invoicing: 'upfront', advancePaymentPercent: 30,
        guarantee: { amountCents: 2_500_000, detail: 'bank guarantee, KBC' }, cashDiscount: { percent: 2, days: 8 },
        clauses: ['retention of title'], startsOn: calendarDate('2026-04-01'), signedBy: 'sales@example.com',
      });
      em.create(SalesOrder, {
        id: 'SO-1', customer, contract, orderedOn: calendarDate('2026-04-02'), status: 'blocked',
        lines: [STEEL_BEAMS],
        netCents: 1_000_000, vatCents: 210_000, totalCents: 1_210_000,
      });
      await em.flush();

      const read = db.orm.em.fork();
      const order = await read.findOneOrFail(SalesOrder, { id: 'SO-1' }, { populate: ['contract', 'customer'] });
      expect(order.orderedOn).toBe('2026-04-02');
      expect(order.performanceDate).toBeNull();
      expect(order.blockReasons).toEqual([]);
      expect(order.lines).toEqual([STEEL_BEAMS]);
      expect(order.totalCents).toBe(1_210_000);
      expect(order.contract.startsOn).toBe('2026-04-01');
      expect(order.contract.endsOn).toBeNull();
      expect(order.contract.guarantee).toEqual({ amountCents: 2_500_000, detail: 'bank guarantee, KBC' });
      expect(order.contract.cashDiscount).toEqual({ percent: 2, days: 8 });
      expect(order.contract.creditInsuranceRequired).toBe(false);
      expect(order.customer.address).toEqual({ street: 'Kaai 1', postalCode: '2000', city: 'Antwerpen', country: 'BE' });

      order.status = 'cleared';
      order.blockReasons = [];
      order.performanceDate = calendarDate('2026-04-10');
      await read.flush();
      const again = await db.orm.em.fork().findOneOrFail(SalesOrder, { id: 'SO-1' });
      expect([again.status, again.performanceDate]).toEqual(['cleared', '2026-04-10']);
      expect(again.updatedAt.getTime()).toBeGreaterThanOrEqual(again.createdAt.getTime());
    });

    it('keeps one credit decision per opportunity, with its facts, figures and feeling', async () => {
      const decision = (id: string) => ({
        id, opportunityId: 'O-1', customerId: 'C-2', outcome: 'conditions' as const, referred: true,
        conditions: [{ kind: 'advance-payment' as const, percent: 30, detail: '30 % before delivery' }], creditLimitCents: 5_000_000, policyId: 'default', policyVersion: 3,
        reasons: [{ rule: 'score-below-50', detail: 'score 42' }], figures: { score: 42, exposureCents: 9_000_000 },
        feeling: 'Sales hears of a takeover; ask for an advance.', decidedBy: 'credit@example.com', decidedAt: new Date(),
      });
      const em = db.orm.em.fork();
      em.create(CreditDecisionRecord, decision('0b9e6f54-0000-4000-8000-000000000001'));
      await em.flush();
      const read = await db.orm.em.fork().findOneOrFail(CreditDecisionRecord, { opportunityId: 'O-1' });
      expect(read.conditions).toEqual([{ kind: 'advance-payment', percent: 30, detail: '30 % before delivery' }]);
      expect(read.figures).toEqual({ score: 42, exposureCents: 9_000_000 });
      expect([read.referred, read.report, read.creditLimitCents]).toEqual([true, null, 5_000_000]);

      const second = db.orm.em.fork();
      second.create(CreditDecisionRecord, decision('0b9e6f54-0000-4000-8000-000000000002'));
      await expect(second.flush()).rejects.toBeInstanceOf(UniqueConstraintViolationException);
    });
  });
});
