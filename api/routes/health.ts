import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { RouteOptions } from '../dependencies';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  database: Type.String(),
  temporal: Type.String(),
});

export const healthRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  app.get(
    '/health',
    { schema: { summary: 'Whether the API reaches its database and Temporal', tags: ['health'], response: { 200: Health, 503: Health } } },
    async (_request, reply) => {
      const check = async (probe: () => Promise<unknown>) => {
        try {
          await probe();
          return 'ok';
        } catch (error) {
          return `unreachable: ${(error as Error).message.split('\n')[0]}`;
        }
      };
      const [database, temporal] = await Promise.all([
        check(() => deps.orm.em.fork().getConnection().execute('select 1')),
        check(() => deps.temporal.workflowService.getSystemInfo({})),
      ]);
      const ok = database === 'ok' && temporal === 'ok';
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', database, temporal });
    },
  );
};
