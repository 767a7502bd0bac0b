import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { OutboxMessage } from '../../db/entities';
import { addDays } from '../../domain/calendar';
import { DOSSIER_WORKFLOW_TYPE, dossierWorkflowId, invoiceRegisteredSignal, type DossierView } from '../../workflows/dossier/contract';
import { openTestDatabase, type TestDatabase } from '../support/databases';
import { createHarness, routineAnswers, stepsTaken, type Harness } from '../support/dossier-harness';
import { eventually, poolCapacity, recordHistory, startTestWorker, testWorker, timeSkippingEnvironment } from '../support/temporal';

const TASK_QUEUE = 'behaviour-test';
const staff = { actor: 'anna', reason: 'agreed with the customer' };

describe('collection dossier behaviour on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let h: Harness;
  let worker: { stop(): Promise<void> };

  beforeAll(async () => {
    env = await timeSkippingEnvironment();
    db = await openTestDatabase('sqlite');
    h = await createHarness(env, db, TASK_QUEUE);
    worker = await startTestWorker(env, db.orm, TASK_QUEUE);
  });
  afterAll(async () => {
    await worker?.stop();
    await h?.close();
    await db?.close();
    await env?.teardown();
  });

  const withWorker = (run: () => Promise<void>) => run();
  const messagesOf = (customerId: string) => db.orm.em.fork().find(OutboxMessage, { customerId }, { orderBy: { createdAt: 'asc' } });
  const until = (check: (v: DossierView) => boolean) => check;

  /** A customer on the "other" track (R1 day 7, R2 day 21, IGS day 30, T1 day 37, LEGAL day 45). */
  async function otherCustomer(id: string, invoices: Array<[string, number]>, fields: Record<string, unknown> = {}) {
    await h.registerCustomer(id, { revenueRank: 9_000, ...fields });
    const today = await h.today();
    for (const [number, dueInDays] of invoices) await h.registerInvoice(id, number, addDays(today, dueInDays));
    return today;
  }

  it('leaves a disputed invoice out of every reminder until the complaint closes, and reminds the others', async () => {
    await withWorker(async () => {
      await otherCustomer('CPL', [['CPL-1', 3], ['CPL-2', 3]]);
      const opened = await h.post('CPL', 'complaints', { complaintId: 'K1', type: 'AD_01', invoiceNumbers: ['CPL-1'], ...staff });
      expect(opened.status).toBe(200);
      const afterR1 = await h.run('CPL', routineAnswers, until((v) => v.messagesSent === 1));
      expect((await messagesOf('CPL')).map((m) => m.invoiceNumbers)).toEqual([['CPL-2']]);
      expect(afterR1.invoices.find((i) => i.number === 'CPL-1')).toMatchObject({ blockedByComplaint: true, level: '', nextStepCode: null });

      const closed = await h.post('CPL', 'complaints/K1/close', { solution: 'SOL_05', actor: 'anna', reason: 'duplicate sent' });
      expect(closed.status).toBe(200);
      await h.run('CPL', routineAnswers, until((v) => v.messagesSent === 2));
      const messages = await messagesOf('CPL');
      expect(messages.map((m) => m.invoiceNumbers)).toEqual([['CPL-2'], ['CPL-1']]);
      // The reminder for CPL-1 also lists CPL-2, overdue too, with the step it had.
      expect(messages[1]!.body).toMatch(/factuur CPL-2, vervallen op .*\(eerste herinnering\)/);
      await recordHistory('dossier-complaint-blocks-one-invoice', env.client.workflow.getHandle(dossierWorkflowId('CPL')));
    });
  });

  it('keeps a partly paid invoice in the chase for what is left, and ends the dossier when all is paid', async () => {
    await withWorker(async () => {
      await otherCustomer('PAY', [['PAY-1', -10]]);
      await h.settle('PAY');
      const partial = await h.post('PAY', 'payments', { invoiceNumber: 'PAY-1', amountCents: 40_000, actor: 'bank' });
      expect(partial.status).toBe(200);
      expect(partial.body).toMatchObject({ invoices: [expect.objectContaining({ openCents: 60_000, status: 'open' })] });
      const tooMuch = await h.post('PAY', 'payments', { invoiceNumber: 'PAY-1', amountCents: 60_001, actor: 'bank' });
      expect(tooMuch).toMatchObject({ status: 422, body: { fields: [{ field: 'amountCents', problem: '60001 is more than the 60000 still open on PAY-1' }] } });
      const rest = await h.post('PAY', 'payments', { invoiceNumber: 'PAY-1', amountCents: 60_000, actor: 'bank' });
      expect(rest.body).toMatchObject({ status: 'finished' });
      await expect(env.client.workflow.getHandle(dossierWorkflowId('PAY')).result()).resolves.toMatchObject({ status: 'finished' });
    });
  });

  it('holds the chase for a promise until the date plus the grace, and ends it when the promise is kept', async () => {
    await withWorker(async () => {
      const today = await otherCustomer('PRK', [['PRK-1', -10]]);
      await h.settle('PRK');
      const promised = await h.post('PRK', 'promises', { date: addDays(today, 10), graceDays: 2, ...staff });
      expect(promised.status).toBe(200);
      expect(promised.body).toMatchObject({ nextAction: { kind: 'promise-check' } });
      await env.sleep('5 days');
      expect((await h.settle('PRK')).messagesSent).toBe(1); // only the R1 of day one
      await h.post('PRK', 'payments', { invoiceNumber: 'PRK-1', amountCents: 100_000, actor: 'bank' });
      const done = await h.settle('PRK');
      expect(done).toMatchObject({ status: 'finished', brokenPromises: 0, promise: null });
    });
  });

  it('resumes the chase after a broken promise and flags it', async () => {
    await withWorker(async () => {
      const today = await otherCustomer('PRB', [['PRB-1', -10]]);
      await h.settle('PRB');
      await h.post('PRB', 'promises', { date: addDays(today, 3), graceDays: 1, ...staff });
      const resumed = await h.run('PRB', routineAnswers, until((v) => v.brokenPromises === 1));
      expect(resumed.promise).toBeNull();
      expect(resumed.journal.map((e) => e.action)).toContain('promise broken');
      const next = await h.run('PRB', routineAnswers, until((v) => v.messagesSent === 2));
      expect(stepsTaken(next).map((s) => s.split(' ')[0])).toEqual(['R1', 'R2']);
    });
  });

  it('pauses until a date, resumes by itself then, and can be resumed earlier by a person', async () => {
    await withWorker(async () => {
      const today = await otherCustomer('PAU', [['PAU-1', -10]]);
      await h.settle('PAU');
      const paused = await h.post('PAU', 'pause', { until: addDays(today, 30), ...staff });
      expect(paused.body).toMatchObject({ status: 'paused', nextAction: { kind: 'pause-ends' } });
      expect((await h.post('PAU', 'pause', { until: addDays(today, 40), ...staff })).status).toBe(422);
      await env.sleep('10 days');
      expect((await h.settle('PAU')).messagesSent).toBe(1);
      const resumed = await h.post('PAU', 'resume', { actor: 'anna', reason: 'customer reachable again' });
      expect(resumed.body).toMatchObject({ status: 'active' });
      expect((await h.post('PAU', 'resume', { actor: 'anna', reason: 'again' })).body).toMatchObject({ fields: [{ field: 'dossier', problem: 'is not paused' }] });
    });
  });

  it('escalates to the next step at once, or straight to legal collection on a person\'s decision', async () => {
    await withWorker(async () => {
      const today = await otherCustomer('ESC', [['ESC-1', 2]]);
      const next = await h.post('ESC', 'escalations', { to: 'next-step', ...staff });
      expect(next.status).toBe(200);
      const afterR1 = await h.run('ESC', routineAnswers, until((v) => v.messagesSent === 1));
      expect(stepsTaken(afterR1)).toEqual([`R1 ${today}`]);
      const legal = await h.post('ESC', 'escalations', { to: 'legal', ...staff, reason: 'the customer is moving abroad' });
      expect(legal.status).toBe(200);
      const end = await h.run('ESC', () => undefined);
      expect(end.task).toBeNull(); // no approval asked: the escalation was the decision
      expect(end).toMatchObject({ status: 'finished', invoices: [expect.objectContaining({ status: 'with-legal', level: 'LEGAL' })] });
    });
  });

  it('skips the optional call when the collectors\' pool is over capacity, and records why', async () => {
    poolCapacity.collectors = 0;
    try {
      await withWorker(async () => {
        const today = await otherCustomer('CAP', [['CAP-1', 1]]);
        const end = await h.run('CAP', routineAnswers);
        expect(stepsTaken(end)).toContain(`T1 (skipped) ${addDays(today, 38)}`);
        expect(end.journal.find((e) => e.action === 'T1 skipped')!.detail).toBe('optional call: the collectors pool is over capacity');
      });
    } finally {
      delete poolCapacity.collectors;
    }
  });

  it('sends a reminder once when the worker crashes after recording it and the activity runs again', async () => {
    let attempts = 0;
    const queue = 'crash-test';
    const crashing = await testWorker(env, db.orm, queue, { wrap: (activities) => ({
      ...activities,
      async sendDunningMessage(request) {
        const result = await activities.sendDunningMessage(request);
        attempts += 1;
        if (attempts === 1) throw ApplicationFailure.retryable('the worker died before reporting the result');
        return result;
      },
    }) });
    const own = await createHarness(env, db, queue);
    try {
      await crashing.runUntil(async () => {
        await own.registerCustomer('CRS', { revenueRank: 9_000 });
        await own.registerInvoice('CRS', 'CRS-1', addDays(await own.today(), -10));
        await eventually(async () => expect((await own.settle('CRS')).messagesSent).toBe(1), 60_000);
        expect(attempts).toBe(2);
        expect(await messagesOf('CRS')).toHaveLength(1);
        // Finish the dossier while this worker still runs it.
        await own.post('CRS', 'payments', { invoiceNumber: 'CRS-1', amountCents: 100_000, actor: 'bank' });
        await env.client.workflow.getHandle(dossierWorkflowId('CRS')).result();
      });
    } finally {
      await own.close();
      // A dossier left running on this stopped worker would hold the server's clock.
      await env.client.workflow.getHandle(dossierWorkflowId('CRS')).terminate('test over').catch(() => undefined);
    }
  });

  it('asks a person to approve the formal notice, and skips it when they refuse', async () => {
    await withWorker(async () => {
      await otherCustomer('APR', [['APR-1', -25]]);
      const waiting = await h.run('APR', routineAnswers, until((v) => v.task?.kind === 'approval'));
      expect(waiting.task).toMatchObject({ stepCode: 'IGS', pool: 'credit-managers' });
      const tasks = await h.api.inject({ method: 'GET', url: '/tasks?pool=credit-managers' });
      const actionList = tasks.json<Array<{ dossierId: string }>>();
      expect(actionList.filter((task) => task.dossierId === 'dossier:APR')).toEqual([expect.objectContaining({ kind: 'approval', stepCode: 'IGS', status: 'open' })]);
      const refused = await h.post('APR', `tasks/${waiting.task!.id}/complete`, { outcome: 'rejected', actor: 'marc', reason: 'call first' });
      expect(refused.status).toBe(200);
      const after = await h.settle('APR');
      expect(after.journal.map((e) => e.action)).toContain('IGS skipped');
      expect(after.messagesSent).toBe(2); // R1 and R2, no formal notice
    });
  });

  it('turns a call that reaches the customer into a promise, and a disputed call into a complaint', async () => {
    await withWorker(async () => {
      const today = await otherCustomer('CAL', [['CAL-1', 1]], { riskClass: 'high' }); // risk track: T1 on day 9
      const call = await h.run('CAL', routineAnswers, until((v) => v.task?.kind === 'phone-call'));
      const promiseDate = addDays(today, 20);
      const reply = await h.post('CAL', `tasks/${call.task!.id}/complete`, { outcome: 'reached-promise', promiseDate, actor: 'collector' });
      expect(reply.body).toMatchObject({ promise: { date: promiseDate, invoiceNumbers: ['CAL-1'] } });
      const wrong = await h.post('CAL', `tasks/${call.task!.id}/complete`, { outcome: 'no-answer', actor: 'collector' });
      expect(wrong.status).toBe(422);
    });
  });

  it('refuses invalid commands with the reason, and keeps them out of history', async () => {
    await withWorker(async () => {
      const today = await otherCustomer('VAL', [['VAL-1', 5]]);
      const cases: Array<[string, Record<string, unknown>, string]> = [
        ['pause', { until: addDays(today, -1), ...staff }, 'until'],
        ['promises', { date: addDays(today, 5), invoiceNumbers: ['NOPE'], ...staff }, 'invoiceNumbers'],
        ['complaints', { complaintId: 'K9', type: 'XX_01', invoiceNumbers: ['VAL-1'], ...staff }, 'type'],
        ['procedure', { procedureId: 'top-400', version: 7, ...staff }, 'No procedure top-400@v7; published'],
      ];
      for (const [path, body, field] of cases) {
        const answer = await h.post('VAL', path, body);
        expect(answer.status).toBe(422);
        expect(JSON.stringify(answer.body)).toContain(field);
      }
      const history = await env.client.workflow.getHandle(dossierWorkflowId('VAL')).fetchHistory();
      const updates = (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
      expect(updates).toHaveLength(0);
    });
  });

  it('continues as new before its history grows long, without losing invoices and payments sent meanwhile', async () => {
    await withWorker(async () => {
      await h.registerCustomer('CAN', { revenueRank: 9_000 });
      const today = await h.today();
      const input = { customerId: 'CAN', customerKind: 'B2B' as const, timeZone: 'Europe/Brussels', procedure: { id: 'other', version: 1 }, continueAsNewAfterEvents: 40 };
      const numbers = Array.from({ length: 12 }, (_, i) => `CAN-${i + 1}`);
      const send = (number: string) =>
        env.client.workflow.signalWithStart(DOSSIER_WORKFLOW_TYPE, {
          workflowId: dossierWorkflowId('CAN'), taskQueue: TASK_QUEUE, args: [input], signal: invoiceRegisteredSignal,
          signalArgs: [{ number, issueDate: addDays(today, -30), dueDate: addDays(today, 20), amountCents: 1_000, currency: 'EUR' }],
        });
      // The first one starts the dossier; the others arrive together while it runs and continues.
      await send(numbers[0]!);
      await Promise.all(numbers.slice(1).map(send));
      for (const number of numbers.slice(0, 6)) {
        const paid = await h.post('CAN', 'payments', { invoiceNumber: number, amountCents: 1_000, actor: 'bank' });
        expect(paid.status).toBe(200);
      }
      const view = await h.settle('CAN');
      expect(view.invoices.map((i) => i.number).sort()).toEqual([...numbers].sort());
      expect(view.invoices.filter((i) => i.status === 'paid')).toHaveLength(6);
      const description = await env.client.workflow.getHandle(dossierWorkflowId('CAN')).describe();
      expect(description.runId).not.toBe(description.raw.workflowExecutionInfo?.firstRunId);
    });
  });
});
