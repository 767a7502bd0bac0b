import { BigIntType, EntitySchema, OptionalProps } from '@mikro-orm/core';

/**
 * A message the engine has decided to send. The idempotency key is made in the workflow,
 * and is unique here: a retried or replayed activity finds the row instead of adding one.
 */
export class OutboxMessage {
  [OptionalProps]?: 'feesCents' | 'status' | 'createdAt' | 'stepDate';
  id!: string;
  idempotencyKey!: string;
  dossierId!: string;
  customerId!: string;
  stepCode!: string;
  channel!: string;
  recipient!: string;
  language!: string;
  template!: string;
  subject!: string;
  body!: string;
  invoiceNumbers!: string[];
  /** The calendar day of the step, in the customer's zone, as the dossier saw it. */
  stepDate?: string | null;
  feesCents = 0;
  status: 'pending' | 'sent' | 'failed' = 'pending';
  createdAt: Date = new Date();
}

export const OutboxMessageSchema = new EntitySchema<OutboxMessage>({
  class: OutboxMessage,
  tableName: 'outbox_message',
  properties: {
    id: { type: 'uuid', primary: true },
    idempotencyKey: { type: 'string', length: 255, unique: true },
    dossierId: { type: 'string', length: 128, index: true },
    customerId: { type: 'string', length: 64, index: true },
    stepCode: { type: 'string', length: 16 },
    channel: { type: 'string', length: 32 },
    recipient: { type: 'string', length: 254 },
    language: { type: 'string', length: 2 },
    template: { type: 'string', length: 64 },
    subject: { type: 'string', length: 255 },
    body: { type: 'text' },
    invoiceNumbers: { type: 'json' },
    stepDate: { type: 'date', nullable: true },
    feesCents: { type: new BigIntType('number'), default: 0 },
    status: { type: 'string', length: 16, default: 'pending' },
    createdAt: { type: 'datetime' },
  },
});
