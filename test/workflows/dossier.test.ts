import type { FastifyInstance } from 'fastify';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { buildApi } from '../../api/app';
import { addDays, dateInZone } from '../../domain/calendar';
import { dossierWorkflowId } from '../../workflows/dossier/contract';
import { describeDialect, dialects, openTestDatabase, type TestDatabase } from '../support/databases';
import { eventually, recordHistory, testLogger, testWorker, timeSkippingEnvironment } from '../support/temporal';

const TASK_QUEUE = 'dossier-test';

describe.each(dialects)('collection dossier on the time-skipping server, %s', (dialect) => {
  describeDialect(dialect)(`${dialect}`, () => {
    let env: TestWorkflowEnvironment;
    let db: TestDatabase;
    let api: FastifyInstance;

    beforeAll(async () => {
      env = await timeSkippingEnvironment();
      db = await openTestDatabase(dialect);
      api = await buildApi({ orm: db.orm, temporal: env.client, taskQueue: TASK_QUEUE, defaultTimeZone: 'Europe/Brussels' }, testLogger());
    });
    afterAll(async () => {
      await api?.close();
      await db?.close();
      await env?.teardown();
    });

    /** A worker lives for one runUntil: each test gets its own. */
    const withWorker = async (run: () => Promise<void>) => (await testWorker(env, db.orm, TASK_QUEUE)).runUntil(run);

    const dossier = async (customerId: string) => {
      const response = await api.inject({ method: 'GET', url: `/dossiers/${customerId}` });
      expect(response.statusCode).toBe(200);
      return response.json();
    };

    it('waits 30 days to the due date, sends one reminder the day after, and closes when paid', async () => {
      await withWorker(async () => {
        const today = dateInZone(await env.currentTimeMs(), 'Europe/Brussels');
        const dueDate = addDays(today, 30);
        const customer = await api.inject({
          method: 'POST',
          url: '/customers',
          payload: { id: 'C-100', name: 'Bouw NV', email: 'ap@bouw.example', language: 'nl', kind: 'B2B' },
        });
        expect(customer.statusCode).toBe(201);
        const invoice = await api.inject({
          method: 'POST',
          url: '/invoices',
          payload: { number: 'F-2026-100', customerId: 'C-100', issueDate: today, dueDate, amountCents: 150_000 },
        });
        expect(invoice.statusCode).toBe(201);
        expect(invoice.json()).toMatchObject({ dossierId: 'dossier:C-100' });

        const before = await eventually(async () => {
          const view = await dossier('C-100');
          expect(view.projection).not.toBeNull();
          return view;
        });
        expect(before.live).toMatchObject({ status: 'waiting', remindersSent: 0, nextReminder: { code: 'R1', date: addDays(dueDate, 1) } });
        expect(before.messages).toEqual([]);

        await env.sleep('32 days');
        const after = await eventually(async () => {
          const view = await dossier('C-100');
          expect(view.projection.remindersSent).toBe(1);
          return view;
        });
        expect(after.live.invoices).toEqual([expect.objectContaining({ number: 'F-2026-100', level: 1, openCents: 150_000 })]);
        expect(after.messages).toHaveLength(1);
        expect(after.messages[0]).toMatchObject({ stepCode: 'R1', recipient: 'ap@bouw.example', invoiceNumbers: ['F-2026-100'] });
        expect(after.messages[0].body).toContain('factuur F-2026-100');

        const tooMuch = await api.inject({
          method: 'POST',
          url: '/dossiers/C-100/payments',
          payload: { invoiceNumber: 'F-2026-100', amountCents: 150_001, actor: 'anna' },
        });
        expect(tooMuch.statusCode).toBe(422);
        expect(tooMuch.json().fields).toEqual([{ field: 'amountCents', problem: '150001 is more than the 150000 still open on F-2026-100' }]);

        const partial = await api.inject({
          method: 'POST',
          url: '/dossiers/C-100/payments',
          payload: { invoiceNumber: 'F-2026-100', amountCents: 50_000, actor: 'anna' },
        });
        expect(partial.statusCode).toBe(200);
        expect(partial.json()).toMatchObject({ status: 'waiting', invoices: [expect.objectContaining({ openCents: 100_000 })] });

        const rest = await api.inject({
          method: 'POST',
          url: '/dossiers/C-100/payments',
          payload: { invoiceNumber: 'F-2026-100', amountCents: 100_000, actor: 'anna' },
        });
        expect(rest.json()).toMatchObject({ status: 'closed' });

        const handle = env.client.workflow.getHandle(dossierWorkflowId('C-100'));
        await expect(handle.result()).resolves.toMatchObject({ status: 'closed', remindersSent: 1 });
        const closed = await dossier('C-100');
        expect(closed.projection).toMatchObject({ status: 'closed', openCents: 0, remindersSent: 1 });
        expect(closed.messages).toHaveLength(1);
        if (dialect === 'sqlite') await recordHistory('dossier-first-reminder-then-paid', handle);
      });
    });

    it('lists invoices due on the same day in one reminder, a later one in its own, and takes a re-sent invoice once', async () => {
      await withWorker(async () => {
        const today = dateInZone(await env.currentTimeMs(), 'Europe/Brussels');
        await api.inject({
          method: 'POST',
          url: '/customers',
          payload: { id: 'C-200', name: 'Retail BV', email: 'boekhouding@retail.example', language: 'fr', kind: 'B2B' },
        });
        const register = (number: string, dueInDays: number) =>
          api.inject({
            method: 'POST',
            url: '/invoices',
            payload: { number, customerId: 'C-200', issueDate: today, dueDate: addDays(today, dueInDays), amountCents: 10_000 },
          });
        expect((await register('F-201', 14)).statusCode).toBe(201);
        expect((await register('F-202', 14)).statusCode).toBe(201);
        expect((await register('F-203', 20)).statusCode).toBe(201);
        expect((await register('F-202', 14)).statusCode).toBe(200);
        await eventually(async () => expect((await dossier('C-200')).live.invoices).toHaveLength(3));

        await env.sleep('16 days');
        const first = await eventually(async () => {
          const current = await dossier('C-200');
          expect(current.messages).toHaveLength(1);
          return current;
        });
        expect(first.messages[0].invoiceNumbers).toEqual(['F-201', 'F-202']);
        expect(first.live.nextReminder).toMatchObject({ code: 'R1', date: addDays(today, 21), invoiceNumbers: ['F-203'] });

        await env.sleep('6 days');
        const second = await eventually(async () => {
          const current = await dossier('C-200');
          expect(current.messages).toHaveLength(2);
          return current;
        });
        expect(second.messages[1].invoiceNumbers).toEqual(['F-203']);
        expect(second.live.invoices.map((i: { level: number }) => i.level)).toEqual([1, 1, 1]);
        if (dialect === 'sqlite') await recordHistory('dossier-same-day-invoices-bundled', env.client.workflow.getHandle(dossierWorkflowId('C-200')));
      });
    });
  });
});
