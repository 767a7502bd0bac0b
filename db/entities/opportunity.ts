import { BigIntType, EntitySchema, OptionalProps } from '@mikro-orm/core';
import { Customer } from './customer';

export const OPPORTUNITY_STATUSES = ['checking', 'referred', 'accepted', 'conditions', 'refused'] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];

/**
 * A deal that sales is working on. The credit check happens here, before any contract
 * (DOMAIN.md section 6): `status` follows the check until a decision is taken.
 */
export class Opportunity {
  [OptionalProps]?: 'createdAt' | 'decidedAt';
  id!: string;
  customer!: Customer;
  description!: string;
  /** The exposure sales asks us to accept, in cents. */
  requestedExposureCents!: number;
  /** The payment term sales wants to offer; null when it left it to the contract. */
  requestedPaymentTermDays?: number | null;
  status!: OpportunityStatus;
  createdBy!: string;
  createdAt: Date = new Date();
  decidedAt?: Date | null;
}

export const OpportunitySchema = new EntitySchema<Opportunity>({
  class: Opportunity,
  tableName: 'opportunity',
  properties: {
    id: { type: 'string', length: 64, primary: true },
    customer: { kind: 'm:1', entity: () => Customer, index: true },
    description: { type: 'string', length: 255 },
    requestedExposureCents: { type: new BigIntType('number') },
    requestedPaymentTermDays: { type: 'integer', nullable: true },
    status: { type: 'string', length: 16 },
    createdBy: { type: 'string', length: 100 },
    createdAt: { type: 'datetime' },
    decidedAt: { type: 'datetime', nullable: true },
  },
});
