import { BigIntType, EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { CalendarDate } from '../../domain/calendar';
import type { InvoiceLineInput } from '../../domain/invoicing/invoice';
import { Contract } from './contract';
import { Customer } from './customer';

export const SALES_ORDER_STATUSES = ['blocked', 'cleared', 'delivered', 'invoiced', 'cancelled'] as const;
export type SalesOrderStatus = (typeof SALES_ORDER_STATUSES)[number];

/**
 * An order under a contract. Every order is a review moment (DOMAIN.md section 6): it is
 * `blocked`, with the reasons, until credit clears it.
 */
export class SalesOrder {
  [OptionalProps]?: 'blockReasons' | 'createdAt' | 'updatedAt';
  id!: string;
  customer!: Customer;
  contract!: Contract;
  /** What is ordered, as the invoicing rules take it (domain/invoicing). */
  lines!: InvoiceLineInput[];
  netCents!: number;
  vatCents!: number;
  totalCents!: number;
  orderedOn!: CalendarDate;
  status!: SalesOrderStatus;
  blockReasons: string[] = [];
  /** The day the goods were delivered or the service was done: the VAT chargeable event. */
  performanceDate?: CalendarDate | null;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const SalesOrderSchema = new EntitySchema<SalesOrder>({
  class: SalesOrder,
  tableName: 'sales_order',
  properties: {
    id: { type: 'string', length: 64, primary: true },
    customer: { kind: 'm:1', entity: () => Customer, index: true },
    contract: { kind: 'm:1', entity: () => Contract },
    lines: { type: 'json' },
    netCents: { type: new BigIntType('number') },
    vatCents: { type: new BigIntType('number') },
    totalCents: { type: new BigIntType('number') },
    orderedOn: { type: 'date' },
    status: { type: 'string', length: 16 },
    blockReasons: { type: 'json', default: '[]' },
    performanceDate: { type: 'date', nullable: true },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime', onUpdate: () => new Date() },
  },
});
