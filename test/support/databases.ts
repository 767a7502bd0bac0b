/** Runs database tests on SQLite and, where reachable (always in CI), on PostgreSQL. */
import type { MikroORM } from '@mikro-orm/core';
import { migrate, openDatabase, type Dialect } from '../../db/orm';
import { createScratchDatabase, type ScratchDatabase } from '../../db/scratch-database';
import { postgresUrl } from './env';

export const dialects: Dialect[] = ['sqlite', 'postgresql'];

/** `describe` for a dialect, skipped (and so counted as skipped) when PostgreSQL is absent outside CI. */
export function describeDialect(dialect: Dialect): jest.Describe {
  return dialect === 'postgresql' && !postgresUrl() ? describe.skip : describe;
}

export interface TestDatabase {
  orm: MikroORM;
  scratch: ScratchDatabase;
  close(): Promise<void>;
}

/** A fresh, migrated database of the dialect. */
export async function openTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  const scratch = await createScratchDatabase(dialect, postgresUrl());
  const orm = await openDatabase(scratch.config);
  await migrate(orm);
  return {
    orm,
    scratch,
    close: async () => {
      await orm.close(true);
      await scratch.drop();
    },
  };
}
