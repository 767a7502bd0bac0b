/**
 * A collection procedure as typed data: which steps, in which order, on which day
 * relative to the due date, through which channel, with which template and fees.
 * Operations write procedures as code (see tracks-v1.ts), review them, and publish them
 * under a version; a dossier pins the version it started with.
 */

export const SEGMENTS = ['top-400', 'top-2500', 'other', 'risk'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const CUSTOMER_KINDS = ['B2B', 'B2G', 'B2C'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];

/** The codes of the talk: courtesy reminder, due date, reminders, calls, formal notice, legal. */
export const STEP_CODES = ['RU', 'VVD', 'R1', 'R2', 'R3', 'T1', 'T2', 'T3', 'T4', 'IGS', 'LEGAL'] as const;
export type StepCode = (typeof STEP_CODES)[number];

export type StepKind = 'written-reminder' | 'phone-call' | 'formal-notice' | 'legal-handoff';

export type Channel = 'email' | 'letter' | 'registered-letter' | 'sms' | 'phone' | 'bailiff';

/** Fees a step may claim; which ones apply depends on the customer kind (BELGIUM.md 1-2). */
export type FeeKind =
  | 'b2b-interest'
  | 'b2b-compensation'
  | 'b2c-reminder-fee'
  | 'b2c-interest'
  | 'b2c-fixed-damages';

export const B2B_FEES: readonly FeeKind[] = ['b2b-interest', 'b2b-compensation'];
export const B2C_FEES: readonly FeeKind[] = ['b2c-reminder-fee', 'b2c-interest', 'b2c-fixed-damages'];

export interface DayOffset {
  /** Days after the due date; negative before it. */
  days: number;
  unit: 'calendar' | 'business';
}

export interface StepDefinition {
  code: StepCode;
  kind: StepKind;
  /** Title for people: action lists, timelines, audit. */
  title: string;
  channels: Channel[];
  offset: DayOffset;
  /** Template for written steps and the formal notice. */
  template?: string;
  /** Dropped (and recorded as skipped) when the collectors' pool is over capacity. */
  onlyWhenCollectorsHaveCapacity?: boolean;
  /** A person approves before it goes out (the formal notice, typically). */
  requiresApproval?: boolean;
  fees?: FeeKind[];
  /** Phone steps: who does them, and how long they have. */
  task?: { pool: string; deadline: DayOffset };
}

export interface Procedure {
  id: string;
  version: number;
  title: string;
  segments: Segment[];
  customerKinds: CustomerKind[];
  steps: StepDefinition[];
}

export const procedureKey = (procedure: Pick<Procedure, 'id' | 'version'>) => `${procedure.id}@v${procedure.version}`;
