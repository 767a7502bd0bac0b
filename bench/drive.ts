/**
 * Drives many dossiers (or baseline workflows) at once on the time-skipping server, the
 * way the test harness drives one: skip time to the next thing a dossier waits for, answer
 * its tasks, look again. Dossiers are started directly with signal-with-start, as the API
 * does; approvals are found in the human-task table and answered with `completeTask`.
 *
 * The time-skipping server never moves its clock while a workflow task or an activity is
 * outstanding, so when `env.sleep` returns every dossier has done all it had to do up to
 * then, and the projections in the database are current.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { MikroORM } from '@mikro-orm/core';
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Customer, DossierProjection, HumanTaskRecord } from '../db/entities';
import { addDays, calendarDate, dateInZone, instantAt } from '../domain/calendar';
import { STEP_HOUR } from '../domain/collection/planner';
import {
  completeTaskUpdate,
  DOSSIER_WORKFLOW_TYPE,
  dossierWorkflowId,
  invoiceRegisteredSignal,
  registerPaymentUpdate,
  type DossierInput,
  type DossierView,
} from '../workflows/dossier/contract';
import { customerIdAttribute } from '../workflows/search-attributes';
import type { BaselineInput, baselineWorkflow } from './baseline-workflow';

export const TIME_ZONE = 'Europe/Brussels';
/** "Other customers": R1 day 7, R2 day 21, IGS day 30 (approval), T1 day 37 (optional call), LEGAL day 45 (approval). */
export const PROCEDURE = { id: 'other', version: 1 } as const;
/** The baseline's workflow type: its function's name (the bench imports workflow code as types only). */
const BASELINE_WORKFLOW_TYPE = 'baselineWorkflow';
const INVOICE_CENTS = 100_000;
const DUE_IN_DAYS = 10;
const MINUTE = 60_000;
/** A finished workflow answers its result at once; this only catches one that did not finish. */
const RESULT_TIMEOUT_MS = 60_000;

export type Scenario = 'full-track' | 'paid-on-time';

export interface BenchContext {
  env: TestWorkflowEnvironment;
  /** The server's time as last seen, for the progress bar. */
  clock: { now: number };
  /** A client without the time-skipping wrapper: reading a result must not move the clock. */
  client: Client;
  orm: MikroORM;
  taskQueue: string;
  /** Client calls in flight at once (starts, payments, approvals, results). */
  concurrency: number;
}

export interface RunOutcome {
  /** Workflow ids, in start order. */
  workflowIds: string[];
  /** First run id of each workflow, to follow its history. */
  runIds: Map<string, string>;
  /** Wall time from the first start to the last result. */
  seconds: number;
  /** Started by signal-with-start, as the API starts dossiers (it matters to the action count). */
  startedBySignalWithStart: boolean;
}

/** Runs `work` on every item, at most `limit` at a time. */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const runner = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, runner));
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `env.sleep`, asking the server its time every 2 s meanwhile. A sleep over many busy
 * workflows is one unary call that answers nothing for minutes; the client pings the
 * connection every 30 s, and a gRPC-Java server that has sent nothing since the last
 * ping counts each one as a strike and closes the connection on the third (GOAWAY
 * "too_many_pings"), leaving the sleep without an answer for ever. Any answer on the
 * connection clears the strikes.
 */
export async function skipTime(ctx: BenchContext, ms: number): Promise<void> {
  let done = false;
  const sleeping = ctx.env.sleep(ms).finally(() => {
    done = true;
  });
  while (!done) {
    await Promise.race([sleeping, delay(2_000)]);
    ctx.clock.now = await ctx.env.currentTimeMs();
  }
  await sleeping;
}

const customerIds = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(6, '0')}`);

/** B2B customers on the "other" segment, inserted directly (the API is not part of the benchmark). */
export async function insertCustomers(orm: MikroORM, ids: string[]): Promise<void> {
  const createdAt = new Date();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = ids.slice(i, i + 500).map((id) => ({
      id,
      name: `Bench customer ${id}`,
      email: `ap@${id.toLowerCase()}.example`,
      language: 'nl' as const,
      kind: 'B2B' as const,
      timeZone: TIME_ZONE,
      segment: 'other',
      segmentExplanation: 'benchmark: always the "other" track',
      createdAt,
    }));
    await orm.em.fork().insertMany(Customer, rows);
  }
}

/** Dossiers finished, and the earliest next step of those that are not, from the projections. */
async function projectionStatus(orm: MikroORM, prefix: string): Promise<{ finished: number; nextStepAt?: number }> {
  const em = orm.em.fork();
  const ofPrefix = { customerId: { $like: `${prefix}-%` } };
  const finished = await em.count(DossierProjection, { ...ofPrefix, status: 'finished' });
  const [next] = await em.find(
    DossierProjection,
    { ...ofPrefix, status: { $ne: 'finished' }, nextStepDate: { $ne: null } },
    { orderBy: { nextStepDate: 'asc' }, limit: 1, fields: ['nextStepDate'] },
  );
  return { finished, nextStepAt: next?.nextStepDate ? instantAt(calendarDate(next.nextStepDate), STEP_HOUR, TIME_ZONE) : undefined };
}

/**
 * Approves every open approval (the formal notice and the legal handoff) and skips time
 * to the next step, until every dossier of the prefix is finished.
 */
async function driveUntilFinished(ctx: BenchContext, prefix: string, count: number): Promise<void> {
  const approved = new Set<string>();
  for (let round = 0; round < 500; round += 1) {
    const open = await ctx.orm.em
      .fork()
      .find(HumanTaskRecord, { status: 'open', kind: 'approval', dossierId: { $like: `dossier:${prefix}-%` } }, { fields: ['id', 'dossierId'] });
    // A task stays 'open' in the table until the dossier's closeHumanTask has run: answer it once.
    const toApprove = open.filter((task) => !approved.has(task.id));
    await pool(toApprove, ctx.concurrency, async (task) => {
      approved.add(task.id);
      const taskId = task.id.slice(task.dossierId.length + 1);
      await ctx.env.client.workflow
        .getHandle(task.dossierId)
        .executeUpdate(completeTaskUpdate, { args: [{ taskId, outcome: 'approved', actor: 'bench', reason: 'benchmark run' }] });
    });
    const { finished, nextStepAt } = await projectionStatus(ctx.orm, prefix);
    if (finished >= count && toApprove.length === 0) return;
    const now = await ctx.env.currentTimeMs();
    // Just past the next step's time; at least a minute, so that what is due now gets done.
    await skipTime(ctx, Math.max((nextStepAt ?? now) - now, 0) + MINUTE);
  }
  throw new Error(`dossiers ${prefix}-*: not all finished after 500 rounds`);
}

function checkEnd(scenario: Scenario, view: DossierView): string | undefined {
  const invoice = view.invoices[0];
  if (view.status !== 'finished') return `status ${view.status}`;
  if (scenario === 'full-track' && (invoice?.status !== 'with-legal' || invoice.level !== 'LEGAL')) return `invoice ${invoice?.status} at ${invoice?.level}`;
  if (scenario === 'paid-on-time' && (invoice?.status !== 'paid' || view.messagesSent !== 0)) return `invoice ${invoice?.status}, ${view.messagesSent} messages`;
  return undefined;
}

/**
 * `count` dossiers of fresh customers, one invoice each, due in 10 days. Full track: every
 * step to the legal handoff, approvals given. Paid on time: paid on its due date, a week
 * before its first reminder.
 */
export async function runDossiers(ctx: BenchContext, prefix: string, count: number, scenario: Scenario): Promise<RunOutcome> {
  const ids = customerIds(prefix, count);
  await insertCustomers(ctx.orm, ids);
  const today = dateInZone(await ctx.env.currentTimeMs(), TIME_ZONE);
  const dueDate = addDays(today, DUE_IN_DAYS);
  const runIds = new Map<string, string>();
  const started = performance.now();

  await pool(ids, ctx.concurrency, async (customerId) => {
    const input: DossierInput = { customerId, customerKind: 'B2B', timeZone: TIME_ZONE, procedure: { ...PROCEDURE } };
    const invoiceNumber = `${customerId}-F1`;
    const handle = await ctx.env.client.workflow.signalWithStart(DOSSIER_WORKFLOW_TYPE, {
      workflowId: dossierWorkflowId(customerId),
      taskQueue: ctx.taskQueue,
      args: [input],
      signal: invoiceRegisteredSignal,
      signalArgs: [{ number: invoiceNumber, issueDate: addDays(dueDate, -30), dueDate, amountCents: INVOICE_CENTS, currency: 'EUR' }],
      typedSearchAttributes: [{ key: customerIdAttribute, value: customerId }],
    });
    runIds.set(handle.workflowId, handle.signaledRunId);
  });
  if (scenario === 'paid-on-time') {
    // Paid at noon on the due date, while the dossier waits for its first reminder (a week later).
    await skipTime(ctx, instantAt(dueDate, 12, TIME_ZONE) - (await ctx.env.currentTimeMs()));
    await pool(ids, ctx.concurrency, async (customerId) => {
      await ctx.env.client.workflow
        .getHandle(dossierWorkflowId(customerId))
        .executeUpdate(registerPaymentUpdate, { args: [{ invoiceNumber: `${customerId}-F1`, amountCents: INVOICE_CENTS, actor: 'bench' }] });
    });
  }
  await driveUntilFinished(ctx, prefix, count);

  const problems: string[] = [];
  await pool(ids, ctx.concurrency, async (customerId) => {
    const workflowId = dossierWorkflowId(customerId);
    const view = await withTimeout(ctx.client.workflow.getHandle(workflowId).result() as Promise<DossierView>, RESULT_TIMEOUT_MS, workflowId);
    const problem = checkEnd(scenario, view);
    if (problem) problems.push(`${workflowId}: ${problem}`);
  });
  const seconds = (performance.now() - started) / 1000;
  if (problems.length > 0) throw new Error(`${problems.length} dossier(s) did not end as a ${scenario} dossier should:\n  ${problems.slice(0, 10).join('\n  ')}`);
  return { workflowIds: ids.map(dossierWorkflowId), runIds, seconds, startedBySignalWithStart: true };
}

/** `count` baseline workflows of the given shape: started, time skipped to their end, results read. */
export async function runBaseline(ctx: BenchContext, prefix: string, count: number, shape: BaselineInput): Promise<RunOutcome> {
  const workflowIds = Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(6, '0')}`);
  const runIds = new Map<string, string>();
  const started = performance.now();
  await pool(workflowIds, ctx.concurrency, async (workflowId) => {
    const handle = await ctx.env.client.workflow.start<typeof baselineWorkflow>(BASELINE_WORKFLOW_TYPE, { workflowId, taskQueue: ctx.taskQueue, args: [shape] });
    runIds.set(workflowId, handle.firstExecutionRunId);
  });
  await skipTime(ctx, shape.timers * shape.timerMs + MINUTE);
  await pool(workflowIds, ctx.concurrency, async (workflowId) => {
    await withTimeout(ctx.client.workflow.getHandle(workflowId).result(), RESULT_TIMEOUT_MS, workflowId);
  });
  return { workflowIds, runIds, seconds: (performance.now() - started) / 1000, startedBySignalWithStart: false };
}

/** `size` workflows spread evenly over the run. */
export function sampleOf(workflowIds: string[], size: number): string[] {
  if (workflowIds.length <= size) return [...workflowIds];
  return Array.from({ length: size }, (_, k) => workflowIds[Math.floor((k * workflowIds.length) / size)]!);
}
