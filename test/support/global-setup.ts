/**
 * Runs once before the suite: finds (or installs) both Temporal binaries, builds the
 * workflow bundle once for every test worker, and checks PostgreSQL. What it found is
 * passed to the test workers through environment variables (see test/support/env.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { resolveTemporalBinary } from '../../platform/temporal-binaries';
import { bundleWorkflows } from '../../platform/worker';
import { TEST_ENV } from './env';

async function postgresReachable(url: string): Promise<string | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const log = (message: string) => process.stderr.write(`[setup] ${message}\n`);
  const searchPath = process.env.PATH ?? '';
  const downloadDir = path.join(os.tmpdir(), 'o2c-temporal-download');
  const testServer = await resolveTemporalBinary('test-server', {
    explicitPath: process.env.TEMPORAL_TEST_SERVER_PATH,
    searchPath,
    downloadDir,
    log,
  });
  const cli = await resolveTemporalBinary('cli', { explicitPath: process.env.TEMPORAL_CLI_PATH, searchPath, downloadDir, log });
  process.env[TEST_ENV.testServerPath] = testServer.path;
  process.env[TEST_ENV.cliPath] = cli.path;

  const bundleFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'o2c-bundle-')), 'workflow-bundle.js');
  const { code } = await bundleWorkflows();
  fs.writeFileSync(bundleFile, code);
  process.env[TEST_ENV.workflowBundle] = bundleFile;

  const postgresUrl = process.env[TEST_ENV.postgresUrl] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const problem = await postgresReachable(postgresUrl);
  if (problem) {
    if (process.env.CI) {
      throw new Error(`PostgreSQL at ${postgresUrl} is required in CI and is not reachable: ${problem}`);
    }
    log(`PostgreSQL at ${postgresUrl} is not reachable (${problem}): its tests are skipped. Start it, or set ${TEST_ENV.postgresUrl}.`);
    process.env[TEST_ENV.postgresUrl] = '';
  } else {
    process.env[TEST_ENV.postgresUrl] = postgresUrl;
  }
  log(`temporal ${cli.path} (${cli.source}), test server ${testServer.path} (${testServer.source}), bundle ${Math.round(code.length / 1024)} KiB, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
