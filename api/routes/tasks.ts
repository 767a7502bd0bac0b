import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { HumanTaskRecord } from '../../db/entities';
import type { RouteOptions } from '../dependencies';
import { HumanTaskView } from '../schemas';

/** The route that takes a task's outcome, from the workflow that waits for it. */
function answerPath(task: HumanTaskRecord): string {
  const [kind, id] = [task.dossierId.slice(0, task.dossierId.indexOf(':')), encodeURIComponent(task.dossierId.slice(task.dossierId.indexOf(':') + 1))];
  switch (kind) {
    case 'opportunity':
      return `/opportunities/${id}/decision`;
    case 'order':
      return task.kind === 'invoicing' ? `/orders/${id}/retry-invoicing` : `/orders/${id}/release`;
    case 'account':
      return `/customers/${id}/account/review`;
    default:
      return `/dossiers/${encodeURIComponent(task.customerId)}/tasks/${encodeURIComponent(task.id.slice(task.dossierId.length + 1))}/complete`;
  }
}

/** The action list: what credit staff and collectors have to do, earliest deadline first. */
export const taskRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  app.get(
    '/tasks',
    {
      schema: {
        summary: 'The action list: open (and escalated) tasks, earliest deadline first',
        tags: ['tasks'],
        querystring: Type.Object({
          pool: Type.Optional(Type.String({ description: 'e.g. collectors, key-accounts, credit-managers' })),
          status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('escalated'), Type.Literal('done')])),
          limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$', default: '100' })),
        }),
        response: { 200: Type.Array(HumanTaskView) },
      },
    },
    async (request) => {
      const { pool, status, limit } = request.query;
      const statuses: HumanTaskRecord['status'][] = status ? [status] : ['open', 'escalated'];
      const tasks = await deps.orm.em.fork().find(
        HumanTaskRecord,
        { ...(pool ? { pool } : {}), status: { $in: statuses } },
        { orderBy: { dueAt: 'asc' }, limit: Number(limit ?? 100) },
      );
      return tasks.map((task) => ({ ...task, outcome: task.outcome ?? null, answer: { method: 'POST' as const, path: answerPath(task) } }));
    },
  );
};
