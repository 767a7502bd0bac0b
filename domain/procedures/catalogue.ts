/**
 * The published procedures, and which one serves a customer. A dossier pins the
 * procedure (id and version) it starts with; a new version serves new dossiers, and
 * running ones move only by an explicit procedure change.
 */
import { procedureKey, type CustomerKind, type Procedure, type Segment } from './definition';
import { TRACKS_V1 } from './tracks-v1';

export const PUBLISHED_PROCEDURES: readonly Procedure[] = [...TRACKS_V1];

export class UnknownProcedureError extends Error {
  constructor(what: string) {
    super(`${what}; published: ${PUBLISHED_PROCEDURES.map(procedureKey).join(', ')}`);
    this.name = 'UnknownProcedureError';
  }
}

export function findProcedure(id: string, version: number): Procedure {
  const found = PUBLISHED_PROCEDURES.find((p) => p.id === id && p.version === version);
  if (!found) throw new UnknownProcedureError(`No procedure ${id}@v${version}`);
  return found;
}

/** The newest published procedure for a segment and a customer kind. */
export function procedureFor(segment: Segment, kind: CustomerKind): Procedure {
  const candidates = PUBLISHED_PROCEDURES.filter((p) => p.segments.includes(segment) && p.customerKinds.includes(kind));
  const newest = candidates.sort((a, b) => b.version - a.version)[0];
  if (!newest) throw new UnknownProcedureError(`No procedure serves ${kind} customers in segment ${segment}`);
  return newest;
}
