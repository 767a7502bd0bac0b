import { EntitySchema, PrimaryKeyProp } from '@mikro-orm/core';

/**
 * The last number handed out per series and year. Only db/invoice-numbering.ts writes it,
 * in the transaction that inserts the invoice, so a number is used exactly when an invoice is.
 */
export class InvoiceSequence {
  [PrimaryKeyProp]?: ['series', 'year'];
  series!: string;
  year!: number;
  lastNumber!: number;
}

export const InvoiceSequenceSchema = new EntitySchema<InvoiceSequence>({
  class: InvoiceSequence,
  tableName: 'invoice_sequence',
  properties: {
    series: { type: 'string', length: 16, primary: true },
    year: { type: 'integer', primary: true },
    lastNumber: { type: 'integer' },
  },
});
