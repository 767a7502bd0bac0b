import { EntitySchema, OptionalProps } from '@mikro-orm/core';

/**
 * An event the ERP sent (an order created, a delivery confirmed, an order cancelled),
 * kept with what became of it: the ERP may send an event again, and gets the same answer
 * instead of a second order. Also the audit of what the ERP said, and when.
 */
export class ErpEvent {
  [OptionalProps]?: 'receivedAt';
  eventId!: string;
  type!: string;
  occurredAt!: Date;
  payload!: Record<string, unknown>;
  status!: 'applied' | 'rejected';
  /** What the engine answered: the order's stage, or the refusal with its field. */
  outcome!: Record<string, unknown>;
  receivedAt: Date = new Date();
}

export const ErpEventSchema = new EntitySchema<ErpEvent>({
  class: ErpEvent,
  tableName: 'erp_event',
  properties: {
    eventId: { type: 'string', length: 128, primary: true },
    type: { type: 'string', length: 32 },
    occurredAt: { type: 'datetime' },
    payload: { type: 'json' },
    status: { type: 'string', length: 16, index: true },
    outcome: { type: 'json' },
    receivedAt: { type: 'datetime' },
  },
});
