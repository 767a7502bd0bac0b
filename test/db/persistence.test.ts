import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Customer, Invoice, OutboxMessage } from '../../db/entities';
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
  });
});
