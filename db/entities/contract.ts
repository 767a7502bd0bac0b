import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { CalendarDate } from '../../domain/calendar';
import type { ContractTerms, InvoicingMoment } from '../../domain/sales/contract-terms';
import { Customer } from './customer';

/**
 * The signed terms with a customer, carrying the credit conditions of the acceptance
 * (advance payment, invoicing upfront, guarantee, cash discount, credit insurance).
 * A renewal is a new contract that names the one it renews.
 */
export class Contract {
  [OptionalProps]?: 'advancePaymentPercent' | 'creditInsuranceRequired' | 'createdAt';
  id!: string;
  customer!: Customer;
  opportunityId?: string | null;
  renewsContractId?: string | null;
  paymentTermDays!: number;
  invoicing!: InvoicingMoment;
  advancePaymentPercent = 0;
  /** A bank guarantee or parent's surety: how much, and from whom. */
  guarantee?: ContractTerms['guarantee'];
  /** `percent` off when paid within `days`. */
  cashDiscount?: ContractTerms['cashDiscount'];
  creditInsuranceRequired = false;
  clauses!: string[];
  startsOn!: CalendarDate;
  endsOn?: CalendarDate | null;
  signedBy!: string;
  createdAt: Date = new Date();
}

export const ContractSchema = new EntitySchema<Contract>({
  class: Contract,
  tableName: 'contract',
  properties: {
    id: { type: 'string', length: 64, primary: true },
    customer: { kind: 'm:1', entity: () => Customer, index: true },
    opportunityId: { type: 'string', length: 64, nullable: true },
    renewsContractId: { type: 'string', length: 64, nullable: true },
    paymentTermDays: { type: 'integer' },
    invoicing: { type: 'string', length: 16 },
    advancePaymentPercent: { type: 'integer', default: 0 },
    guarantee: { type: 'json', nullable: true },
    cashDiscount: { type: 'json', nullable: true },
    creditInsuranceRequired: { type: 'boolean', default: false },
    clauses: { type: 'json' },
    startsOn: { type: 'date' },
    endsOn: { type: 'date', nullable: true },
    signedBy: { type: 'string', length: 100 },
    createdAt: { type: 'datetime' },
  },
});
