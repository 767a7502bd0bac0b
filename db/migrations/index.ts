/**
 * The checked-in migrations of each dialect, listed explicitly so they run the same from
 * TypeScript sources, compiled code and tests. `o2c db:migration` regenerates these lists.
 */
import type { MigrationObject } from '@mikro-orm/core';
import type { Dialect } from '../orm';
import { postgresqlMigrations } from './postgresql';
import { sqliteMigrations } from './sqlite';

export function migrationsFor(dialect: Dialect): MigrationObject[] {
  return dialect === 'sqlite' ? sqliteMigrations : postgresqlMigrations;
}
