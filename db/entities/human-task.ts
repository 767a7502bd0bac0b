import { EntitySchema, OptionalProps } from '@mikro-orm/core';

/**
 * A task for a person, created by a workflow: a phone call to make or a step to approve
 * (collection dossier), a referred credit check, a blocked delivery, a credit review. The
 * action list reads these; the outcome goes back to the workflow as an update.
 */
export type HumanTaskKind = 'phone-call' | 'approval' | 'credit-referral' | 'delivery-block' | 'credit-review' | 'invoicing';

export class HumanTaskRecord {
  [OptionalProps]?: 'status' | 'createdAt' | 'outcome' | 'completedBy' | 'completedAt';
  /** `<workflow id>/<task id>`: unique, and stable when an activity is retried. */
  id!: string;
  /** The workflow that waits for it (a dossier, an opportunity, an order, an account). */
  dossierId!: string;
  customerId!: string;
  kind!: HumanTaskKind;
  stepCode!: string;
  pool!: string;
  invoiceNumbers!: string[];
  summary!: string;
  dueAt!: Date;
  status: 'open' | 'escalated' | 'done' = 'open';
  outcome?: string | null;
  completedBy?: string | null;
  createdAt: Date = new Date();
  completedAt?: Date | null;
}

export const HumanTaskSchema = new EntitySchema<HumanTaskRecord>({
  class: HumanTaskRecord,
  tableName: 'human_task',
  properties: {
    id: { type: 'string', length: 160, primary: true },
    dossierId: { type: 'string', length: 128, index: true },
    customerId: { type: 'string', length: 64 },
    kind: { type: 'string', length: 16 },
    stepCode: { type: 'string', length: 16 },
    pool: { type: 'string', length: 64, index: true },
    invoiceNumbers: { type: 'json' },
    summary: { type: 'string', length: 255 },
    dueAt: { type: 'datetime', index: true },
    status: { type: 'string', length: 16, default: 'open', index: true },
    outcome: { type: 'string', length: 32, nullable: true },
    completedBy: { type: 'string', length: 100, nullable: true },
    createdAt: { type: 'datetime' },
    completedAt: { type: 'datetime', nullable: true },
  },
});
