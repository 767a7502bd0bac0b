/**
 * Builds the Temporal worker: the workflow bundle (prebuilt, or bundled from workflows/
 * at start) and the activities with their adapters injected.
 */
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import type { Client } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, Worker, type NativeConnection } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { CreditDataProvider } from '../adapters/credit-data/provider';
import type { TemplateRenderer } from '../adapters/templates';
import type { AppConfig } from '../config';

export const WORKFLOWS_PATH = path.resolve(__dirname, '..', 'workflows', 'index.ts');

export interface WorkerDependencies {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  orm: MikroORM;
  templates: TemplateRenderer;
  creditor: AppConfig['creditor'];
  poolCapacity: AppConfig['poolCapacity'];
  creditData: CreditDataProvider;
  /** For activities that signal or query other workflows (invoice to dossier, exposure). */
  temporal: Client;
  /** A bundle made by `o2c bundle` (or a test's setup); bundled from source when absent. */
  workflowBundlePath?: string;
}

/** Bundles workflows/ quietly (webpack's statistics are not for people running the product). */
export async function bundleWorkflows(): Promise<{ code: string }> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: new DefaultLogger('WARN') });
}

export async function createWorker(deps: WorkerDependencies): Promise<Worker> {
  const workflowBundle = deps.workflowBundlePath ? { codePath: deps.workflowBundlePath } : await bundleWorkflows();
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    workflowBundle,
    activities: createActivities({
      orm: deps.orm,
      templates: deps.templates,
      creditor: deps.creditor,
      poolCapacity: (pool) => deps.poolCapacity[pool] ?? Object.values(deps.poolCapacity)[0] ?? 0,
      creditData: deps.creditData,
      temporal: deps.temporal,
      taskQueue: deps.taskQueue,
    }),
  });
}
