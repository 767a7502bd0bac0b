/**
 * Runs the Temporal CLI's dev server as a child process: persisted to an SQLite file
 * (WAL, synchronous=NORMAL) so a restart loses nothing, with the UI when asked. We start
 * it ourselves rather than through the SDK, which gives a server only 5 s to come up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { Logger } from './logger';

export interface DevServerOptions {
  binary: string;
  port: number;
  ip?: string;
  ui: boolean;
  uiPort: number;
  /** SQLite file for the server's state; in memory when absent. */
  databaseFile?: string;
  namespace: string;
  logger: Logger;
  /** How long to wait for the frontend to answer. */
  startTimeoutMs?: number;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

const OUTPUT_LINES_KEPT = 40;

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const ip = options.ip ?? '127.0.0.1';
  const args = ['server', 'start-dev', '--ip', ip, '--port', String(options.port), '--namespace', options.namespace];
  args.push('--log-level', 'warn', '--log-format', 'json');
  if (options.ui) args.push('--ui-ip', ip, '--ui-port', String(options.uiPort), '--ui-disable-news-fetch');
  else args.push('--headless');
  if (options.databaseFile) {
    fs.mkdirSync(path.dirname(options.databaseFile), { recursive: true });
    args.push('--db-filename', options.databaseFile);
    args.push('--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  }
  const log = options.logger.child({ component: 'temporal-dev-server' });
  log.debug({ binary: options.binary, args }, 'starting the Temporal dev server');
  const child = spawn(options.binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      output.push(line);
      if (output.length > OUTPUT_LINES_KEPT) output.shift();
      log.debug(line);
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const address = `${ip}:${options.port}`;
  try {
    await waitUntilServing(address, child, exited, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\nLast lines of the dev server:\n${output.join('\n')}`);
  }
  return {
    address,
    uiUrl: options.ui ? `http://${ip}:${options.uiPort}` : undefined,
    stop: () => stopChild(child, exited),
  };
}

async function waitUntilServing(
  address: string,
  child: ChildProcess,
  exited: Promise<number | null>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined || child.exitCode !== null) {
      throw new Error(`The Temporal dev server exited with code ${exitCode ?? child.exitCode} while starting (is port ${address} taken?)`);
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`The Temporal dev server did not answer on ${address} within ${timeoutMs / 1000} s`);
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
  if (!killed) {
    child.kill('SIGKILL');
    await exited;
  }
}
