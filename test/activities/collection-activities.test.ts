import { ApplicationFailure } from '@temporalio/common';
import { loadTemplates, TEMPLATES_DIR } from '../../adapters/templates';
import { createCollectionActivities, type DunningMessageRequest } from '../../activities/collection';
import { Customer, DossierProjection, HumanTaskRecord, LegalHandoff, OutboxMessage } from '../../db/entities';
import { calendarDate } from '../../domain/calendar';
import type { CollectionInvoice } from '../../domain/collection/state';
import { OTHER_CONSUMER_V1, OTHER_V1 } from '../../domain/procedures/tracks-v1';
import type { DossierView } from '../../workflows/dossier/contract';
import { describeDialect, dialects, openTestDatabase, type TestDatabase } from '../support/databases';
import { TEST_CREDITOR } from '../support/temporal';

const invoice = (number: string, dueDate: string, openCents: number, extra: Partial<CollectionInvoice> = {}): CollectionInvoice => ({
  number, issueDate: calendarDate('2025-01-01'), dueDate: calendarDate(dueDate), amountCents: openCents, openCents, currency: 'EUR',
  status: 'open', nextStep: 0, level: '', ...extra,
});
const step = (procedure: typeof OTHER_V1, code: string) => procedure.steps.find((s) => s.code === code)!;

describe.each(dialects)('collection activities on %s', (dialect) => {
  describeDialect(dialect)(`${dialect}`, () => {
    let db: TestDatabase;
    let activities: ReturnType<typeof createCollectionActivities>;
    beforeAll(async () => {
      db = await openTestDatabase(dialect);
      activities = createCollectionActivities({ orm: db.orm, templates: loadTemplates(TEMPLATES_DIR), creditor: TEST_CREDITOR, poolCapacity: () => 1 });
      const em = db.orm.em.fork();
      em.create(Customer, { id: 'B1', name: 'Bouw NV', email: 'ap@bouw.example', language: 'nl', kind: 'B2B', timeZone: 'Europe/Brussels', createdAt: new Date() });
      em.create(Customer, { id: 'C1', name: 'An Peeters', email: 'an@example.be', language: 'fr', kind: 'B2C', timeZone: 'Europe/Brussels', createdAt: new Date() });
      await em.flush();
    });
    afterAll(() => db?.close());

    const notice: DunningMessageRequest = {
      idempotencyKey: 'dossier:B1/other@v1/IGS/F-1+F-2',
      dossierId: 'dossier:B1',
      customerId: 'B1',
      customerKind: 'B2B',
      step: step(OTHER_V1, 'IGS'),
      stepDate: calendarDate('2025-03-02'),
      invoices: [invoice('F-1', '2025-01-31', 1_000_000, { level: 'IGS' }), invoice('F-2', '2025-01-31', 50_000, { level: 'IGS' })],
    };

    it('claims statutory interest and EUR 40 per invoice in a B2B formal notice', async () => {
      const sent = await activities.sendDunningMessage(notice);
      // 30 days at 11.5% (2025 H1): 1,000,000 × 0.115 × 30 / 365 = 9,452.05 → 9,452; 50,000 → 472.60 → 473.
      expect(sent.feesCents).toBe(9_452 + 473 + 2 * 4_000);
      const message = await db.orm.em.fork().findOneOrFail(OutboxMessage, { id: sent.messageId });
      expect(message).toMatchObject({ stepCode: 'IGS', channel: 'registered-letter', stepDate: '2025-03-02', invoiceNumbers: ['F-1', 'F-2'] });
      expect(message.body.replace(/[\u00a0\u202f]/g, ' ')).toContain('€ 80,00');
    });

    it('records a message once, whatever the retries and the races', async () => {
      const again = await Promise.all([activities.sendDunningMessage(notice), activities.sendDunningMessage(notice)]);
      expect(again.every((r) => r.alreadyRecorded)).toBe(true);
      expect(await db.orm.em.fork().count(OutboxMessage, { idempotencyKey: notice.idempotencyKey })).toBe(1);
    });

    it('announces the consumer damages in the free first reminder, and charges nothing', async () => {
      const sent = await activities.sendDunningMessage({
        idempotencyKey: 'dossier:C1/other-consumer@v1/R1/K-1',
        dossierId: 'dossier:C1',
        customerId: 'C1',
        customerKind: 'B2C',
        step: step(OTHER_CONSUMER_V1, 'R1'),
        stepDate: calendarDate('2025-03-08'),
        invoices: [invoice('K-1', '2025-03-01', 40_000, { level: 'R1' })],
      });
      expect(sent.feesCents).toBe(0);
      const message = await db.orm.em.fork().findOneOrFail(OutboxMessage, { id: sent.messageId });
      const body = message.body.replace(/[\u00a0\u202f]/g, ' ');
      expect(body).toContain(TEST_CREDITOR.enterpriseNumber);
      // Book XIX: 30 + 10% of (400 - 150) = 55 euro.
      expect(body).toContain('55,00 €');
    });

    it('fails without retrying when the customer is unknown', async () => {
      const error = await activities.sendDunningMessage({ ...notice, customerId: 'nobody', idempotencyKey: 'k2' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApplicationFailure);
      expect((error as ApplicationFailure).nonRetryable).toBe(true);
    });

    it('opens a task once, escalates it, closes it with the outcome, and counts the pool against its capacity', async () => {
      const task = { taskId: 'dossier:B1/call-1', dossierId: 'dossier:B1', customerId: 'B1', kind: 'phone-call' as const, stepCode: 'T1' as const, pool: 'collectors', invoiceNumbers: ['F-1'], dueAt: Date.parse('2025-03-05T17:00:00Z'), summary: 'Call' };
      expect(await activities.collectorsHaveCapacity({ pool: 'collectors' })).toBe(true);
      await activities.openHumanTask(task);
      await activities.openHumanTask(task);
      expect(await activities.collectorsHaveCapacity({ pool: 'collectors' })).toBe(false);
      await activities.escalateHumanTask({ taskId: task.taskId });
      expect(await db.orm.em.fork().findOneOrFail(HumanTaskRecord, { id: task.taskId })).toMatchObject({ status: 'escalated' });
      await activities.closeHumanTask({ taskId: task.taskId, outcome: 'no-answer', actor: 'jan' });
      expect(await db.orm.em.fork().findOneOrFail(HumanTaskRecord, { id: task.taskId })).toMatchObject({ status: 'done', outcome: 'no-answer', completedBy: 'jan' });
    });

    it('hands a file to legal once, with its principal', async () => {
      const request = { idempotencyKey: 'dossier:B1/other@v1/LEGAL/F-1', dossierId: 'dossier:B1', customerId: 'B1', customerKind: 'B2B' as const, stepDate: calendarDate('2025-03-17'), invoices: [invoice('F-1', '2025-01-31', 1_000_000)] };
      const first = await activities.handOverToLegal(request);
      const second = await activities.handOverToLegal(request);
      expect(second.handoffId).toBe(first.handoffId);
      expect(await db.orm.em.fork().findOneOrFail(LegalHandoff, { id: first.handoffId })).toMatchObject({ principalCents: 1_000_000, stepDate: '2025-03-17' });
    });

    it('keeps the newest projection when an older one arrives late', async () => {
      const view = (revision: number, messagesSent: number): DossierView => ({
        customerId: 'B1', customerKind: 'B2B', procedure: { id: 'other', version: 1 }, status: 'active',
        invoices: [{ ...invoice('F-1', '2025-01-31', 1_000_000), blockedByComplaint: false, underPromise: false, nextStepCode: 'R2', nextStepDate: calendarDate('2025-02-21') }],
        complaints: [], promise: null, pause: null, task: null, brokenPromises: 0, messagesSent, nextAction: null, journal: [], revision,
      });
      await activities.recordDossierProjection({ workflowId: 'dossier:B1', view: view(3, 1) });
      await activities.recordDossierProjection({ workflowId: 'dossier:B1', view: view(2, 0) });
      const stored = await db.orm.em.fork().findOneOrFail(DossierProjection, { customerId: 'B1' });
      expect(stored).toMatchObject({ revision: 3, messagesSent: 1, openCents: 1_000_000, nextStepCode: 'R2', nextStepDate: '2025-02-21', procedure: 'other@v1' });
    });
  });
});
