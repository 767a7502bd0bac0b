/**
 * The HTTP API as a Fastify instance: schemas on every route (request and response),
 * OpenAPI at /docs, one error handler. server startup lives in platform/, tests use inject.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Logger } from 'pino';
import type { ApiDependencies } from './dependencies';
import { installErrorHandler } from './errors';
import { accountRoutes } from './routes/accounts';
import { contractRoutes } from './routes/contracts';
import { erpEventRoutes } from './routes/erp-events';
import { customerRoutes } from './routes/customers';
import { dossierRoutes } from './routes/dossiers';
import { healthRoutes } from './routes/health';
import { invoiceRoutes } from './routes/invoices';
import { opportunityRoutes } from './routes/opportunities';
import { orderRoutes } from './routes/orders';
import { reportRoutes } from './routes/reports';
import { taskRoutes } from './routes/tasks';

export async function buildApi(deps: ApiDependencies, logger?: Logger): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger | undefined,
    // Report every wrong field at once, reject unknown fields instead of dropping them,
    // and never turn "12.5" into a number behind the caller's back.
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  installErrorHandler(app);
  await app.register(swagger, {
    openapi: {
      info: { title: 'o2c-engine API', version: '0.1.0', description: 'Order to cash and credit management on Temporal' },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  for (const routes of [healthRoutes, customerRoutes, opportunityRoutes, contractRoutes, orderRoutes, invoiceRoutes, dossierRoutes, taskRoutes, reportRoutes, accountRoutes, erpEventRoutes]) {
    await app.register(routes, { deps });
  }
  return app;
}
