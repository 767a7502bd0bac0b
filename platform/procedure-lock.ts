/**
 * Keeps published procedures immutable: procedures.lock.json holds a fingerprint of each
 * published version. Changing a version that is in the lock is refused (publish the next
 * version instead); `o2c procedures lock` adds versions that are new.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { procedureKey, type Procedure } from '../domain/procedures/definition';

export const LOCK_FILE = path.resolve(__dirname, '..', 'domain', 'procedures', 'procedures.lock.json');

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

export function fingerprint(procedure: Procedure): string {
  return createHash('sha256').update(JSON.stringify(canonical(procedure))).digest('hex');
}

export function readLock(file = LOCK_FILE): Record<string, string> {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>) : {};
}

/** Versions whose content no longer matches the fingerprint they were published with. */
export function changedPublishedVersions(procedures: readonly Procedure[], lock = readLock()): string[] {
  return procedures
    .filter((p) => lock[procedureKey(p)] !== undefined && lock[procedureKey(p)] !== fingerprint(p))
    .map((p) => `${procedureKey(p)} changed after it was published: restore it and publish version ${p.version + 1} instead`);
}

/** Adds new versions to the lock; returns their keys. Refuses while a published one changed. */
export function lockNewVersions(procedures: readonly Procedure[], file = LOCK_FILE): string[] {
  const lock = readLock(file);
  const changed = changedPublishedVersions(procedures, lock);
  if (changed.length > 0) throw new Error(changed.join('\n'));
  const added = procedures.filter((p) => lock[procedureKey(p)] === undefined);
  for (const p of added) lock[procedureKey(p)] = fingerprint(p);
  const sorted = Object.fromEntries(Object.entries(lock).sort(([a], [b]) => a.localeCompare(b)));
  fs.writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
  return added.map(procedureKey);
}
