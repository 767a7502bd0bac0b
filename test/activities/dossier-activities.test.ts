import { ApplicationFailure } from '@temporalio/common';
import { loadTemplates, TEMPLATES_DIR } from '../../adapters/templates';
import { createDossierActivities, type ReminderRequest } from '../../activities/dossier';
import { Customer, DossierProjection, OutboxMessage } from '../../db/entities';
import { calendarDate } from '../../domain/calendar';
import { describeDialect, dialects, openTestDatabase, type TestDatabase } from '../support/databases';

const request: ReminderRequest = {
  idempotencyKey: 'dossier:C-1/R1/F-1',
  dossierId: 'dossier:C-1',
  customerId: 'C-1',
  code: 'R1',
  template: 'first-reminder',
  invoices: [
    { number: 'F-1', issueDate: calendarDate('2026-03-01'), dueDate: calendarDate('2026-03-31'), amountCents: 10_000, openCents: 10_000, currency: 'EUR', level: 0 },
  ],
};

describe.each(dialects)('dossier activities on %s', (dialect) => {
  describeDialect(dialect)(`${dialect}`, () => {
    let db: TestDatabase;
    let activities: ReturnType<typeof createDossierActivities>;
    beforeAll(async () => {
      db = await openTestDatabase(dialect);
      activities = createDossierActivities({ orm: db.orm, templates: loadTemplates(TEMPLATES_DIR) });
      const em = db.orm.em.fork();
      em.create(Customer, { id: 'C-1', name: 'Bouw NV', email: 'ap@bouw.example', language: 'fr', kind: 'B2B', timeZone: 'Europe/Brussels', createdAt: new Date() });
      await em.flush();
    });
    afterAll(() => db?.close());

    it('records the reminder in the outbox in the customer\'s language', async () => {
      const recorded = await activities.sendReminder(request);
      expect(recorded.alreadyRecorded).toBe(false);
      const message = await db.orm.em.fork().findOneOrFail(OutboxMessage, { id: recorded.messageId });
      expect(message).toMatchObject({ stepCode: 'R1', recipient: 'ap@bouw.example', language: 'fr', invoiceNumbers: ['F-1'] });
      expect(message.subject).toContain('Rappel');
    });

    it('never records it twice: a retry, or attempts racing after a timeout, find the first one', async () => {
      const again = await activities.sendReminder(request);
      const racing = await Promise.all([activities.sendReminder(request), activities.sendReminder(request)]);
      expect(again.alreadyRecorded).toBe(true);
      expect(new Set([again, ...racing].map((r) => r.messageId)).size).toBe(1);
      expect(await db.orm.em.fork().count(OutboxMessage, { idempotencyKey: request.idempotencyKey })).toBe(1);
    });

    it('fails without retrying when the customer is unknown', async () => {
      const error = await activities.sendReminder({ ...request, customerId: 'nobody', idempotencyKey: 'k2' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApplicationFailure);
      expect((error as ApplicationFailure).nonRetryable).toBe(true);
      expect((error as ApplicationFailure).type).toBe('CustomerNotFound');
    });

    it('keeps the newest projection when an older one arrives late', async () => {
      const view = (revision: number, remindersSent: number) => ({
        workflowId: 'dossier:C-1',
        view: { customerId: 'C-1', status: 'waiting' as const, invoices: request.invoices, remindersSent, revision },
      });
      await activities.recordDossierProjection(view(3, 1));
      await activities.recordDossierProjection(view(2, 0));
      const stored = await db.orm.em.fork().findOneOrFail(DossierProjection, { customerId: 'C-1' });
      expect(stored).toMatchObject({ revision: 3, remindersSent: 1, openCents: 10_000, openInvoices: 1, nextStepCode: null });
    });
  });
});
