import { BigIntType, EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { CalendarDate } from '../../domain/calendar';
import type { InvoiceLine, VatBreakdown } from '../../domain/invoicing/invoice';
import { Customer, type DeliveryChannel } from './customer';

export const INVOICE_KINDS = ['invoice', 'credit-note'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];
export const INVOICE_PURPOSES = ['standard', 'advance', 'final'] as const;
export type InvoicePurpose = (typeof INVOICE_PURPOSES)[number];

/**
 * An invoice or credit note. Invoices registered from outside (POST /invoices) carry
 * only the first block of fields; invoices this engine issues also carry their place in
 * the gapless sequence (db/invoice-numbering.ts), lines and VAT.
 */
export class Invoice {
  [OptionalProps]?: 'handedToDossier' | 'createdAt' | 'kind' | 'purpose';
  number!: string;
  customer!: Customer;
  issueDate!: CalendarDate;
  dueDate!: CalendarDate;
  /** The total to pay, VAT included. */
  amountCents!: number;
  currency!: string;
  /** False until the dossier workflow has acknowledged it: a registration that failed half-way is retried. */
  handedToDossier = false;
  createdAt: Date = new Date();

  kind: InvoiceKind = 'invoice';
  purpose: InvoicePurpose = 'standard';
  /** Series, year and sequence: null for invoices numbered outside this engine. */
  series?: string | null;
  year?: number | null;
  sequence?: number | null;
  orderId?: string | null;
  /** For a credit note: the invoice it credits. */
  creditedInvoiceNumber?: string | null;
  idempotencyKey?: string | null;
  /** The day of delivery or service (the VAT chargeable event), when it differs from the issue date. */
  performanceDate?: CalendarDate | null;
  /** Lines and the taxable base and VAT per rate, as the invoicing rules computed them (domain/invoicing). */
  lines?: InvoiceLine[] | null;
  vatBreakdown?: VatBreakdown[] | null;
  netCents?: number | null;
  vatCents?: number | null;
  /** The 12 digits of the structured communication (+++ddd/dddd/ddddd+++). */
  structuredReference?: string | null;
  /** The EPC QR code payload for paying by phone. */
  epcPayload?: string | null;
  channel?: DeliveryChannel | null;
  /** The day the invoice was paid in full (payment behaviour: days late); null while open. */
  paidOn?: CalendarDate | null;
}

export const InvoiceSchema = new EntitySchema<Invoice>({
  class: Invoice,
  tableName: 'invoice',
  uniques: [{ properties: ['series', 'year', 'sequence'] }],
  properties: {
    number: { type: 'string', length: 64, primary: true },
    customer: { kind: 'm:1', entity: () => Customer, index: true },
    issueDate: { type: 'date' },
    dueDate: { type: 'date' },
    amountCents: { type: new BigIntType('number') },
    currency: { type: 'string', length: 3 },
    handedToDossier: { type: 'boolean', default: false },
    createdAt: { type: 'datetime' },
    kind: { type: 'string', length: 16, default: 'invoice' },
    purpose: { type: 'string', length: 16, default: 'standard' },
    series: { type: 'string', length: 16, nullable: true },
    year: { type: 'integer', nullable: true },
    sequence: { type: 'integer', nullable: true },
    orderId: { type: 'string', length: 64, nullable: true, index: true },
    creditedInvoiceNumber: { type: 'string', length: 64, nullable: true },
    idempotencyKey: { type: 'string', length: 160, nullable: true, unique: true },
    performanceDate: { type: 'date', nullable: true },
    lines: { type: 'json', nullable: true },
    vatBreakdown: { type: 'json', nullable: true },
    netCents: { type: new BigIntType('number'), nullable: true },
    vatCents: { type: new BigIntType('number'), nullable: true },
    structuredReference: { type: 'string', length: 12, nullable: true },
    epcPayload: { type: 'text', nullable: true },
    channel: { type: 'string', length: 16, nullable: true },
    paidOn: { type: 'date', nullable: true },
  },
});
