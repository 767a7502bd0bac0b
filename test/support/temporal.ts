/** Temporal for tests: the time-skipping server, a worker on the prebuilt bundle, recorded histories. */
import fs from 'node:fs';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { CreditReportUnavailable, type CreditDataProvider } from '../../adapters/credit-data/provider';
import { loadTemplates, TEMPLATES_DIR } from '../../adapters/templates';
import pino, { type Logger } from 'pino';
import { registerSearchAttributes } from '../../platform/search-attributes';
import { recordingHistories, testServerPath, workflowBundlePath } from './env';

export const HISTORIES_DIR = path.resolve(__dirname, '..', 'replay', 'histories');

/** Keeps the SDK's logs to warnings; once per test process. */
export function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed by an earlier suite in this process.
  }
}

export async function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath() } },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

export const TEST_CREDITOR = { name: 'Demo Company NV', enterpriseNumber: '0000.000.097', iban: 'BE71 0961 2345 6769', email: 'credit@example.com' };

/** Open phone tasks per pool before optional calls are skipped; tests lower it to see the skip. */
export const poolCapacity: Record<string, number> = {};

export type TestActivities = ReturnType<typeof createActivities>;

/** For test files that never run a credit check: any call is a mistake in the test, said loudly. */
const noCreditBureau: CreditDataProvider = {
  fetchReport: () => Promise.reject(new CreditReportUnavailable('provider-error', false, 'this test file starts no credit bureau; pass one to testWorker')),
};

export interface TestWorkerOptions {
  wrap?: (activities: TestActivities) => TestActivities;
  /** The credit-data adapter, pointed at the fake bureau by the files that check credit. */
  creditData?: CreditDataProvider;
}

export function testWorker(
  env: TestWorkflowEnvironment,
  orm: MikroORM,
  taskQueue: string,
  options: TestWorkerOptions = {},
): Promise<Worker> {
  const wrap = options.wrap ?? ((activities: TestActivities) => activities);
  return Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: { codePath: workflowBundlePath() },
    activities: wrap(createActivities({
      orm,
      templates: loadTemplates(TEMPLATES_DIR),
      creditor: TEST_CREDITOR,
      poolCapacity: (pool) => poolCapacity[pool] ?? 10,
      creditData: options.creditData ?? noCreditBureau,
      temporal: env.client,
      taskQueue,
    })),
  });
}

/** With O2C_RECORD_HISTORIES=1 (npm run record-histories), keeps the history for the replay guard. */
export async function recordHistory(name: string, handle: WorkflowHandle): Promise<void> {
  if (!recordingHistories()) return;
  const history = await handle.fetchHistory();
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  fs.writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), `${historyToJSON(history)}\n`);
}

/** Polls until the check passes (it throws until then) or the time is up. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Errors only, so a failing test shows why a request answered 500. */
export function testLogger(): Logger {
  return pino({ level: 'error' });
}

/**
 * A worker that serves a whole test file. One worker per file, not per test: the
 * time-skipping server keeps sending a workflow's tasks to the worker that last ran it,
 * so a dossier left running by a finished per-test worker would stall the clock.
 */
export async function startTestWorker(
  env: TestWorkflowEnvironment,
  orm: MikroORM,
  taskQueue: string,
  options: TestWorkerOptions = {},
): Promise<{ stop(): Promise<void> }> {
  const worker = await testWorker(env, orm, taskQueue, options);
  const running = worker.run();
  return {
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}
