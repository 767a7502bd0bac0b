/** The action list's rows: a task is written once, however often the activity that opens it runs. */
import type { MikroORM } from '@mikro-orm/core';
import { HumanTaskRecord, type HumanTaskKind } from '../db/entities';
import { insertOnce } from './insert-once';

export interface TaskOpening {
  /** `<workflow id>/<task id>`, made in the workflow. */
  taskId: string;
  workflowId: string;
  customerId: string;
  kind: HumanTaskKind;
  /** The procedure step it belongs to; empty for credit tasks. */
  stepCode: string;
  pool: string;
  invoiceNumbers: string[];
  summary: string;
  dueAt: number;
}

export async function openTaskOnce(orm: MikroORM, task: TaskOpening): Promise<void> {
  await insertOnce(
    orm,
    () => orm.em.fork().findOne(HumanTaskRecord, { id: task.taskId }),
    async () => {
      const em = orm.em.fork();
      const row = em.create(HumanTaskRecord, {
        id: task.taskId, dossierId: task.workflowId, customerId: task.customerId, kind: task.kind, stepCode: task.stepCode, pool: task.pool,
        invoiceNumbers: task.invoiceNumbers, summary: task.summary.slice(0, 255), dueAt: new Date(task.dueAt), status: 'open', createdAt: new Date(),
      });
      await em.flush();
      return row;
    },
  );
}
