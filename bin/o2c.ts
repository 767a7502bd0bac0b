#!/usr/bin/env -S npx tsx
/**
 * The o2c command: `o2c start` runs the whole product on embedded defaults; the other
 * commands run one part or one chore. `o2c --help` and `o2c <command> --help` explain.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { redactedConfig, type AppConfig } from '../config';
import { environmentSchema, environmentVariableNames } from '../config/environment';
import { generateMigrations } from '../db/migration-generator';
import { createLogger, type Logger } from '../platform/logger';
import { installTemporalRuntime, launch, openApplicationDatabase, type Part } from '../platform/launcher';
import { resolveTemporalBinary, type TemporalBinaryKind } from '../platform/temporal-binaries';
import { bundleWorkflows } from '../platform/worker';
import { creditPolicyCommand } from './credit-policy-command';
import { proceduresCommand } from './procedures-command';
import { configOrExit } from '../platform/config-or-exit';


/** Runs parts until Ctrl-C (or SIGTERM), then stops them cleanly; a second Ctrl-C forces. */
async function runUntilSignal(parts: Part[]): Promise<void> {
  const config = configOrExit();
  const logger = createLogger(config.log);
  if (parts.includes('worker')) installTemporalRuntime(config, logger);
  if (!parts.includes('worker') || !parts.includes('api')) {
    if (config.temporal.server.kind === 'embedded') {
      logger.error(
        `o2c ${parts[0]} runs one part against an existing Temporal cluster: set TEMPORAL_ADDRESS, or use \`o2c start\` for everything in one process`,
      );
      process.exit(2);
    }
  }
  let running: Awaited<ReturnType<typeof launch>>;
  try {
    running = await launch(config, logger, parts);
  } catch (error) {
    logger.fatal({ err: error }, `could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  const where = [
    running.apiUrl && `API ${running.apiUrl} (docs ${running.apiUrl}/docs)`,
    `Temporal ${running.temporalAddress}`,
    running.temporalUiUrl && `Temporal UI ${running.temporalUiUrl}`,
    `database ${config.database.kind === 'sqlite' ? config.database.file : 'PostgreSQL'}`,
    running.creditDataUrl && `credit data ${running.creditDataUrl}`,
  ].filter(Boolean);
  logger.info(`o2c-engine is running: ${where.join(' · ')}. Press Ctrl-C to stop.`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(130);
    }
    stopping = true;
    logger.info(`${signal} received: stopping (Ctrl-C again to force)`);
    await running.stop();
    logger.info('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  running.done.then(
    () => undefined,
    async (error: unknown) => {
      logger.fatal({ err: error }, 'the worker stopped with an error');
      await running.stop();
      process.exit(1);
    },
  );
}

async function withLogger<T>(task: (config: AppConfig, logger: Logger) => Promise<T>): Promise<void> {
  const config = configOrExit();
  const logger = createLogger(config.log);
  try {
    await task(config, logger);
  } catch (error) {
    logger.fatal({ err: error }, (error as Error).message);
    process.exit(1);
  }
}

const program = new Command('o2c')
  .description('o2c-engine: order to cash and integrated credit management on Temporal')
  .showHelpAfterError('(add --help for the commands and their options)')
  .addHelpText(
    'after',
    `\nConfiguration comes from environment variables (${environmentVariableNames.length} of them); see \`o2c config --help\` and README.md.`,
  );

program
  .command('start')
  .description('Run everything: Temporal (embedded dev server unless TEMPORAL_ADDRESS is set), the worker and the API')
  .action(() => runUntilSignal(['worker', 'api']));

program
  .command('api')
  .description('Run only the HTTP API, against the cluster in TEMPORAL_ADDRESS')
  .action(() => runUntilSignal(['api']));

program
  .command('worker')
  .description('Run only the Temporal worker, against the cluster in TEMPORAL_ADDRESS')
  .action(() => runUntilSignal(['worker']));

program
  .command('migrate')
  .description('Apply pending database migrations and exit')
  .action(() =>
    withLogger(async (config, logger) => {
      const orm = await openApplicationDatabase({ ...config, database: { ...config.database, migrate: true } }, logger);
      await orm.close();
      logger.info('the database schema is up to date');
    }),
  );

program
  .command('db:migration')
  .description('Write a new migration for SQLite and PostgreSQL from the entity changes (for developers)')
  .argument('[name]', 'short name for the migration, e.g. add-complaints')
  .option('--postgres <url>', 'PostgreSQL server to generate against', 'postgres://postgres@127.0.0.1:5432/postgres')
  .action((name: string | undefined, options: { postgres: string }) =>
    withLogger(async (_config, logger) => {
      const results = await generateMigrations(options.postgres, name);
      for (const result of results) logger.info(`${result.dialect}: ${result.file ?? 'no changes'}`);
    }),
  );

program
  .command('bundle')
  .description('Build the workflow bundle (what the worker runs); fails on code that breaks determinism')
  .option('--out <file>', 'where to write it', 'dist/workflow-bundle.js')
  .action((options: { out: string }) =>
    withLogger(async (_config, logger) => {
      const { code } = await bundleWorkflows();
      fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
      fs.writeFileSync(options.out, code);
      logger.info(`workflow bundle written to ${options.out} (${Math.round(code.length / 1024)} KiB)`);
    }),
  );

program
  .command('temporal-path')
  .description('Print the absolute path of a Temporal binary, installing it with pip when missing')
  .argument('[which]', 'cli (dev server) or test-server (time-skipping)', 'cli')
  .action((which: string) =>
    withLogger(async (config, logger) => {
      if (which !== 'cli' && which !== 'test-server') throw new Error(`which: expected cli or test-server, got "${which}"`);
      const kind: TemporalBinaryKind = which;
      const resolved = await resolveTemporalBinary(kind, {
        explicitPath: kind === 'cli' ? config.tools.temporalCliPath : config.tools.temporalTestServerPath,
        searchPath: config.tools.searchPath,
        downloadDir: config.tools.toolsDir,
        log: (message) => logger.info(message),
      });
      process.stdout.write(`${resolved.path}\n`);
    }),
  );

program
  .command('config')
  .description('Check the configuration and print it (secrets hidden); lists every variable with --help')
  .addHelpText(
    'after',
    '\nVariables:\n' +
      environmentVariableNames
        .map((name) => {
          const schema = environmentSchema.properties[name];
          const fallback = 'default' in schema ? ` (default: ${JSON.stringify(schema.default)})` : '';
          return `  ${name}${fallback}\n      ${schema.description}`;
        })
        .join('\n'),
  )
  .action(() => {
    const config = configOrExit();
process.stdout.write(`${JSON.stringify(redactedConfig(config), null, 2)}\n`);
  });

program.addCommand(proceduresCommand);
program.addCommand(creditPolicyCommand);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
