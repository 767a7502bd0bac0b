/**
 * Drives dossiers through the API on the time-skipping server, the way credit staff would:
 * skip to the next thing a dossier waits for, answer its tasks, and look again.
 */
import type { FastifyInstance } from 'fastify';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { buildApi } from '../../api/app';
import { addDays, dateInZone, type CalendarDate } from '../../domain/calendar';
import type { DossierView } from '../../workflows/dossier/contract';
import type { TestDatabase } from './databases';
import { eventually, TEST_CREDITOR } from './temporal';

export interface Harness {
  api: FastifyInstance;
  today(): Promise<CalendarDate>;
  registerCustomer(id: string, fields?: Record<string, unknown>): Promise<void>;
  registerInvoice(customerId: string, number: string, dueDate: CalendarDate, amountCents?: number): Promise<void>;
  view(customerId: string): Promise<DossierView>;
  /** Waits until the dossier has nothing more to do right now. */
  settle(customerId: string): Promise<DossierView>;
  post(customerId: string, path: string, body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Skips time to the next action, answering tasks with `answer`, until `until` holds or nothing is left. */
  run(customerId: string, answer: (view: DossierView) => Record<string, unknown> | undefined, until?: (view: DossierView) => boolean): Promise<DossierView>;
  close(): Promise<void>;
}

export async function createHarness(env: TestWorkflowEnvironment, db: TestDatabase, taskQueue: string): Promise<Harness> {
  const api = await buildApi({ orm: db.orm, temporal: env.client, taskQueue, creditor: TEST_CREDITOR, defaultTimeZone: 'Europe/Brussels' });
  const today = async () => dateInZone(await env.currentTimeMs(), 'Europe/Brussels');
  const view = async (customerId: string) => {
    const response = await api.inject({ method: 'GET', url: `/dossiers/${customerId}` });
    if (response.statusCode !== 200) throw new Error(`GET /dossiers/${customerId}: ${response.statusCode} ${response.body}`);
    return response.json<{ live: DossierView }>().live;
  };
  const settle = (customerId: string) =>
    eventually(async () => {
      const current = await view(customerId);
      const now = await env.currentTimeMs();
      const idle = current.task !== null || current.status === 'finished' || !current.nextAction || Date.parse(current.nextAction.at) > now;
      if (!idle) throw new Error(`dossier ${customerId} still busy: ${JSON.stringify(current.nextAction)}`);
      return current;
    }, 30_000);
  const post = async (customerId: string, path: string, body: Record<string, unknown>) => {
    const response = await api.inject({ method: 'POST', url: `/dossiers/${customerId}/${path}`, payload: body });
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
  };
  return {
    api,
    today,
    view,
    settle,
    post,
    async registerCustomer(id, fields = {}) {
      const response = await api.inject({
        method: 'POST',
        url: '/customers',
        payload: { id, name: `Customer ${id}`, email: `ap@${id.toLowerCase()}.example`, language: 'nl', kind: 'B2B', ...fields },
      });
      if (response.statusCode >= 300) throw new Error(`POST /customers: ${response.statusCode} ${response.body}`);
    },
    async registerInvoice(customerId, number, dueDate, amountCents = 100_000) {
      const response = await api.inject({
        method: 'POST',
        url: '/invoices',
        payload: { number, customerId, issueDate: addDays(dueDate, -30), dueDate, amountCents },
      });
      if (response.statusCode >= 300) throw new Error(`POST /invoices: ${response.statusCode} ${response.body}`);
    },
    async run(customerId, answer, until = (v) => v.status === 'finished') {
      for (let round = 0; round < 200; round += 1) {
        const current = await settle(customerId);
        if (until(current)) return current;
        if (current.task) {
          const reply = answer(current);
          if (!reply) return current;
          const done = await post(customerId, `tasks/${current.task.id}/complete`, reply);
          if (done.status !== 200) throw new Error(`completing ${current.task.id}: ${JSON.stringify(done.body)}`);
          continue;
        }
        if (current.status === 'finished' || !current.nextAction) return current;
        const wait = Date.parse(current.nextAction.at) - (await env.currentTimeMs());
        await env.sleep(Math.max(wait, 0) + 60_000);
      }
      throw new Error('the dossier did not reach the expected state in 200 rounds');
    },
    close: () => api.close(),
  };
}

/** Answers every call "no answer" and approves every step, as a collector and a manager would. */
export const routineAnswers = (view: DossierView) =>
  view.task?.kind === 'approval' ? { outcome: 'approved', actor: 'manager', reason: 'as per procedure' } : { outcome: 'no-answer', actor: 'collector' };

/** The steps done or skipped, in order, with their day: from the dossier's journal. */
export function stepsTaken(view: DossierView): string[] {
  return view.journal
    .filter((entry) => / (done|skipped)$/.test(entry.action))
    .map((entry) => `${entry.action.replace(/ done$/, '').replace(/ skipped$/, ' (skipped)')} ${entry.on}`);
}
