import { UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/core';

/** Inserts unless the unique key is taken; a racing attempt's row wins. */
export async function insertOnce<T>(orm: MikroORM, find: () => Promise<T | null>, insert: () => Promise<T>): Promise<{ row: T; created: boolean }> {
  const existing = await find();
  if (existing) return { row: existing, created: false };
  try {
    return { row: await insert(), created: true };
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const winner = await find();
    if (!winner) throw error;
    return { row: winner, created: false };
  }
}
