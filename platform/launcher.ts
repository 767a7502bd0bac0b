/**
 * Starts the product's parts in order and stops them in reverse: the Temporal dev server
 * (embedded mode), the search attributes, the database and its migrations, the worker,
 * the API. `o2c start` runs them all in one process; `o2c api` and `o2c worker` run one
 * part each against an external cluster, as in docker-compose.yml.
 */
import fs from 'node:fs';
import type { MikroORM } from '@mikro-orm/core';
import type { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime, type LogLevel as TemporalLogLevel } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { createHttpCreditDataProvider } from '../adapters/credit-data/http-client';
import type { CreditDataProvider } from '../adapters/credit-data/provider';
import { loadTemplates, TEMPLATES_DIR } from '../adapters/templates';
import { buildApi } from '../api/app';
import type { AppConfig } from '../config';
import { startFakeCreditBureau } from '../fakes/credit-bureau/server';
import { migrate, openDatabase } from '../db/orm';
import { loadAcceptancePolicies } from './acceptance-policies';
import { startDevServer, type DevServer } from './dev-server';
import type { Logger } from './logger';
import { registerSearchAttributes } from './search-attributes';
import { resolveTemporalBinary } from './temporal-binaries';
import { connectClient, connectWorker, temporalEndpoint, type TemporalEndpoint } from './temporal-connection';
import { createWorker } from './worker';

export type Part = 'api' | 'worker';

export interface Running {
  apiUrl?: string;
  temporalAddress: string;
  temporalUiUrl?: string;
  /** Where credit reports come from (the demo bureau's address on embedded defaults). */
  creditDataUrl?: string;
  /** Stops every part, in reverse order of start. */
  stop(): Promise<void>;
  /** Settles when the worker stops by itself (a fatal error); never when only the API runs. */
  done: Promise<void>;
}

const TEMPORAL_LEVELS: Record<string, TemporalLogLevel> = {
  trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR', fatal: 'ERROR', silent: 'ERROR',
};

/** Routes the Temporal SDK's own logs (worker, core) into our logger. Once per process. */
export function installTemporalRuntime(config: AppConfig, logger: Logger): void {
  const log = logger.child({ component: 'temporal-sdk' });
  Runtime.install({
    // The launcher handles Ctrl-C itself, so it can stop the API before the worker.
    shutdownSignals: [],
    logger: new DefaultLogger(TEMPORAL_LEVELS[config.log.level] ?? 'INFO', (entry) => {
      const level = entry.level === 'TRACE' ? 'trace' : (entry.level.toLowerCase() as 'debug' | 'info' | 'warn' | 'error');
      log[level](entry.meta ?? {}, entry.message);
    }),
  });
}

async function startTemporal(config: AppConfig, logger: Logger): Promise<{ endpoint: TemporalEndpoint; devServer?: DevServer }> {
  const server = config.temporal.server;
  if (server.kind === 'external') return { endpoint: temporalEndpoint(config.temporal) };
  const binary = await resolveTemporalBinary('cli', {
    explicitPath: config.tools.temporalCliPath,
    searchPath: config.tools.searchPath,
    downloadDir: config.tools.toolsDir,
    log: (message) => logger.info(message),
  });
  logger.info({ binary: binary.path, found: binary.source }, 'starting the embedded Temporal dev server');
  const devServer = await startDevServer({
    binary: binary.path,
    port: server.port,
    ui: server.ui,
    uiPort: server.uiPort,
    databaseFile: server.databaseFile,
    namespace: config.temporal.namespace,
    logger,
  });
  return { endpoint: temporalEndpoint(config.temporal, devServer.address), devServer };
}

export async function openApplicationDatabase(config: AppConfig, logger: Logger): Promise<MikroORM> {
  const orm = await openDatabase(config.database);
  if (config.database.migrate) {
    const applied = await migrate(orm);
    if (applied.length > 0) logger.info({ applied }, `applied ${applied.length} database migration(s)`);
  }
  return orm;
}

/** The configured provider, or (embedded defaults) the demo bureau, started here and stopped with the rest. */
async function creditDataProvider(config: AppConfig, logger: Logger): Promise<{ provider: CreditDataProvider; url: string; stop?: () => Promise<void> }> {
  if (config.creditData.kind === 'provider') return { provider: createHttpCreditDataProvider(config.creditData), url: config.creditData.baseUrl };
  const bureau = await startFakeCreditBureau();
  logger.warn({ url: bureau.url }, 'CREDIT_DATA_BASE_URL is not set: credit checks use the local demo bureau and its made-up reports. Set CREDIT_DATA_BASE_URL and CREDIT_DATA_API_KEY before deciding on real customers.');
  return { provider: createHttpCreditDataProvider({ baseUrl: bureau.url, apiKey: bureau.apiKey }), url: `${bureau.url} (demo)`, stop: () => bureau.close() };
}

export async function launch(config: AppConfig, logger: Logger, parts: Part[]): Promise<Running> {
  const stack: Array<{ name: string; stop: () => Promise<unknown> }> = [];
  const stop = async () => {
    for (const part of stack.splice(0).reverse()) {
      try {
        await part.stop();
        logger.debug(`stopped ${part.name}`);
      } catch (error) {
        logger.warn({ err: error }, `stopping ${part.name} failed`);
      }
    }
  };
  try {
    fs.mkdirSync(config.dataDir, { recursive: true });
    // Checked before anything starts: a policy file with a mistake stops the start, saying where.
    const acceptancePolicies = loadAcceptancePolicies(config.acceptancePoliciesFile);
    if (config.creditor.enterpriseNumber === '0000.000.097') {
      logger.warn('O2C_CREDITOR_NAME and O2C_CREDITOR_ENTERPRISE_NUMBER are not set: messages are signed by a demo company. Set them (and O2C_CREDITOR_IBAN, O2C_CREDITOR_EMAIL) before sending real reminders.');
    }
    const { endpoint, devServer } = await startTemporal(config, logger);
    if (devServer) stack.push({ name: 'the Temporal dev server', stop: () => devServer.stop() });

    const client: Client = await connectClient(endpoint, config.temporal.namespace);
    stack.push({ name: 'the Temporal client', stop: () => client.connection.close() });
    if (config.temporal.registerSearchAttributes) {
      const added = await registerSearchAttributes(client.connection as Connection, config.temporal.namespace);
      if (added.length > 0) logger.info({ added }, 'registered search attributes');
    }

    const orm = await openApplicationDatabase(config, logger);
    stack.push({ name: 'the database', stop: () => orm.close() });

    let done: Promise<void> = new Promise(() => undefined);
    let creditDataUrl: string | undefined;
    if (parts.includes('worker')) {
      const creditData = await creditDataProvider(config, logger);
      if (creditData.stop) stack.push({ name: 'the demo credit bureau', stop: creditData.stop });
      creditDataUrl = creditData.url;
      const connection = await connectWorker(endpoint);
      stack.push({ name: 'the worker connection', stop: () => connection.close() });
      const worker = await createWorker({
        connection,
        namespace: config.temporal.namespace,
        taskQueue: config.temporal.taskQueue,
        orm,
        templates: loadTemplates(TEMPLATES_DIR),
        creditor: config.creditor,
        poolCapacity: config.poolCapacity,
        creditData: creditData.provider,
        temporal: client,
      });
      const running = worker.run();
      stack.push({ name: 'the worker', stop: async () => {
          if (worker.getState() === 'RUNNING') worker.shutdown();
          await running;
        },
      });
      done = running;
      logger.info({ taskQueue: config.temporal.taskQueue }, 'worker polling');
    }

    let api: FastifyInstance | undefined;
    if (parts.includes('api')) {
      api = await buildApi(
        { orm, temporal: client, taskQueue: config.temporal.taskQueue, creditor: config.creditor, acceptancePolicies, defaultTimeZone: config.timeZone },
        logger.child({ component: 'api' }),
      );
      const server = api;
      await server.listen({ host: config.api.host, port: config.api.port });
      stack.push({ name: 'the API', stop: () => server.close() });
    }
    return {
      apiUrl: api ? `http://${config.api.host}:${config.api.port}` : undefined,
      temporalAddress: endpoint.address,
      temporalUiUrl: devServer?.uiUrl,
      creditDataUrl,
      stop,
      done,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
