import { BigIntType, EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { CalendarDate } from '../../domain/calendar';
import { Customer } from './customer';

/** An issued invoice; its open amount is kept by the collection dossier. */
export class Invoice {
  [OptionalProps]?: 'handedToDossier' | 'createdAt';
  number!: string;
  customer!: Customer;
  issueDate!: CalendarDate;
  dueDate!: CalendarDate;
  amountCents!: number;
  currency!: string;
  /** False until the dossier workflow has acknowledged it: a registration that failed half-way is retried. */
  handedToDossier = false;
  createdAt: Date = new Date();
}

export const InvoiceSchema = new EntitySchema<Invoice>({
  class: Invoice,
  tableName: 'invoice',
  properties: {
    number: { type: 'string', length: 64, primary: true },
    customer: { kind: 'm:1', entity: () => Customer, index: true },
    issueDate: { type: 'date' },
    dueDate: { type: 'date' },
    amountCents: { type: new BigIntType('number') },
    currency: { type: 'string', length: 3 },
    handedToDossier: { type: 'boolean', default: false },
    createdAt: { type: 'datetime' },
  },
});
