/** Builders shared by the invoicing tests: a valid invoice unless a test says otherwise. */
import { calendarDate } from '../../domain/calendar';
import { computeInvoice, InvoiceRejected, type InvoiceDocument, type InvoiceInput, type InvoiceLineInput } from '../../domain/invoicing/invoice';

export const d = calendarDate;

export const creditor = { name: 'Demo Company NV', iban: 'BE71 0961 2345 6769', bic: 'GKCCBEBB' };

export function line(unitPriceCents: number, overrides: Partial<InvoiceLineInput> = {}): InvoiceLineInput {
  return { description: 'Consulting', quantity: 1, unitPriceCents, vatCategory: 'S', vatRateBasisPoints: 2100, ...overrides };
}

export function invoiceInput(overrides: Partial<InvoiceInput> = {}): InvoiceInput {
  return {
    kind: 'invoice',
    number: '2026-000123',
    issueDate: d('2026-03-10'),
    paymentTermDays: 30,
    performanceDate: d('2026-03-05'),
    lines: [line(10_000)],
    structuredReferenceBase: '0108068171',
    creditor,
    currency: 'EUR',
    ...overrides,
  };
}

export const invoice = (overrides: Partial<InvoiceInput> = {}): InvoiceDocument => computeInvoice(invoiceInput(overrides));

/** The rejection `action` throws, as { field, reason }; fails the test when it throws anything else or nothing. */
export function rejection(action: () => unknown): { field: string; reason: string } {
  try {
    action();
  } catch (error) {
    if (error instanceof InvoiceRejected) return { field: error.field, reason: error.reason };
    throw error;
  }
  throw new Error('expected an InvoiceRejected, but nothing was thrown');
}
