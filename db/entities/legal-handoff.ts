import { BigIntType, EntitySchema, OptionalProps } from '@mikro-orm/core';

/** A file handed to legal collection: which invoices, how much, on which day. */
export class LegalHandoff {
  [OptionalProps]?: 'status' | 'createdAt';
  id!: string;
  idempotencyKey!: string;
  dossierId!: string;
  customerId!: string;
  customerKind!: string;
  invoiceNumbers!: string[];
  principalCents!: number;
  stepDate!: string;
  status: 'pending' | 'sent' = 'pending';
  createdAt: Date = new Date();
}

export const LegalHandoffSchema = new EntitySchema<LegalHandoff>({
  class: LegalHandoff,
  tableName: 'legal_handoff',
  properties: {
    id: { type: 'uuid', primary: true },
    idempotencyKey: { type: 'string', length: 255, unique: true },
    dossierId: { type: 'string', length: 128, index: true },
    customerId: { type: 'string', length: 64 },
    customerKind: { type: 'string', length: 3 },
    invoiceNumbers: { type: 'json' },
    principalCents: { type: new BigIntType('number') },
    stepDate: { type: 'date' },
    status: { type: 'string', length: 16, default: 'pending' },
    createdAt: { type: 'datetime' },
  },
});
