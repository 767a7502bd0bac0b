/**
 * Opens the application database: SQLite (the embedded default) or PostgreSQL, the same
 * entities and checked-in migrations for both. One ORM per process; callers fork its
 * EntityManager per request or per activity.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MikroORM, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { DatabaseConfig } from '../config';
import { entities } from './entities';
import { migrationsFor } from './migrations';

export type Dialect = DatabaseConfig['kind'];

export interface OpenDatabaseOptions {
  /** Log SQL through this function (debug level). */
  logSql?: (message: string) => void;
}

function commonOptions(config: DatabaseConfig, options: OpenDatabaseOptions): Options {
  return {
    entities,
    extensions: [Migrator],
    allowGlobalContext: false,
    debug: Boolean(options.logSql),
    logger: options.logSql,
    migrations: {
      migrationsList: migrationsFor(config.kind),
      path: path.join(__dirname, 'migrations', config.kind),
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      silent: true,
    },
  };
}

export async function openDatabase(config: DatabaseConfig, options: OpenDatabaseOptions = {}): Promise<MikroORM> {
  if (config.kind === 'sqlite') {
    if (config.file !== ':memory:') fs.mkdirSync(path.dirname(config.file), { recursive: true });
    const orm = await MikroORM.init({ ...commonOptions(config, options), driver: BetterSqliteDriver, dbName: config.file });
    const connection = orm.em.getConnection();
    // WAL lets the API read while the worker writes; NORMAL is durable with WAL and much faster.
    await connection.execute('pragma journal_mode = wal');
    await connection.execute('pragma synchronous = normal');
    await connection.execute('pragma busy_timeout = 5000');
    return orm;
  }
  return MikroORM.init({ ...commonOptions(config, options), driver: PostgreSqlDriver, clientUrl: config.url });
}

/** Applies every pending checked-in migration; returns the names it applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((migration) => migration.name);
}
