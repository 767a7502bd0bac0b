/**
 * Short-lived databases for generating migrations and for tests: an SQLite file in a
 * temporary folder, or a uniquely named PostgreSQL database created next to the one in
 * the given URL and dropped afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DatabaseConfig } from '../config';
import type { Dialect } from './orm';

export interface ScratchDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database; `postgresUrl` names the server (and a database to connect to first). */
export async function createScratchDatabase(dialect: Dialect, postgresUrl?: string): Promise<ScratchDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o2c-db-'));
    return {
      config: { kind: 'sqlite', file: path.join(dir, 'o2c.sqlite'), migrate: true },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!postgresUrl) throw new Error('A PostgreSQL URL is needed to create a scratch PostgreSQL database');
  const name = `o2c_scratch_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await adminQuery(postgresUrl, `create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgresql', url: url.toString(), migrate: true },
    drop: () => adminQuery(postgresUrl, `drop database if exists ${name} with (force)`),
  };
}
